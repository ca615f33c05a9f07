package leads

import (
	"context"
	"errors"
	"fmt"

	"github.com/google/uuid"
)

// Assign assigns the records of ids to the member user and returns how
// many changed hands; user "" leaves them assigned to nobody. It is
// all-or-nothing: a user who is not an active member fails with a
// *NotMemberError (ErrNotMember), an unknown ID with an error naming it,
// and nothing changes. Unlike Create and Edit, Assign demands a member
// even in a database without users.
func (b *Book) Assign(ctx context.Context, user string, ids ...uuid.UUID) (int, error) {
	if user == "" {
		return b.BulkEdit(ctx, Clear(FieldAssignedTo), ids...)
	}
	return b.BulkEdit(ctx, Set(FieldAssignedTo, user), ids...)
}

// Assignment is the owner a rule or a round-robin chose for one record.
// To is "" when no rule took the record, which was then left as it was.
type Assignment struct {
	ID uuid.UUID
	To string
}

// AssignRoundRobin deals the records of ids, in the order given, to
// members in turn and returns who got which. The turn is kept in the
// users (User.LastTurn), so it carries over from call to call: each
// record goes to the member whose last turn lies furthest back, ties
// going to the member listed first. Over a fixed list this is strict
// rotation; a member new to the list starts first. Every name must be an
// active member (ErrNotMember); all-or-nothing. Concurrent calls over the
// same members take turns (the members are locked for the decision), so
// the rotation stays exact under any concurrency.
func (b *Book) AssignRoundRobin(ctx context.Context, members []string, ids ...uuid.UUID) ([]Assignment, error) {
	if len(members) == 0 {
		return nil, fieldErr("members", "name at least one member")
	}
	ids = uniqueIDs(ids)
	var out []Assignment
	err := b.store.Atomic(ctx, func(tx Tx) error {
		// Lock the members first, then read the turns: a concurrent
		// call over the same members waits here until this one commits,
		// and then reads the turns it wrote.
		ring, err := lockMembers(ctx, tx, members)
		if err != nil {
			return err
		}
		users, err := usersIn(ctx, tx)
		if err != nil {
			return err
		}
		var turn int64
		for _, u := range users {
			turn = max(turn, u.LastTurn)
		}
		for _, u := range ring {
			turn = max(turn, u.LastTurn)
		}
		out = make([]Assignment, len(ids))
		owner := make(map[uuid.UUID]string, len(ids))
		for i, id := range ids {
			next := ring[0]
			for _, u := range ring[1:] {
				if u.LastTurn < next.LastTurn {
					next = u
				}
			}
			turn++
			next.LastTurn = turn
			out[i] = Assignment{ID: id, To: next.Name}
			owner[id] = next.Name
		}
		if _, err := b.editEach(ctx, tx, ids, func(l *Lead) (bool, error) {
			return setOwner(l, owner[l.ID]), nil
		}); err != nil {
			return err
		}
		for _, u := range ring {
			if _, err := tx.Users().Update(ctx, u.ID, func(cur *User) error {
				cur.LastTurn = u.LastTurn
				return nil
			}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func setOwner(l *Lead, to string) bool {
	if l.AssignedTo == to {
		return false
	}
	l.AssignedTo = to
	return true
}

// Rule is one assignment rule: the records its query selects go to the
// member To, as long as To holds fewer than MaxOpen open records (0 means
// no cap). Only the query's Types and Where count. Open records are those
// whose status is neither converted nor disqualified.
type Rule struct {
	Query   Query
	To      string
	MaxOpen int
}

// AssignByRules assigns each record of ids, in the order given, by the
// first rule that selects it and whose member is under the cap; a rule
// whose member is at the cap passes the record on to the next rule. A
// record no rule takes keeps its owner and is reported with To "". The
// caps count the open records each member holds, including those this
// call hands out. Every rule's member must be an active member
// (ErrNotMember) and every query valid; all-or-nothing. The rules'
// members are locked while their open records are counted and assigned,
// so concurrent calls never take a member past the cap. (Writes other than
// AssignByRules, such as Assign or Edit, do not look at caps.)
func (b *Book) AssignByRules(ctx context.Context, rules []Rule, ids ...uuid.UUID) ([]Assignment, error) {
	plans := make([]*Plan, len(rules))
	for i, r := range rules {
		if r.MaxOpen < 0 {
			return nil, fieldErr(fmt.Sprintf("rules[%d].max_open", i), "%d is negative", r.MaxOpen)
		}
		q, err := b.typed(ctx, b.store, Query{Types: r.Query.Types, Where: r.Query.Where, CustomTypes: r.Query.CustomTypes})
		if err != nil {
			return nil, err
		}
		p, err := q.Plan()
		if err != nil {
			return nil, errors.Join(fieldErr(fmt.Sprintf("rules[%d].query", i), "is invalid"), err)
		}
		plans[i] = p
	}
	ids = uniqueIDs(ids)
	var out []Assignment
	err := b.store.Atomic(ctx, func(tx Tx) error {
		// Lock the rules' members before counting what they hold: a
		// concurrent call under the same caps waits until this one
		// commits, and then counts what it assigned.
		names := make([]string, len(rules))
		for i, r := range rules {
			names[i] = r.To
		}
		if _, err := lockMembers(ctx, tx, names); err != nil {
			return err
		}
		owners := make([]string, len(rules))
		open := map[string]int{}
		for i, r := range rules {
			name, err := memberIn(ctx, tx, r.To)
			if err != nil {
				return err
			}
			owners[i] = name
			if _, counted := open[name]; counted {
				continue
			}
			q := Query{Where: And(Eq(FieldAssignedTo, name),
				Not(In(FieldStatus, string(StatusConverted), string(StatusDisqualified))))}
			n, err := tx.Leads().Count(ctx, q)
			if err != nil {
				return err
			}
			open[name] = n
		}
		out = make([]Assignment, len(ids))
		at := make(map[uuid.UUID]int, len(ids))
		for i, id := range ids {
			out[i].ID = id
			at[id] = i
		}
		_, err := b.editEach(ctx, tx, ids, func(l *Lead) (bool, error) {
			i := at[l.ID]
			isOpen := l.Status != StatusConverted && l.Status != StatusDisqualified
			for j, p := range plans {
				if !p.Match(l) {
					continue
				}
				to := owners[j]
				if to == l.AssignedTo {
					out[i].To = to
					return false, nil
				}
				if isOpen && rules[j].MaxOpen > 0 && open[to] >= rules[j].MaxOpen {
					continue
				}
				if isOpen {
					open[to]++
					if _, counted := open[l.AssignedTo]; counted {
						open[l.AssignedTo]--
					}
				}
				out[i].To = to
				return setOwner(l, to), nil
			}
			return false, nil
		})
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
