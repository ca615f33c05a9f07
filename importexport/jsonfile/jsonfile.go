// Package jsonfile writes and reads the JSON export of a book, which is
// also its backup: every record with every field, check, comment, status
// step, merged-away ID and custom field, and everything the records refer
// to or that the book keeps beside them (users with their round-robin turn,
// scoring criteria, field definitions, accounts, saved reports,
// opportunities with their lines, history items with the change log), under
// the field names of the JSON export.
//
// Export writes the document as a stream, record by record, so a book of a
// million leads is backed up in memory that does not grow with it. Restore
// reads one back into an empty store in one all-or-nothing write, also as a
// stream; exporting the restored store gives the same document again,
// except the "version" of each record, which counts the writes of the store
// a record lives in and so starts again at 1.
//
// Read decodes a whole document for importexport.Importer, which merges
// the records and history of an export into a store that already holds
// records (duplicates by ID, e-mail and name at company).
package jsonfile

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/importexport"
)

// Format is the value of the document's "format" member.
const Format = "leads"

// Version is the version of the document layout this package writes.
// Version 2 added users, field definitions, saved reports and
// opportunities to version 1's accounts, criteria, leads and history; both
// are read.
const Version = 2

// Document is the whole JSON export, in the order Export writes its
// members. History holds every history item linked to an exported record
// (the change log among them), once each.
type Document struct {
	Format           string                  `json:"format"`
	Version          int                     `json:"version"`
	Users            []leads.User            `json:"users"`
	Criteria         []leads.Criterion       `json:"criteria"`
	FieldDefinitions []leads.FieldDefinition `json:"field_definitions"`
	Accounts         []leads.Account         `json:"accounts"`
	Reports          []leads.Report          `json:"reports"`
	Leads            []*leads.Lead           `json:"leads"`
	Opportunities    []*leads.Opportunity    `json:"opportunities"`
	History          []*leads.HistoryItem    `json:"history"`
}

// DefaultMaxBytes caps the size of a document Import reads: 1 GiB.
const DefaultMaxBytes = 1 << 30

// ErrTooLarge means that a document exceeds the size limit.
var ErrTooLarge = errors.New("leads/json: document too large")

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
	if s.i >= len(s.doc.Leads) {
		return importexport.Row{}, io.EOF
	}
	s.i++
	l := s.doc.Leads[s.i-1]
	if l == nil {
		return importexport.Row{Number: s.i, Err: &leads.RowError{Row: s.i, Err: fmt.Errorf("%w: null lead", leads.ErrInvalid)}}, nil
	}
	return importexport.Row{Number: s.i, Lead: l, Exact: true}, nil
}

// Accounts returns the accounts of the document.
func (s *Source) Accounts() []leads.Account { return s.doc.Accounts }

// Criteria returns the criteria of the document.
func (s *Source) Criteria() []leads.Criterion { return s.doc.Criteria }

// History returns the history items of the document.
func (s *Source) History() []*leads.HistoryItem { return s.doc.History }
