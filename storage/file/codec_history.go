package file

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
)

// A history item's body holds, in order: ID, kind, subject, at, the linked
// records (a count and 16 bytes each), text, direction, number, start,
// duration (nanoseconds, zig-zag varint), end, location, due, priority,
// done, from, to, date, message ID, the changes (a count, then field, from
// and to as text each), and the bookkeeping as for a lead.

// encodeHistory returns the stored form of h.
func encodeHistory(h *leads.HistoryItem) []byte {
	b := append(make([]byte, 0, 128), h.ID[:]...)
	b = appendString(b, string(h.Kind))
	b = appendString(b, h.Subject)
	b = appendTime(b, h.At)
	b = appendCount(b, h.Records == nil, len(h.Records))
	for _, id := range h.Records {
		b = append(b, id[:]...)
	}
	b = appendString(b, h.Text)
	b = appendString(b, string(h.Direction))
	b = appendString(b, h.Number)
	b = appendTime(b, h.Start)
	b = binary.AppendVarint(b, int64(h.Duration))
	b = appendTime(b, h.End)
	b = appendString(b, h.Location)
	b = appendTime(b, h.Due)
	b = appendString(b, string(h.Priority))
	b = appendBool(b, h.Done)
	b = appendString(b, h.From)
	b = appendString(b, h.To)
	b = appendTime(b, h.Date)
	b = appendString(b, h.MessageID)
	b = appendCount(b, h.Changes == nil, len(h.Changes))
	for _, c := range h.Changes {
		b = appendString(b, c.Field)
		b = appendRaw(b, c.From)
		b = appendRaw(b, c.To)
	}
	b = appendTime(b, h.CreatedAt)
	b = appendString(b, h.CreatedBy)
	b = appendTime(b, h.UpdatedAt)
	b = appendString(b, h.UpdatedBy)
	return frame(binary.AppendVarint(b, h.Version), nil)
}

// appendRaw writes a JSON value, keeping nil apart from empty.
func appendRaw(b []byte, r json.RawMessage) []byte {
	b = appendCount(b, r == nil, len(r))
	return append(b, r...)
}

// decodeHistory decodes a stored history item.
func decodeHistory(rec []byte, _ decimals) (*leads.HistoryItem, error) {
	body, blob, err := unframe(rec)
	if err != nil {
		return nil, err
	}
	if len(blob) > 0 {
		return nil, fmt.Errorf("%w: %d stray bytes after a history item", errCorrupt, len(blob))
	}
	return decodeHistoryBody(body)
}

func decodeHistoryBody(body []byte) (*leads.HistoryItem, error) {
	d := &decoder{s: string(body)}
	h := &leads.HistoryItem{ID: d.id()}
	h.Kind = leads.HistoryKind(d.text())
	h.Subject = d.text()
	h.At = d.time()
	if n, isNil := d.count(len(uuid.UUID{})); !isNil {
		h.Records = make([]uuid.UUID, n)
		for i := range h.Records {
			h.Records[i] = d.id()
		}
	}
	h.Text = d.text()
	h.Direction = leads.Direction(d.text())
	h.Number = d.text()
	h.Start = d.time()
	h.Duration = time.Duration(d.varint())
	h.End = d.time()
	h.Location = d.text()
	h.Due = d.time()
	h.Priority = leads.Priority(d.text())
	h.Done = d.bool()
	h.From = d.text()
	h.To = d.text()
	h.Date = d.time()
	h.MessageID = d.text()
	if n, isNil := d.count(3); !isNil {
		h.Changes = make([]leads.FieldChange, n)
		for i := range h.Changes {
			h.Changes[i] = leads.FieldChange{Field: d.text(), From: d.raw(), To: d.raw()}
		}
	}
	h.CreatedAt = d.time()
	h.CreatedBy = d.text()
	h.UpdatedAt = d.time()
	h.UpdatedBy = d.text()
	h.Version = d.varint()
	if err := d.end(); err != nil {
		return nil, err
	}
	return h, nil
}

// raw reads a JSON value written by appendRaw.
func (d *decoder) raw() json.RawMessage {
	n, isNil := d.count(1)
	if isNil || d.err != nil {
		return nil
	}
	r := json.RawMessage(d.s[d.off : d.off+n])
	d.off += n
	return r
}
