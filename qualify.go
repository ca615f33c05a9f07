package leads

import (
	"context"
	"fmt"
	"iter"
	"maps"
	"strings"

	"github.com/google/uuid"
)

// Criteria are the scoring criteria of a Book: what a record's automatic
// score counts (Lead.Checks), each with its weight. Every change to them
// rescores the records whose score is automatic, in the same write. Get
// them from Book.Criteria.
type Criteria struct{ b *Book }

// Criteria returns the scoring criteria of the Book.
func (b *Book) Criteria() Criteria { return Criteria{b} }

// List streams the scoring criteria of the database, in the order they
// were added.
func (s Criteria) List(ctx context.Context) iter.Seq2[*Criterion, error] {
	return s.b.store.Criteria().List(ctx)
}

// Get returns the criterion with the given ID, or an error matching
// ErrNotFound.
func (s Criteria) Get(ctx context.Context, id uuid.UUID) (*Criterion, error) {
	return s.b.store.Criteria().Get(ctx, id)
}

func criteriaIn(ctx context.Context, tx Tx) ([]Criterion, error) {
	var out []Criterion
	for c, err := range tx.Criteria().List(ctx) {
		if err != nil {
			return nil, err
		}
		out = append(out, *c)
	}
	return out, nil
}

// Create adds a scoring criterion, with a new ID unless c has one, and
// rescores every record whose score is automatic, all in one write: on
// error nothing changed. c itself is not changed.
func (s Criteria) Create(ctx context.Context, c *Criterion) (*Criterion, error) {
	b, c := s.b, c.Clone()
	if c.ID == uuid.Nil {
		id, err := b.newID()
		if err != nil {
			return nil, fmt.Errorf("leads: new ID: %w", err)
		}
		c.ID = id
	}
	c.Name = strings.TrimSpace(c.Name)
	c.Version = 0
	if err := c.Validate(); err != nil {
		return nil, err
	}
	err := b.store.Atomic(ctx, func(tx Tx) error {
		if err := tx.Criteria().Create(ctx, c); err != nil {
			return err
		}
		_, err := b.rescoreIn(ctx, tx, Query{}, uuid.Nil)
		return err
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// Edit changes a criterion through fn (its description, its
// weight or both) and rescores every automatic record, all in one write.
// An unknown ID gives ErrNotFound; an error from fn or an invalid result
// changes nothing.
func (s Criteria) Edit(ctx context.Context, id uuid.UUID, fn func(*Criterion) error) (*Criterion, error) {
	b := s.b
	var out *Criterion
	err := b.store.Atomic(ctx, func(tx Tx) error {
		var err error
		out, err = tx.Criteria().Update(ctx, id, func(c *Criterion) error {
			if err := fn(c); err != nil {
				return err
			}
			c.Name = strings.TrimSpace(c.Name)
			return c.Validate()
		})
		if err != nil {
			return err
		}
		_, err = b.rescoreIn(ctx, tx, Query{}, uuid.Nil)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Delete deletes a criterion, removes its check from every record
// and rescores every automatic record, all in one write.
func (s Criteria) Delete(ctx context.Context, id uuid.UUID) error {
	b := s.b
	return b.store.Atomic(ctx, func(tx Tx) error {
		if err := tx.Criteria().Delete(ctx, id); err != nil {
			return err
		}
		_, err := b.rescoreIn(ctx, tx, Query{}, id)
		return err
	})
}

// Rescore recomputes the automatic scores of the records q selects (its
// types and condition; paging is ignored) and returns how many changed. Use
// Query{} for every record and Query{Types: ...} for one record type. It is
// all-or-nothing, and manual scores are left alone.
func (b *Book) Rescore(ctx context.Context, q Query) (int, error) {
	q.Sort, q.After, q.Offset, q.Limit = nil, "", 0, 0
	var n int
	err := b.store.Atomic(ctx, func(tx Tx) error {
		var err error
		n, err = b.rescoreIn(ctx, tx, q, uuid.Nil)
		return err
	})
	return n, err
}

// RescoreIDs recomputes the automatic scores of the given records and
// returns how many changed. An unknown ID fails the whole call with
// ErrNotFound.
func (b *Book) RescoreIDs(ctx context.Context, ids ...uuid.UUID) (int, error) {
	n := 0
	err := b.store.Atomic(ctx, func(tx Tx) error {
		n = 0
		criteria, err := criteriaIn(ctx, tx)
		if err != nil {
			return err
		}
		for _, id := range ids {
			l, err := tx.Leads().Get(ctx, id)
			if err != nil {
				return err
			}
			if !rescoreLead(l, criteria) {
				continue
			}
			if _, err := b.updateIn(ctx, tx, id, func(cur *Lead) error {
				cur.Score = l.Score
				return nil
			}); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	return n, err
}

// rescoreIn rescores, inside tx, the automatic records q selects, first
// removing the check of criterion drop (unless it is uuid.Nil) from every
// record. It returns how many records changed, and logs each change.
func (b *Book) rescoreIn(ctx context.Context, tx Tx, q Query, drop uuid.UUID) (int, error) {
	criteria, err := criteriaIn(ctx, tx)
	if err != nil {
		return 0, err
	}
	type change struct {
		id     uuid.UUID
		score  Score
		checks map[uuid.UUID]bool
	}
	var changes []change
	// consider looks at a record without changing it, and notes the
	// change it needs, if any.
	consider := func(l *Lead) {
		_, dropped := l.Checks[drop]
		checks := l.Checks
		if dropped {
			checks = cloneMap(l.Checks)
			delete(checks, drop)
		}
		score := l.Score
		if score.Type == ScoreAuto {
			score = AutoScore(criteria, checks)
		}
		if dropped || score.Stars != l.Score.Stars || !score.Value.Equal(l.Score.Value) {
			changes = append(changes, change{l.ID, score, checks})
		}
	}
	q.Unordered = true
	if s, ok := tx.Leads().(LeadScanner); ok {
		// A store that keeps records in memory hands them over without a
		// copy each: most records of a rescore do not change.
		err := s.ScanLeads(ctx, q, func(l *Lead) bool { consider(l); return true })
		if err != nil {
			return 0, err
		}
	} else {
		for l, err := range tx.Leads().List(ctx, q) {
			if err != nil {
				return 0, err
			}
			consider(l)
		}
	}
	for _, c := range changes {
		if _, err := b.updateIn(ctx, tx, c.id, func(l *Lead) error {
			l.Score, l.Checks = c.score, cloneMap(c.checks)
			return nil
		}); err != nil {
			return 0, err
		}
	}
	return len(changes), nil
}

// Check records whether a record meets scoring criteria: checks maps
// criterion IDs to met (true) or not met (false); criteria it does not
// name keep their checks. An automatic score is recomputed. An unknown
// criterion ID fails with a *FieldError naming it, and nothing changes.
func (b *Book) Check(ctx context.Context, id uuid.UUID, checks map[uuid.UUID]bool) (*Lead, error) {
	return b.Edit(ctx, id, func(l *Lead) error {
		if l.Checks == nil {
			l.Checks = map[uuid.UUID]bool{}
		}
		maps.Copy(l.Checks, checks)
		return nil
	})
}

// ScoreManually fixes a record's score at n stars until it is switched back
// to automatic with ScoreAutomatically. Like Check and ScoreAutomatically,
// it goes through Edit: the change is logged, and the ID of a record
// merged into another one scores the survivor.
func (b *Book) ScoreManually(ctx context.Context, id uuid.UUID, n Stars) (*Lead, error) {
	if !n.Valid() {
		return nil, fieldErr("score.stars", "%d is outside 0 to 5", n)
	}
	return b.Edit(ctx, id, func(l *Lead) error {
		l.Score = ManualScore(n)
		return nil
	})
}

// ScoreAutomatically switches a record's score back to automatic and
// recomputes it from its checks.
func (b *Book) ScoreAutomatically(ctx context.Context, id uuid.UUID) (*Lead, error) {
	return b.Edit(ctx, id, func(l *Lead) error {
		l.Score.Type = ScoreAuto
		return nil
	})
}

// Explain returns why a record has its score: every criterion with its
// weight, whether the record meets it, and its share of the value.
func (b *Book) Explain(ctx context.Context, id uuid.UUID) (Explanation, error) {
	l, err := b.Get(ctx, id)
	if err != nil {
		return Explanation{}, err
	}
	criteria, err := criteriaIn(ctx, b.store)
	if err != nil {
		return Explanation{}, err
	}
	return explainScore(l, criteria), nil
}

// scoreChecksIn applies the scoring rules to a record that is being
// written, reading the criteria through tx: every check it changed must
// name a criterion, and an automatic score is recomputed. old is nil on
// creation.
func (b *Book) scoreChecksIn(ctx context.Context, tx Tx, l, old *Lead) error {
	return scoreChecksWith(l, old, func() ([]Criterion, error) { return criteriaIn(ctx, tx) })
}

// scoreChecksWith is scoreChecksIn taking the criteria from readCriteria,
// called only when they are needed (a Preparer reads them once for many
// records).
func scoreChecksWith(l, old *Lead, readCriteria func() ([]Criterion, error)) error {
	changed := old == nil || l.Score.Type != old.Score.Type || !maps.Equal(l.Checks, old.Checks)
	if !changed {
		return nil
	}
	if len(l.Checks) == 0 && l.Score.Type == ScoreAuto {
		l.Score = AutoScore(nil, nil) // nothing met: 0, whatever the criteria
		return nil
	}
	criteria, err := readCriteria()
	if err != nil {
		return err
	}
	known := make(map[uuid.UUID]bool, len(criteria))
	for _, c := range criteria {
		known[c.ID] = true
	}
	var errs []error
	for _, id := range sortedIDs(l.Checks) {
		if known[id] {
			continue
		}
		if old != nil {
			if was, ok := old.Checks[id]; ok && was == l.Checks[id] {
				continue // not changed by this write
			}
		}
		errs = append(errs, fieldErr("checks["+id.String()+"]", "no scoring criterion has this ID"))
	}
	if err := joinErrs(errs); err != nil {
		return err
	}
	rescoreLead(l, criteria)
	return nil
}
