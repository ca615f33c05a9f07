package leads

import (
	"context"
	"time"
)

// Clock tells the time. A Book reads every time stamp from its clock, so
// tests of sales workflows can fix or advance time.
type Clock interface {
	Now() time.Time
}

// ClockFunc adapts a function to a Clock.
type ClockFunc func() time.Time

// Now calls f.
func (f ClockFunc) Now() time.Time { return f() }

type systemClock struct{}

func (systemClock) Now() time.Time { return time.Now() }

type actorKey struct{}

// WithActor returns a context that carries the name of the user acting: a
// Book records it as the creator, the updater and the author of comments.
func WithActor(ctx context.Context, user string) context.Context {
	return context.WithValue(ctx, actorKey{}, user)
}

// Actor returns the acting user that WithActor stored in ctx, or "".
func Actor(ctx context.Context) string {
	s, _ := ctx.Value(actorKey{}).(string)
	return s
}
