package jsonfile

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"slices"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
	"github.com/leadkit/leads/importexport"
)

// Export writes the document of the records of the given types (every
// record when types is empty: the book's backup) and returns how many
// records it wrote. Users, criteria, field definitions, accounts and saved
// reports are written whole; the opportunities and history items of the
// exported records follow them. Records, opportunities and history items
// are streamed one at a time, so memory does not grow with the book.
func Export(ctx context.Context, w io.Writer, tx leads.Tx, types []leads.RecordType) (int, error) {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "{\"format\":%q,\"version\":%d", Format, Version)
	sections := []struct {
		name string
		list func(yield func(any, error) bool)
	}{
		{"users", values(tx.Users().List(ctx))},
		{"criteria", values(tx.Criteria().List(ctx))},
		{"field_definitions", values(tx.FieldDefinitions().List(ctx))},
		{"accounts", values(tx.Accounts().List(ctx))},
		{"reports", values(tx.Reports().List(ctx))},
	}
	for _, s := range sections {
		if _, err := writeArray(bw, s.name, s.list, false); err != nil {
			return 0, err
		}
	}
	n, err := writeArray(bw, "leads", values(importexport.Records(ctx, tx, types)), true)
	if err != nil {
		return n, err
	}
	if _, err := writeArray(bw, "opportunities", opportunities(ctx, tx, types), true); err != nil {
		return n, err
	}
	if _, err := writeArray(bw, "history", history(ctx, tx, types), true); err != nil {
		return n, err
	}
	bw.WriteString("}\n")
	return n, bw.Flush()
}

// writeArray writes `,"name":[...]` with the values of list, each on a line
// of its own when lines is set (the long arrays, so that a backup can be
// read with line tools), and returns how many it wrote.
func writeArray(bw *bufio.Writer, name string, list iter.Seq2[any, error], lines bool) (int, error) {
	fmt.Fprintf(bw, ",%q:[", name)
	n := 0
	for v, err := range list {
		if err != nil {
			return n, err
		}
		b, err := json.Marshal(v)
		if err != nil {
			return n, fmt.Errorf("leads/json: %s[%d]: %w", name, n, err)
		}
		if n > 0 {
			bw.WriteByte(',')
		}
		if lines {
			bw.WriteByte('\n')
		}
		bw.Write(b)
		n++
	}
	if lines && n > 0 {
		bw.WriteByte('\n')
	}
	bw.WriteByte(']')
	return n, nil
}

// values turns a typed stream into one of any, for writeArray.
func values[T any](seq iter.Seq2[T, error]) iter.Seq2[any, error] {
	return func(yield func(any, error) bool) {
		for v, err := range seq {
			if !yield(v, err) {
				return
			}
		}
	}
}

// exported tells whether the record with ID id is written by an export of
// types: it exists and is of one of them.
func exported(ctx context.Context, tx leads.Tx, types []leads.RecordType, id uuid.UUID) bool {
	l, err := tx.Leads().Get(ctx, id)
	return err == nil && (len(types) == 0 || slices.Contains(types, l.Type))
}

// opportunities streams the opportunities of the exported records.
func opportunities(ctx context.Context, tx leads.Tx, types []leads.RecordType) iter.Seq2[any, error] {
	return func(yield func(any, error) bool) {
		for o, err := range tx.Opportunities().List(ctx, uuid.Nil) {
			if err == nil && len(types) > 0 && !exported(ctx, tx, types, o.RecordID) {
				continue
			}
			if !yield(o, err) {
				return
			}
		}
	}
}

// history streams the history items of the exported records, each once:
// in a pass over the records in ID order, an item linked to several records
// is written with the exported record of the lowest ID. Nothing is
// remembered from one record to the next, so memory does not grow with the
// history.
func history(ctx context.Context, tx leads.Tx, types []leads.RecordType) iter.Seq2[any, error] {
	return func(yield func(any, error) bool) {
		q := leads.Query{Types: types, Sort: []leads.SortKey{leads.Asc(leads.FieldID)}}
		for l, err := range tx.Leads().List(ctx, q) {
			if err != nil {
				yield(nil, err)
				return
			}
			for h, err := range tx.History().ByRecord(ctx, l.ID, leads.HistoryFilter{}) {
				if err == nil && !firstExported(ctx, tx, types, h, l.ID) {
					continue
				}
				if !yield(h, err) {
					return
				}
			}
		}
	}
}

// firstExported tells whether the record at is, of the records h links to,
// the exported one with the lowest ID.
func firstExported(ctx context.Context, tx leads.Tx, types []leads.RecordType, h *leads.HistoryItem, at uuid.UUID) bool {
	for _, id := range h.Records {
		if bytes.Compare(id[:], at[:]) < 0 && exported(ctx, tx, types, id) {
			return false
		}
	}
	return true
}
