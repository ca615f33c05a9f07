package leads

// Merge
//
// Book.Merge combines 2 to 5 records that are one person into one, the
// survivor the caller picks, and loses nothing by default:
//
//   - single values (company, job title, photo, status, ...) are taken by
//     policy, first-non-empty unless MergeOptions says otherwise, and the
//     name parts and File As come with the full name;
//   - e-mails (by EmailMatchKey), phones (by digits), addresses and web
//     pages are unioned, each kept once;
//   - comments and status steps are all kept, in time order;
//   - checks, custom values and the Details page are merged entry by
//     entry; an automatic score is recomputed from the merged checks, a
//     manual score is kept by policy;
//   - the survivor's MergedFrom gains the others' IDs and their own
//     MergedFrom, so an old ID still finds the survivor (Book.Get,
//     Book.Resolve, LeadRepository.Lookup with MergedKey);
//   - history items linked to the others are linked to the survivor (an
//     item linked to several of them once), their change log entries too,
//     so the survivor's timeline tells the others' past; their
//     opportunities become the survivor's, and records that the others
//     initiated name the survivor as initiator;
//   - the earliest creation of the records is kept, since the person
//     became a lead then;
//   - the others are deleted, and a change log entry on the survivor
//     (KindChange) records the fields changed, where each field came from
//     and the others as they were (see MergeEntry).
//
// Record types: the result is a business contact when any record is one,
// and a lead otherwise. A contact is reached only by conversion (see
// Convert), so a merge never turns a contact back into a lead; the
// contact's status and earliest time of conversion are kept, and custom
// values are checked against the definitions of contacts.
//
// Everything happens in one Store.Atomic: on any error nothing changed.
// MergeOptions.Preview computes the same result without writing.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
)

// MaxMerge is the most records one merge combines: the survivor and four
// others. Larger merges are rarely one person, and a mistake would be
// costly to undo.
const MaxMerge = 5

// MergeResult is what a merge did, or, for a preview, would do.
type MergeResult struct {
	// Lead is the survivor after the merge.
	Lead *Lead `json:"lead"`
	// Merged are the IDs of the others: deleted, they resolve to Lead.
	Merged []uuid.UUID `json:"merged"`
	// Records are the records as they were before the merge, the survivor
	// first.
	Records []*Lead `json:"records"`
	// Fields says where each field of Lead came from.
	Fields []MergeField `json:"fields"`
	// History are the history items moved to the survivor,
	// Opportunities the opportunities, and Initiated the records whose
	// initiator became the survivor.
	History       []uuid.UUID `json:"history"`
	Opportunities []uuid.UUID `json:"opportunities"`
	Initiated     []uuid.UUID `json:"initiated"`
	// Entry is the change log entry of the merge, linked to the survivor.
	Entry *HistoryItem `json:"entry"`
	// Preview is true for the result of a preview (MergeOptions.Preview),
	// which wrote nothing.
	Preview bool `json:"preview"`
}

// Versions returns the version of every record of the merge as it was;
// pass them as MergeOptions.Versions to merge exactly what was previewed.
func (r *MergeResult) Versions() map[uuid.UUID]int64 {
	out := make(map[uuid.UUID]int64, len(r.Records))
	for _, l := range r.Records {
		out[l.ID] = l.Version
	}
	return out
}

// Merge merges the records others into the record survivor, as the notes
// on merging above describe, and returns what it did. There are 2 to
// MaxMerge records in all. Bad input changes nothing: a survivor among the
// others, an ID given twice, too few or too many records, or a policy
// that does not apply give a *FieldError ("others[1]", "company"); an
// unknown ID gives an error matching ErrNotFound that names it (a record
// merged before gives a *MergedError naming the record it was merged
// into: merge that one); a record whose version differs from
// MergeOptions.Versions gives a *ConflictError. The merged record is
// validated as Edit validates. With MergeOptions.Preview, Merge writes
// nothing and returns what it would do.
func (b *Book) Merge(ctx context.Context, survivor uuid.UUID, others []uuid.UUID, opts MergeOptions) (*MergeResult, error) {
	p, err := checkMergeInput(survivor, others, opts)
	if err != nil {
		return nil, err
	}
	if opts.Preview {
		return b.previewMerge(ctx, survivor, others, opts, p)
	}
	now, actor := b.clock.Now().UTC(), Actor(ctx)
	var res *MergeResult
	err = b.store.Atomic(ctx, func(tx Tx) error {
		if err := lockMerged(ctx, tx, append([]uuid.UUID{survivor}, others...)); err != nil {
			return err
		}
		m, err := b.planMerge(ctx, tx, survivor, others, opts, p, now, actor)
		if err != nil {
			return err
		}
		res, err = m.apply(ctx, tx, b)
		return err
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// previewMerge is Merge with MergeOptions.Preview: it plans the merge
// outside any write and changes nothing.
func (b *Book) previewMerge(ctx context.Context, survivor uuid.UUID, others []uuid.UUID, opts MergeOptions, p mergePolicies) (*MergeResult, error) {
	m, err := b.planMerge(ctx, b.store, survivor, others, opts, p, b.clock.Now().UTC(), Actor(ctx))
	if err != nil {
		return nil, err
	}
	m.res.Lead.Version++
	m.res.Preview = true
	return &m.res, nil
}

// checkMergeInput checks the IDs and options of a merge before any read.
func checkMergeInput(survivor uuid.UUID, others []uuid.UUID, opts MergeOptions) (mergePolicies, error) {
	var errs []error
	if survivor == uuid.Nil {
		errs = append(errs, fieldErr("survivor", "is the nil ID"))
	}
	if n := 1 + len(others); n < 2 || n > MaxMerge {
		errs = append(errs, fieldErr("others", "a merge takes 2 to %d records, the survivor and 1 to %d others; got %d",
			MaxMerge, MaxMerge-1, n))
	}
	for i, id := range others {
		field := fmt.Sprintf("others[%d]", i)
		switch j := indexID(others[:i], id); {
		case id == uuid.Nil:
			errs = append(errs, fieldErr(field, "is the nil ID"))
		case id == survivor:
			errs = append(errs, fieldErr(field, "%s is the survivor: a record cannot be merged with itself", id))
		case j >= 0:
			errs = append(errs, fieldErr(field, "%s repeats others[%d]", id, j))
		}
	}
	for _, id := range sortedIDs(opts.Versions) {
		if id != survivor && indexID(others, id) < 0 {
			errs = append(errs, fieldErr("versions["+id.String()+"]", "is not a record of the merge"))
		}
	}
	p, err := checkMergeOptions(opts)
	if err != nil {
		errs = append(errs, err)
	}
	return p, joinErrs(errs)
}

// errLockOnly ends an update that is to write nothing: that of an
// opportunity or an initiated record that no longer links to the merged
// records.
var errLockOnly = errors.New("leads: lock only")

// lockMerged locks the records of a merge in tx before the merge reads
// them, in ID order as Delete and UpdateEach lock theirs (Tx.LockLeads: a
// row lock on PostgreSQL, held until the transaction ends). An edit
// of one of the records then waits for the merge and finds the record
// gone, rather than committing between the merge's read and its delete
// and being lost with the deleted record. A missing record is left to
// readMerged, which names it.
func lockMerged(ctx context.Context, tx Tx, ids []uuid.UUID) error {
	for _, id := range slices.SortedFunc(slices.Values(ids), func(a, b uuid.UUID) int { return bytes.Compare(a[:], b[:]) }) {
		err := tx.LockLeads(ctx, id)
		if err != nil && !errors.Is(err, ErrNotFound) {
			return err
		}
	}
	return nil
}

func indexID(ids []uuid.UUID, id uuid.UUID) int {
	for i, x := range ids {
		if x == id {
			return i
		}
	}
	return -1
}

// mergePlan is a merge computed from reads only; apply writes it.
type mergePlan struct {
	res    MergeResult
	merged map[uuid.UUID]bool // the IDs of every record of the merge
	now    time.Time
	actor  string
}

// planMerge reads the records of the merge through tx and computes the
// merge without writing.
func (b *Book) planMerge(ctx context.Context, tx Tx, survivor uuid.UUID, others []uuid.UUID, opts MergeOptions,
	p mergePolicies, now time.Time, actor string) (*mergePlan, error) {
	recs, err := readMerged(ctx, tx, append([]uuid.UUID{survivor}, others...), opts.Versions)
	if err != nil {
		return nil, err
	}
	old := recs[0]
	merged, fields := combine(recs, p)
	merged.UpdatedAt, merged.UpdatedBy = now, actor
	if err := merged.validate(b.maxPhoto); err != nil {
		return nil, err
	}
	if err := b.scoreChecksIn(ctx, tx, merged, old); err != nil {
		return nil, err
	}
	if err := b.checkCustom(ctx, tx, merged, old); err != nil {
		return nil, err
	}
	if err := checkReferences(ctx, tx, merged, referencesOf(merged, old)); err != nil {
		return nil, err
	}
	m := &mergePlan{now: now, actor: actor, merged: map[uuid.UUID]bool{survivor: true}, res: MergeResult{
		Lead: merged, Merged: slices.Clone(others), Records: recs, Fields: fields,
		History: []uuid.UUID{}, Opportunities: []uuid.UUID{}, Initiated: []uuid.UUID{},
	}}
	if err := m.planLinks(ctx, tx); err != nil {
		return nil, err
	}
	if m.res.Entry, err = b.mergeEntry(old, merged, recs[1:], fields, now, actor); err != nil {
		return nil, err
	}
	return m, nil
}

// readMerged reads the records of a merge, the survivor first. Every
// missing record is named; a record merged before names its survivor.
func readMerged(ctx context.Context, tx Tx, ids []uuid.UUID, versions map[uuid.UUID]int64) ([]*Lead, error) {
	recs := make([]*Lead, len(ids))
	var errs []error
	for i, id := range ids {
		l, err := tx.Leads().Get(ctx, id)
		switch {
		case errors.Is(err, ErrNotFound):
			errs = append(errs, mergedError(ctx, tx, id, err))
			continue
		case err != nil:
			return nil, err
		}
		if want, ok := versions[id]; ok && want != l.Version {
			errs = append(errs, &ConflictError{Kind: "lead", ID: id.String(),
				Reason: fmt.Sprintf("stale version %d, stored %d: the record changed since the merge was previewed", want, l.Version)})
		}
		recs[i] = l
	}
	return recs, joinErrs(errs)
}

// planLinks finds what links to the others: history items, opportunities
// and the records they initiated.
func (m *mergePlan) planLinks(ctx context.Context, tx Tx) error {
	merged := m.merged
	for _, id := range m.res.Merged {
		merged[id] = true
	}
	seen := map[uuid.UUID]bool{} // history items
	for _, id := range m.res.Merged {
		for h, err := range tx.History().ByRecord(ctx, id, HistoryFilter{}) {
			if err != nil {
				return err
			}
			if !seen[h.ID] {
				seen[h.ID] = true
				m.res.History = append(m.res.History, h.ID)
			}
		}
		for o, err := range tx.Opportunities().List(ctx, id) {
			if err != nil {
				return err
			}
			m.res.Opportunities = append(m.res.Opportunities, o.ID)
		}
	}
	// The records they initiated, through the stores' key index: no scan.
	for _, id := range m.res.Merged {
		for l, err := range tx.Leads().Lookup(ctx, InitiatedKey(id), 0) {
			if err != nil {
				return err
			}
			if !merged[l.ID] && !containsID(m.res.Initiated, l.ID) {
				m.res.Initiated = append(m.res.Initiated, l.ID)
			}
		}
	}
	return nil
}

// apply writes the plan in tx: the survivor, the links moved, the others
// deleted and the change log entry.
func (m *mergePlan) apply(ctx context.Context, tx Tx, b *Book) (*MergeResult, error) {
	want := m.res.Lead
	stored, err := tx.Leads().Update(ctx, want.ID, func(cur *Lead) error {
		if cur.Version != want.Version {
			return &ConflictError{Kind: "lead", ID: want.ID.String(),
				Reason: fmt.Sprintf("stale version %d, stored %d", want.Version, cur.Version)}
		}
		*cur = *want.Clone()
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, id := range m.res.History {
		// The records as stored now: a link added since planLinks read
		// the item stays.
		if _, err := tx.History().Update(ctx, id, func(h *HistoryItem) error {
			h.Records = m.relink(h.Records)
			return nil
		}); err != nil {
			return nil, err
		}
	}
	opps := m.res.Opportunities[:0:0]
	for _, id := range m.res.Opportunities {
		// As stored now: an opportunity moved to another record since
		// planLinks listed it stays there.
		moved := false
		if _, err := tx.Opportunities().Update(ctx, id, func(o *Opportunity) error {
			if moved = m.merged[o.RecordID]; !moved {
				return errLockOnly
			}
			o.RecordID, o.UpdatedAt = want.ID, m.now
			return nil
		}); err != nil && !errors.Is(err, errLockOnly) {
			return nil, err
		}
		if moved {
			opps = append(opps, id)
		}
	}
	initiated := m.res.Initiated[:0:0]
	for _, id := range m.res.Initiated {
		// As stored now: a record given another initiator since
		// planLinks found it keeps that one.
		moved := false
		if _, err := b.updateIn(ctx, tx, id, func(l *Lead) error {
			if moved = m.merged[l.InitiatedBy]; !moved {
				return errLockOnly
			}
			l.InitiatedBy = want.ID
			l.UpdatedAt, l.UpdatedBy = m.now, m.actor
			return nil
		}); err != nil && !errors.Is(err, errLockOnly) {
			return nil, err
		}
		if moved {
			initiated = append(initiated, id)
		}
	}
	for _, id := range m.res.Merged {
		if err := tx.Leads().Delete(ctx, id); err != nil {
			return nil, err
		}
	}
	if err := tx.History().Create(ctx, m.res.Entry); err != nil {
		return nil, err
	}
	res := m.res
	res.Lead, res.Opportunities, res.Initiated = stored, opps, initiated
	return &res, nil
}

// relink returns the records of a history item after the merge: each
// record of the merge replaced by the survivor, each record once.
func (m *mergePlan) relink(records []uuid.UUID) []uuid.UUID {
	var out []uuid.UUID
	for _, r := range records {
		if m.merged[r] {
			r = m.res.Lead.ID
		}
		if !containsID(out, r) {
			out = append(out, r)
		}
	}
	return out
}

// MergeChangeField is the Field of the FieldChange that a merge's change
// log entry adds to the fields it changed: its From is the merged records
// as they were (a JSON list of leads), its To a MergeEntry without them.
const MergeChangeField = "merge"

// MergeEntry is what a merge's change log entry records besides the
// fields it changed: which records were merged into which, where each
// field came from, and the merged records as they were, so that nothing
// the merge dropped is lost. ReadMergeEntry reads it.
type MergeEntry struct {
	Survivor uuid.UUID    `json:"survivor"`
	Merged   []uuid.UUID  `json:"merged"`
	Fields   []MergeField `json:"fields"`
	// Records are the merged (deleted) records as they were; the
	// survivor's own earlier values are in the entry's other changes.
	Records []*Lead `json:"-"`
}

// ReadMergeEntry returns the merge that a change log entry records, and
// false when h is not the entry of a merge.
func ReadMergeEntry(h *HistoryItem) (*MergeEntry, bool) {
	if h == nil || h.Kind != KindChange {
		return nil, false
	}
	for _, c := range h.Changes {
		if c.Field != MergeChangeField {
			continue
		}
		var e MergeEntry
		if json.Unmarshal(c.To, &e) != nil || json.Unmarshal(c.From, &e.Records) != nil {
			return nil, false
		}
		return &e, true
	}
	return nil, false
}

// mergeEntry returns the change log entry of a merge: the fields in which
// the survivor changed, and the merge itself (MergeChangeField).
func (b *Book) mergeEntry(old, merged *Lead, others []*Lead, fields []MergeField, at time.Time, actor string) (*HistoryItem, error) {
	ids := make([]uuid.UUID, len(others))
	names := make([]string, len(others))
	for i, o := range others {
		ids[i] = o.ID
		names[i] = o.FullName
	}
	from, err := json.Marshal(others)
	if err != nil {
		return nil, fmt.Errorf("leads: merge entry: %w", err)
	}
	to, err := json.Marshal(MergeEntry{Survivor: merged.ID, Merged: ids, Fields: fields})
	if err != nil {
		return nil, fmt.Errorf("leads: merge entry: %w", err)
	}
	id, err := b.newID()
	if err != nil {
		return nil, fmt.Errorf("leads: new ID: %w", err)
	}
	changes := append(Diff(old, merged), FieldChange{Field: MergeChangeField, From: from, To: to})
	return &HistoryItem{
		ID: id, Kind: KindChange, Subject: "Merged " + strings.Join(names, ", ") + " into this record", At: at,
		Records: []uuid.UUID{merged.ID}, Changes: changes,
		CreatedAt: at, CreatedBy: actor, UpdatedAt: at, UpdatedBy: actor,
	}, nil
}
