package storagetest

import (
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
)

// lockKinds are the kinds of record a leads.Locker locks: a way to make
// one record of the kind, to lock records of it, and to read back the
// name a transaction wrote.
var lockKinds = []struct {
	name   string
	create func(s leads.Store, name string) (uuid.UUID, error)
	lock   func(tx leads.Tx, ids ...uuid.UUID) error
	rename func(tx leads.Tx, id uuid.UUID, name string) error
	named  func(tx leads.Tx, id uuid.UUID) (string, error)
}{
	{
		name: "leads",
		create: func(s leads.Store, name string) (uuid.UUID, error) {
			l := &leads.Lead{ID: uuid.Must(uuid.NewV7()), FullName: name}
			return l.ID, s.Leads().Create(ctx, l)
		},
		lock: func(tx leads.Tx, ids ...uuid.UUID) error { return tx.LockLeads(ctx, ids...) },
		rename: func(tx leads.Tx, id uuid.UUID, name string) error {
			_, err := tx.Leads().Update(ctx, id, func(l *leads.Lead) error { l.FullName = name; return nil })
			return err
		},
		named: func(tx leads.Tx, id uuid.UUID) (string, error) {
			l, err := tx.Leads().Get(ctx, id)
			if err != nil {
				return "", err
			}
			return l.FullName, nil
		},
	},
	{
		name: "accounts",
		create: func(s leads.Store, name string) (uuid.UUID, error) {
			a := &leads.Account{ID: uuid.Must(uuid.NewV7()), Name: name}
			return a.ID, s.Accounts().Create(ctx, a)
		},
		lock: func(tx leads.Tx, ids ...uuid.UUID) error { return tx.LockAccounts(ctx, ids...) },
		rename: func(tx leads.Tx, id uuid.UUID, name string) error {
			_, err := tx.Accounts().Update(ctx, id, func(a *leads.Account) error { a.Name = name; return nil })
			return err
		},
		named: func(tx leads.Tx, id uuid.UUID) (string, error) {
			a, err := tx.Accounts().Get(ctx, id)
			if err != nil {
				return "", err
			}
			return a.Name, nil
		},
	},
	{
		name: "users",
		create: func(s leads.Store, name string) (uuid.UUID, error) {
			u := &leads.User{ID: uuid.Must(uuid.NewV7()), Name: name, Active: true}
			return u.ID, s.Users().Create(ctx, u)
		},
		lock: func(tx leads.Tx, ids ...uuid.UUID) error { return tx.LockUsers(ctx, ids...) },
		rename: func(tx leads.Tx, id uuid.UUID, name string) error {
			_, err := tx.Users().Update(ctx, id, func(u *leads.User) error { u.Name = name; return nil })
			return err
		},
		named: func(tx leads.Tx, id uuid.UUID) (string, error) {
			u, err := tx.Users().Get(ctx, id)
			if err != nil {
				return "", err
			}
			return u.Name, nil
		},
	},
}

// testLocks checks what a lock answers: nil for records that exist, on
// the store and inside Atomic, in any order and repeated; an error
// matching ErrNotFound when one is missing, without writing anything.
func testLocks(t *testing.T, s leads.Store) {
	for _, k := range lockKinds {
		a, errA := k.create(s, "Lock A")
		b, errB := k.create(s, "Lock B")
		if err := errors.Join(errA, errB); err != nil {
			t.Fatalf("%s: create: %v", k.name, err)
		}
		missing := uuid.Must(uuid.NewV7())
		if err := k.lock(s); err != nil {
			t.Errorf("%s: store: lock nothing: %v", k.name, err)
		}
		if err := k.lock(s, b, a, b); err != nil {
			t.Errorf("%s: store: lock stored records: %v", k.name, err)
		}
		if err := k.lock(s, a, missing); !errors.Is(err, leads.ErrNotFound) {
			t.Errorf("%s: store: lock a missing record: %v, want ErrNotFound", k.name, err)
		}
		err := s.Atomic(ctx, func(tx leads.Tx) error {
			if err := k.lock(tx, b, a); err != nil {
				t.Errorf("%s: Atomic: lock stored records: %v", k.name, err)
			}
			if err := k.lock(tx, a); err != nil {
				t.Errorf("%s: Atomic: lock a record again: %v", k.name, err)
			}
			if err := k.lock(tx, missing, a); !errors.Is(err, leads.ErrNotFound) {
				t.Errorf("%s: Atomic: lock a missing record: %v, want ErrNotFound", k.name, err)
			}
			return nil
		})
		if err != nil {
			t.Errorf("%s: Atomic: %v", k.name, err)
		}
		for _, id := range []uuid.UUID{a, b} {
			if name, err := k.named(s, id); err != nil || (name != "Lock A" && name != "Lock B") {
				t.Errorf("%s: after locks: %q, %v; want the record as created", k.name, name, err)
			}
		}
	}
	if err := s.LockKeys(ctx, []string{"e:lock@example.com"}); err != nil {
		t.Errorf("store: LockKeys: %v", err)
	}
	err := s.Atomic(ctx, func(tx leads.Tx) error { return tx.LockKeys(ctx, []string{"e:lock@example.com"}) })
	if err != nil {
		t.Errorf("Atomic: LockKeys: %v", err)
	}
}

// testLocksSerialise runs two transactions that lock the same record: the
// second gets its lock only once the first has ended, and then reads what
// the first wrote, whether the store runs transactions side by side
// (and waits in the lock) or one at a time (and waits in Atomic).
func testLocksSerialise(t *testing.T, s leads.Store) {
	for _, k := range lockKinds {
		id, err := k.create(s, "Before")
		if err != nil {
			t.Fatalf("%s: create: %v", k.name, err)
		}
		locked := make(chan struct{})
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := s.Atomic(ctx, func(tx leads.Tx) error {
				if err := k.lock(tx, id); err != nil {
					close(locked)
					return err
				}
				close(locked)
				time.Sleep(50 * time.Millisecond)
				return k.rename(tx, id, "First")
			})
			if err != nil {
				t.Errorf("%s: first transaction: %v", k.name, err)
			}
		}()
		<-locked
		var seen string
		err = s.Atomic(ctx, func(tx leads.Tx) error {
			if err := k.lock(tx, id); err != nil {
				return err
			}
			var err error
			seen, err = k.named(tx, id)
			return err
		})
		wg.Wait()
		if err != nil {
			t.Fatalf("%s: second transaction: %v", k.name, err)
		}
		if seen != "First" {
			t.Errorf("%s: the second transaction read %q once locked, want %q: the lock did not wait for the first", k.name, seen, "First")
		}
	}
}
