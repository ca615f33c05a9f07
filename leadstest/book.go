package leadstest

import (
	"context"
	"testing"
	"time"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/dedupe"
	"github.com/leadkit/leads/storage/memory"
)

// Book is a leads.Book made for a test: on a memory store, with a Clock
// the test moves and deterministic IDs. Every method of leads.Book is
// available on it.
type Book struct {
	*leads.Book
	// Clock is the book's time; move it with Advance and Set.
	Clock *Clock
	// IDs makes the book's IDs.
	IDs *IDs
	// Ctx is a context whose actor is the book's actor (WithActor; "tester"
	// by default): builders use it, and tests may too.
	Ctx context.Context
}

// Option configures NewBook.
type Option func(*config)

type config struct {
	start time.Time
	seed  uint64
	actor string
	opts  []leads.Option
	users []string
}

// WithStart starts the clock at t instead of DefaultStart.
func WithStart(t time.Time) Option { return func(c *config) { c.start = t } }

// WithSeed seeds the IDs; two books with the same seed, start and calls
// make the same IDs. The default seed is 1.
func WithSeed(seed uint64) Option { return func(c *config) { c.seed = seed } }

// WithActor makes name the acting user of Book.Ctx.
func WithActor(name string) Option { return func(c *config) { c.actor = name } }

// WithUsers adds users of these names (e-mail NAME@team.example) to the
// new book, so that records can be assigned to them.
func WithUsers(names ...string) Option {
	return func(c *config) { c.users = append(c.users, names...) }
}

// WithBookOptions passes options to leads.New, such as a duplicate policy.
func WithBookOptions(opts ...leads.Option) Option {
	return func(c *config) { c.opts = append(c.opts, opts...) }
}

// NewBook returns a Book on a new memory store, closed by t.Cleanup. It
// finds duplicates with a dedupe.Finder (WithBookOptions may set another).
func NewBook(t testing.TB, opts ...Option) *Book {
	t.Helper()
	c := config{start: DefaultStart, seed: 1, actor: "tester"}
	for _, o := range opts {
		o(&c)
	}
	store := memory.New()
	t.Cleanup(func() { store.Close() })
	clock := NewClock(c.start)
	ids := NewIDs(clock, c.seed)
	bookOpts := append([]leads.Option{leads.WithClock(clock), leads.WithNewID(ids.NewID),
		leads.WithDuplicateFinder(dedupe.Finder{})}, c.opts...)
	b := &Book{Book: leads.New(store, bookOpts...), Clock: clock, IDs: ids,
		Ctx: leads.WithActor(context.Background(), c.actor)}
	for _, name := range c.users {
		User(t, b, name)
	}
	return b
}
