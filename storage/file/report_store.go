package file

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"

	"github.com/leadkit/leads"
)

// encodeReport returns the stored form of a saved report: its ID and
// version, then the definition as JSON, which is how the report package
// defines it to persist; all inside the checksummed record frame.
func encodeReport(r *leads.Report) []byte {
	def, err := json.Marshal(r)
	if err != nil {
		// A Report holds only strings, numbers and slices of them: it
		// always encodes. Store an empty definition rather than panic; the
		// decoder refuses it.
		def = nil
	}
	b := append(make([]byte, 0, 32+len(def)), r.ID[:]...)
	b = binary.AppendVarint(b, r.Version)
	b = appendString(b, string(def))
	return frame(b, nil)
}

// decodeReport decodes a stored report.
func decodeReport(rec []byte, _ decimals) (*leads.Report, error) {
	body, blob, err := unframe(rec)
	if err != nil {
		return nil, err
	}
	if len(blob) > 0 {
		return nil, fmt.Errorf("%w: %d stray bytes after a report", errCorrupt, len(blob))
	}
	return decodeReportBody(body)
}

func decodeReportBody(body []byte) (*leads.Report, error) {
	d := &decoder{s: string(body)}
	id := d.id()
	version := d.varint()
	def := d.text()
	if err := d.end(); err != nil {
		return nil, err
	}
	r := &leads.Report{}
	if err := json.Unmarshal([]byte(def), r); err != nil {
		return nil, fmt.Errorf("%w: report definition: %v", errCorrupt, err)
	}
	if r.ID != id {
		return nil, fmt.Errorf("%w: report %s holds the definition of %s", errCorrupt, id, r.ID)
	}
	r.Version = version
	return r, nil
}

// ScanLeads hands fn the leads of q's types that meet q's condition, from
// the index, in no particular order, without copying them
// (leads.LeadScanner).
func (r leadRepo) ScanLeads(ctx context.Context, q leads.Query, fn func(*leads.Lead) bool) error {
	tx, err := r.s.reader()
	if err != nil {
		return err
	}
	return tx.Leads().(leads.LeadScanner).ScanLeads(ctx, q, fn)
}
