// Package jsonfile writes and reads the lossless JSON export of a book:
// every field, check, comment and custom field of every record, with the
// accounts and scoring criteria they refer to, under the field names of
// DESIGN.md's JSON export. Importing an export into an empty store and
// exporting again gives the same document, except "version", which counts
// the writes of the store a record lives in and so starts again at 1.
package jsonfile

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
	"github.com/leadkit/leads/importexport"
)

// Format is the value of the document's "format" member.
const Format = "leads"

// Version is the version of the document layout this package writes.
const Version = 1

// Document is the whole JSON export. History holds every history item
// linked to an exported record (the change log among them), once each.
type Document struct {
	Format   string               `json:"format"`
	Version  int                  `json:"version"`
	Accounts []leads.Account      `json:"accounts"`
	Criteria []leads.Criterion    `json:"criteria"`
	Leads    []*leads.Lead        `json:"leads"`
	History  []*leads.HistoryItem `json:"history"`
}

// DefaultMaxBytes caps the size of a document Import reads: 1 GiB.
const DefaultMaxBytes = 1 << 30

// ErrTooLarge means that a document exceeds the size limit.
var ErrTooLarge = errors.New("leads/json: document too large")

// Export writes the records of the given types with every account and
// criterion of the store, streaming the leads one at a time.
func Export(ctx context.Context, w io.Writer, tx leads.Tx, types []leads.RecordType) (int, error) {
	bw := bufio.NewWriter(w)
	var accounts []leads.Account
	for a, err := range tx.Accounts().List(ctx) {
		if err != nil {
			return 0, err
		}
		accounts = append(accounts, *a)
	}
	var criteria []leads.Criterion
	for c, err := range tx.Criteria().List(ctx) {
		if err != nil {
			return 0, err
		}
		criteria = append(criteria, *c)
	}
	head, err := json.Marshal(struct {
		Format   string            `json:"format"`
		Version  int               `json:"version"`
		Accounts []leads.Account   `json:"accounts"`
		Criteria []leads.Criterion `json:"criteria"`
	}{Format, Version, nonNil(accounts), nonNil(criteria)})
	if err != nil {
		return 0, err
	}
	bw.Write(head[:len(head)-1]) // without the closing brace
	bw.WriteString(",\"leads\":[")
	n := 0
	for l, err := range importexport.Records(ctx, tx, types) {
		if err != nil {
			return n, err
		}
		b, err := json.Marshal(l)
		if err != nil {
			return n, fmt.Errorf("leads/json: lead %s: %w", l.ID, err)
		}
		if n > 0 {
			bw.WriteByte(',')
		}
		bw.WriteString("\n")
		bw.Write(b)
		n++
	}
	bw.WriteString("\n],\"history\":[")
	if err := exportHistory(ctx, bw, tx, types); err != nil {
		return n, err
	}
	bw.WriteString("\n]}\n")
	return n, bw.Flush()
}

// exportHistory writes the history items of the exported records, each
// once, in a second pass over the records: the leads stream first, and an
// item linked to several records is written with the first.
func exportHistory(ctx context.Context, bw *bufio.Writer, tx leads.Tx, types []leads.RecordType) error {
	seen := map[uuid.UUID]bool{}
	for l, err := range importexport.Records(ctx, tx, types) {
		if err != nil {
			return err
		}
		for h, err := range tx.History().ByRecord(ctx, l.ID, leads.HistoryFilter{}) {
			if err != nil {
				return err
			}
			if seen[h.ID] {
				continue
			}
			b, err := json.Marshal(h)
			if err != nil {
				return fmt.Errorf("leads/json: history item %s: %w", h.ID, err)
			}
			if len(seen) > 0 {
				bw.WriteByte(',')
			}
			seen[h.ID] = true
			bw.WriteString("\n")
			bw.Write(b)
		}
	}
	return nil
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// Source is an importexport.Source over a decoded document; it is also an
// importexport.Catalog, so Import writes the accounts and criteria first.
// Its rows are Exact: IDs, stamps, scores and checks are kept.
type Source struct {
	doc *Document
	i   int
}

// Read decodes a document of at most maxBytes bytes (0: DefaultMaxBytes).
func Read(r io.Reader, maxBytes int64) (*Source, error) {
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	lr := &io.LimitedReader{R: r, N: maxBytes + 1}
	dec := json.NewDecoder(lr)
	var doc Document
	if err := dec.Decode(&doc); err != nil {
		if lr.N <= 0 {
			return nil, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, maxBytes)
		}
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return nil, fmt.Errorf("leads/json: at byte %d: %w", se.Offset, err)
		}
		return nil, fmt.Errorf("leads/json: %w", err)
	}
	if doc.Format != Format {
		return nil, fmt.Errorf("leads/json: not a leads export (format %q, want %q)", doc.Format, Format)
	}
	if doc.Version > Version {
		return nil, fmt.Errorf("leads/json: document version %d is newer than this program reads (%d)", doc.Version, Version)
	}
	for i, a := range doc.Accounts {
		if err := a.Validate(); err != nil {
			return nil, fmt.Errorf("leads/json: accounts[%d]: %w", i, err)
		}
	}
	for i, c := range doc.Criteria {
		if err := c.Validate(); err != nil {
			return nil, fmt.Errorf("leads/json: criteria[%d]: %w", i, err)
		}
	}
	for i, h := range doc.History {
		if h == nil {
			return nil, fmt.Errorf("leads/json: history[%d]: %w: null item", i, leads.ErrInvalid)
		}
		if err := h.Validate(); err != nil {
			return nil, fmt.Errorf("leads/json: history[%d]: %w", i, err)
		}
	}
	return &Source{doc: &doc}, nil
}

// Next returns the next lead, numbered from 1 in document order.
func (s *Source) Next() (importexport.Row, error) {
	for s.i < len(s.doc.Leads) {
		s.i++
		l := s.doc.Leads[s.i-1]
		if l == nil {
			return importexport.Row{Number: s.i, Err: &leads.RowError{Row: s.i, Err: fmt.Errorf("%w: null lead", leads.ErrInvalid)}}, nil
		}
		return importexport.Row{Number: s.i, Lead: l, Exact: true}, nil
	}
	return importexport.Row{}, io.EOF
}

// Accounts returns the accounts of the document.
func (s *Source) Accounts() []leads.Account { return s.doc.Accounts }

// Criteria returns the criteria of the document.
func (s *Source) Criteria() []leads.Criterion { return s.doc.Criteria }

// History returns the history items of the document.
func (s *Source) History() []*leads.HistoryItem { return s.doc.History }
