package leads

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/google/uuid"
)

// The defaults of Book.EditRetrying's retries. With them, sixteen writers
// updating one record at once on any store all get through (see the
// conformance suite): a writer that lost a race waits about 1ms, then 2ms,
// 4ms, ... up to half a second, at most DefaultRetryAttempts times in all,
// some 10 seconds of waiting at worst.
const (
	DefaultRetryAttempts   = 24
	DefaultRetryBackoff    = time.Millisecond
	DefaultRetryMaxBackoff = 500 * time.Millisecond
)

// retryPolicy is how Book.EditRetrying retries.
type retryPolicy struct {
	attempts  int
	base, max time.Duration
}

// defaultRetry is the policy of a new Book.
func defaultRetry() retryPolicy {
	return retryPolicy{attempts: DefaultRetryAttempts, base: DefaultRetryBackoff, max: DefaultRetryMaxBackoff}
}

// wait returns how long to wait before the attempt-th retry (1 for the
// first): the backoff doubles with each retry up to the maximum, and half
// of it is random ("equal jitter"), so that writers that collided do not
// collide again in step, while none retries at once.
func (r retryPolicy) wait(retry int) time.Duration {
	d := r.base
	for i := 1; i < retry && d < r.max; i++ {
		d *= 2
	}
	d = min(d, r.max)
	if d <= 1 {
		return d
	}
	half := d / 2
	return half + rand.N(d-half+1)
}

// WithRetryAttempts sets how often Book.EditRetrying tries a change that keeps
// losing races, the first try included; the default is
// DefaultRetryAttempts. Values below 1 mean 1.
func WithRetryAttempts(n int) Option {
	return func(b *Book) { b.retry.attempts = max(n, 1) }
}

// WithRetryBackoff sets how long Book.EditRetrying waits after losing a race:
// about base after the first loss, doubling after each further one, never
// more than maxWait, half of each wait chosen at random. The defaults are
// DefaultRetryBackoff and DefaultRetryMaxBackoff. A negative duration
// counts as 0; a maxWait below base is raised to base.
func WithRetryBackoff(base, maxWait time.Duration) Option {
	return func(b *Book) {
		b.retry.base = max(base, 0)
		b.retry.max = max(maxWait, b.retry.base)
	}
}

// EditRetrying changes a record the optimistic way: it reads the record,
// calls fn on the copy, outside any lock of the store, and saves the
// result only if nobody changed the record meanwhile. When somebody did,
// it backs off (WithRetryBackoff: exponentially, with jitter), reads the
// record again and calls fn again, until the change is saved or it has
// tried WithRetryAttempts times; it then fails with an error matching
// ErrConflict. A record merged into another one meanwhile is followed to
// the survivor, as Edit follows it. It stops with ctx's error as soon as
// ctx ends, also while it waits. An error from fn stops it too, and
// nothing is written.
//
// Use EditRetrying when fn is slow or asks other systems (a person, a
// service) what to change; Edit runs fn inside the store's write instead,
// so fn must be quick there. Either way no change is lost: it is saved,
// or its caller gets an error.
func (b *Book) EditRetrying(ctx context.Context, id uuid.UUID, fn func(*Lead) error) (*Lead, error) {
	var last error
	for attempt := range b.retry.attempts {
		if attempt > 0 {
			t := time.NewTimer(b.retry.wait(attempt))
			select {
			case <-ctx.Done():
				t.Stop()
				return nil, ctx.Err()
			case <-t.C:
			}
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		l, err := b.Get(ctx, id)
		if err != nil {
			return nil, err
		}
		if err := fn(l); err != nil {
			return nil, err
		}
		saved, err := b.saveUnchanged(ctx, l)
		// A conflict, or a merge of the record into another one between
		// the read and the save (ErrMerged): read again, which follows the
		// merge to the survivor, and try again.
		if !errors.Is(err, ErrConflict) && !errors.Is(err, ErrMerged) {
			return saved, err
		}
		last = err
	}
	return nil, fmt.Errorf("leads: lead %s: gave up after %d attempts: %w", id, b.retry.attempts, last)
}

// saveUnchanged replaces the stored record with l, as an Edit would, if
// the record is still at l.Version; else it fails with a *ConflictError.
// Unlike Edit, it does not follow the ID of a record merged into another
// one: l is a copy of the merged record, and saving it would overwrite
// the survivor. It fails with a *MergedError naming the survivor
// (errors.Is ErrMerged, and ErrNotFound).
func (b *Book) saveUnchanged(ctx context.Context, l *Lead) (*Lead, error) {
	want := l.Clone()
	var reached bool
	out, err := b.edit(ctx, l.ID, func(cur *Lead) error {
		if cur.Version != want.Version {
			return &ConflictError{Kind: "lead", ID: l.ID.String(),
				Reason: fmt.Sprintf("stale version %d, stored %d", want.Version, cur.Version)}
		}
		*cur = *want.Clone()
		return nil
	}, &reached)
	if err != nil && !reached && errors.Is(err, ErrNotFound) {
		return nil, mergedError(ctx, b.store, l.ID, err)
	}
	return out, err
}
