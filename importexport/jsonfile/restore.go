package jsonfile

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
)

// ErrNotEmpty means that Restore was given a store that already holds
// records: a backup is restored into a new store. To merge an export into
// a store that has records, read it with Read and import it with
// importexport.Importer.
var ErrNotEmpty = errors.New("leads/json: the store is not empty: restore a backup into a new store, or import it to merge")

// Restored counts what Restore wrote, and lists what it had to adjust.
type Restored struct {
	Users, Criteria, FieldDefinitions, Accounts, Reports int
	Leads, Opportunities, History                        int
	// Warnings name the links of the document to records it does not hold
	// (a backup of a store that kept dangling links): the link was dropped
	// so that everything else could be restored.
	Warnings []string
}

// restoreBatch is how many leads Restore stores in one bulk write.
const restoreBatch = 1000

// Restore reads a document written by Export (layout 1 or 2) from r into
// s, which must hold no records, accounts, users, field definitions,
// opportunities, saved reports or history (ErrNotEmpty); the default
// criteria of a new store are replaced by the document's. Everything is
// written in one Store.Atomic: all of it or, on any error, nothing.
//
// The document is decoded as a stream, one value at a time, so its size
// is not bounded by memory. Records keep their IDs, stamps, scores,
// checks, status steps and merged-away IDs; each starts at version 1.
// Errors name the value at fault ("leads[12]: ...").
func Restore(ctx context.Context, s leads.Store, r io.Reader) (Restored, error) {
	var out Restored
	err := s.Atomic(ctx, func(tx leads.Tx) error {
		out = Restored{}
		if err := requireEmpty(ctx, tx); err != nil {
			return err
		}
		rs := &restore{ctx: ctx, tx: tx, out: &out, accounts: map[uuid.UUID]bool{}, users: map[string]bool{}}
		if err := rs.document(json.NewDecoder(bufio.NewReaderSize(r, 1<<16))); err != nil {
			return err
		}
		return rs.finish()
	})
	return out, err
}

// requireEmpty fails with ErrNotEmpty when tx holds anything a backup
// would restore, and deletes the criteria a new store starts with.
func requireEmpty(ctx context.Context, tx leads.Tx) error {
	has := func(seq func(func(any, error) bool)) (bool, error) {
		for _, err := range seq {
			return true, err
		}
		return false, nil
	}
	// In a fixed order, so the error names the same kind on every run.
	kinds := []struct {
		what string
		seq  func(func(any, error) bool)
	}{
		{"records", values(tx.Leads().List(ctx, leads.Query{Limit: 1}))},
		{"accounts", values(tx.Accounts().List(ctx))},
		{"users", values(tx.Users().List(ctx))},
		{"field definitions", values(tx.FieldDefinitions().List(ctx))},
		{"saved reports", values(tx.Reports().List(ctx))},
		{"opportunities", values(tx.Opportunities().List(ctx, uuid.Nil))},
	}
	for _, k := range kinds {
		found, err := has(k.seq)
		if err != nil {
			return err
		}
		if found {
			return fmt.Errorf("%w (it has %s)", ErrNotEmpty, k.what)
		}
	}
	var ids []uuid.UUID
	for c, err := range tx.Criteria().List(ctx) {
		if err != nil {
			return err
		}
		ids = append(ids, c.ID)
	}
	for _, id := range ids {
		if err := tx.Criteria().Delete(ctx, id); err != nil {
			return err
		}
	}
	return nil
}

// restore is the state of one Restore: what was written so far that later
// values may refer to.
type restore struct {
	ctx      context.Context
	tx       leads.Tx
	out      *Restored
	accounts map[uuid.UUID]bool
	users    map[string]bool // folded names
	batch    []*leads.Lead
	// initiators are the records whose initiator is checked once every
	// record is written (it may come later in the document).
	initiators []uuid.UUID
}

// document reads the top-level object member by member.
func (rs *restore) document(dec *json.Decoder) error {
	if err := expectDelim(dec, '{'); err != nil {
		return err
	}
	seenFormat := false
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return syntax(err)
		}
		key, _ := tok.(string)
		if key != "format" && !seenFormat {
			return fmt.Errorf("leads/json: not a leads export (%q before \"format\")", key)
		}
		switch key {
		case "format":
			var f string
			if err := dec.Decode(&f); err != nil || f != Format {
				return fmt.Errorf("leads/json: not a leads export (format %q, want %q)", f, Format)
			}
			seenFormat = true
		case "version":
			var v int
			if err := dec.Decode(&v); err != nil {
				return fmt.Errorf("leads/json: version: %w", err)
			}
			if v > Version {
				return fmt.Errorf("leads/json: document version %d is newer than this program reads (%d)", v, Version)
			}
		case "users":
			err = each(dec, key, rs.user)
		case "criteria":
			err = each(dec, key, rs.criterion)
		case "field_definitions":
			err = each(dec, key, rs.fieldDefinition)
		case "accounts":
			err = each(dec, key, rs.account)
		case "reports":
			err = each(dec, key, rs.report)
		case "leads":
			err = each(dec, key, rs.lead)
			if err == nil {
				err = rs.flush()
			}
		case "opportunities":
			err = each(dec, key, rs.opportunity)
		case "history":
			err = each(dec, key, rs.history)
		default:
			var skip json.RawMessage
			err = dec.Decode(&skip)
			rs.out.Warnings = append(rs.out.Warnings, fmt.Sprintf("member %q is not part of a backup: left out", key))
		}
		if err != nil {
			return err
		}
	}
	if !seenFormat {
		return errors.New("leads/json: not a leads export (no \"format\")")
	}
	return expectDelim(dec, '}')
}

// each decodes the array that follows into values of type T, one at a
// time, and hands each to write with its index.
func each[T any](dec *json.Decoder, name string, write func(i int, v *T) error) error {
	if err := expectDelim(dec, '['); err != nil {
		return fmt.Errorf("leads/json: %s: %w", name, err)
	}
	for i := 0; dec.More(); i++ {
		v := new(T)
		if err := dec.Decode(v); err != nil {
			return fmt.Errorf("leads/json: %s[%d]: %w", name, i, syntax(err))
		}
		if err := write(i, v); err != nil {
			return fmt.Errorf("leads/json: %s[%d]: %w", name, i, err)
		}
	}
	return expectDelim(dec, ']')
}

func expectDelim(dec *json.Decoder, want json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return syntax(err)
	}
	if d, ok := tok.(json.Delim); !ok || d != want {
		return fmt.Errorf("leads/json: want %q, found %v", want, tok)
	}
	return nil
}

// syntax adds the byte offset to a JSON syntax error.
func syntax(err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("at byte %d: %w", se.Offset, err)
	}
	return err
}

func (rs *restore) user(_ int, u *leads.User) error {
	if err := u.Validate(); err != nil {
		return err
	}
	rs.users[foldName(u.Name)] = true
	rs.out.Users++
	return rs.tx.Users().Create(rs.ctx, u)
}

func (rs *restore) criterion(_ int, c *leads.Criterion) error {
	if err := c.Validate(); err != nil {
		return err
	}
	rs.out.Criteria++
	return rs.tx.Criteria().Create(rs.ctx, c)
}

func (rs *restore) fieldDefinition(_ int, d *leads.FieldDefinition) error {
	if err := d.Validate(); err != nil {
		return err
	}
	rs.out.FieldDefinitions++
	return rs.tx.FieldDefinitions().Create(rs.ctx, d)
}

func (rs *restore) account(_ int, a *leads.Account) error {
	if err := a.Validate(); err != nil {
		return err
	}
	rs.accounts[a.ID] = true
	rs.out.Accounts++
	return rs.tx.Accounts().Create(rs.ctx, a)
}

func (rs *restore) report(_ int, r *leads.Report) error {
	if err := r.Validate(); err != nil {
		return err
	}
	rs.out.Reports++
	return rs.tx.Reports().Create(rs.ctx, r)
}

// lead checks a record against what came before it and queues it for the
// next bulk write.
func (rs *restore) lead(i int, l *leads.Lead) error {
	if l.ID == uuid.Nil {
		return fmt.Errorf("%w: id: a record of a backup has its ID", leads.ErrInvalid)
	}
	if err := l.Validate(); err != nil {
		return err
	}
	if l.AccountID != uuid.Nil && !rs.accounts[l.AccountID] {
		rs.warn("leads[%d] (%s): account %s is not in the backup: link dropped", i, l.ID, l.AccountID)
		l.AccountID = uuid.Nil
	}
	if l.AssignedTo != "" && len(rs.users) > 0 && !rs.users[foldName(l.AssignedTo)] {
		rs.warn("leads[%d] (%s): assigned to %q, who is not a user of the backup: kept as written", i, l.ID, l.AssignedTo)
	}
	if l.InitiatedBy != uuid.Nil {
		rs.initiators = append(rs.initiators, l.ID)
	}
	rs.batch = append(rs.batch, l)
	rs.out.Leads++
	if len(rs.batch) == restoreBatch {
		return rs.flush()
	}
	return nil
}

// flush writes the queued records, in one bulk write where the store has
// one.
func (rs *restore) flush() error {
	if len(rs.batch) == 0 {
		return nil
	}
	defer func() { rs.batch = rs.batch[:0] }()
	if bc, ok := rs.tx.Leads().(leads.BulkCreator); ok {
		return bc.CreateMany(rs.ctx, rs.batch)
	}
	for _, l := range rs.batch {
		if err := rs.tx.Leads().Create(rs.ctx, l); err != nil {
			return fmt.Errorf("record %s: %w", l.ID, err)
		}
	}
	return nil
}

func (rs *restore) opportunity(i int, o *leads.Opportunity) error {
	if err := o.Validate(); err != nil {
		return err
	}
	if _, err := rs.tx.Leads().Get(rs.ctx, o.RecordID); err != nil {
		rs.warn("opportunities[%d] (%s): record %s is not in the backup: left out", i, o.ID, o.RecordID)
		return nil
	}
	rs.out.Opportunities++
	return rs.tx.Opportunities().Create(rs.ctx, o)
}

func (rs *restore) history(i int, h *leads.HistoryItem) error {
	kept := h.Records[:0:0]
	for _, id := range h.Records {
		if _, err := rs.tx.Leads().Get(rs.ctx, id); err == nil {
			kept = append(kept, id)
		} else {
			rs.warn("history[%d] (%s): record %s is not in the backup: link dropped", i, h.ID, id)
		}
	}
	if len(kept) == 0 && len(h.Records) > 0 {
		rs.warn("history[%d] (%s): no record of the backup left to link to: left out", i, h.ID)
		return nil
	}
	h.Records = kept
	if err := h.Validate(); err != nil {
		return err
	}
	rs.out.History++
	return rs.tx.History().Create(rs.ctx, h)
}

// finish checks the links that may point forward in the document: a
// record's initiator is dropped, with a warning, when the backup lacks it.
func (rs *restore) finish() error {
	if err := rs.flush(); err != nil {
		return err
	}
	for _, id := range rs.initiators {
		l, err := rs.tx.Leads().Get(rs.ctx, id)
		if err != nil {
			return err
		}
		if _, err := rs.tx.Leads().Get(rs.ctx, l.InitiatedBy); err == nil {
			continue
		}
		rs.warn("record %s: initiator %s is not in the backup: link dropped", id, l.InitiatedBy)
		if _, err := rs.tx.Leads().Update(rs.ctx, id, func(l *leads.Lead) error {
			l.InitiatedBy = uuid.Nil
			return nil
		}); err != nil {
			return err
		}
	}
	return nil
}

func (rs *restore) warn(format string, args ...any) {
	rs.out.Warnings = append(rs.out.Warnings, fmt.Sprintf(format, args...))
}

// foldName folds a user name as the book compares them: case and
// surrounding space ignored.
func foldName(s string) string { return strings.ToLower(strings.TrimSpace(s)) }
