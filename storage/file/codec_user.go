package file

import (
	"encoding/binary"
	"fmt"

	"github.com/leadkit/leads"
)

// encodeUser returns the stored form of u: ID, name, e-mail, active,
// last turn and version, in the frame of every record (codec.go).
func encodeUser(u *leads.User) []byte {
	b := append(make([]byte, 0, 64), u.ID[:]...)
	b = appendString(b, u.Name)
	b = appendString(b, u.Email)
	b = appendBool(b, u.Active)
	b = binary.AppendVarint(b, u.LastTurn)
	return frame(binary.AppendVarint(b, u.Version), nil)
}

// decodeUser decodes a stored user. Users hold no decimals; the second
// argument makes the signature that of decodeLead.
func decodeUser(rec []byte, _ decimals) (*leads.User, error) {
	body, blob, err := unframe(rec)
	if err != nil {
		return nil, err
	}
	if len(blob) > 0 {
		return nil, fmt.Errorf("%w: %d stray bytes after a user", errCorrupt, len(blob))
	}
	d := &decoder{s: string(body)}
	u := &leads.User{ID: d.id(), Name: d.text(), Email: d.text(), Active: d.bool()}
	u.LastTurn = d.varint()
	u.Version = d.varint()
	if err := d.end(); err != nil {
		return nil, err
	}
	return u, nil
}
