package leads

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"
)

// DefaultUpdateAttempts is how often Book.Update tries a change before it
// gives up on a record that keeps changing under it.
const DefaultUpdateAttempts = 8

// WithUpdateAttempts sets how often Book.Update tries a change that keeps
// losing races; the default is DefaultUpdateAttempts.
func WithUpdateAttempts(n int) Option {
	return func(b *Book) { b.attempts = max(n, 1) }
}

// Update changes a record the optimistic way: it reads the record, calls
// fn on the copy, outside any lock of the store, and saves the result
// only if nobody changed the record meanwhile (see Save). When somebody
// did, it waits a moment, reads the record again and calls fn again,
// until the change is saved or it has tried WithUpdateAttempts times; it
// then fails with an error matching ErrConflict. It stops when ctx ends.
// An error from fn stops it too, and nothing is written.
//
// Use Update when fn is slow or asks other systems (a person, a service)
// what to change; Edit runs fn inside the store's write instead, so fn
// must be quick there. Either way no update is lost: it is saved, or its
// caller gets an error.
func (b *Book) Update(ctx context.Context, id uuid.UUID, fn func(*Lead) error) (*Lead, error) {
	var last error
	for attempt := range b.attempts {
		if attempt > 0 {
			// Back off a little longer each time, so that writers that
			// collided spread out.
			t := time.NewTimer(time.Duration(attempt) * 200 * time.Microsecond)
			select {
			case <-ctx.Done():
				t.Stop()
				return nil, ctx.Err()
			case <-t.C:
			}
		}
		l, err := b.Lead(ctx, id)
		if err != nil {
			return nil, err
		}
		if err := fn(l); err != nil {
			return nil, err
		}
		saved, err := b.Save(ctx, l)
		if !errors.Is(err, ErrConflict) {
			return saved, err
		}
		last = err
	}
	return nil, fmt.Errorf("leads: lead %s: gave up after %d attempts: %w", id, b.attempts, last)
}
