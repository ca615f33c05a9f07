package leads_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/memory"
)

// fakeClock is a clock that moves only when told to.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
	return c.t
}

// t0 is the fake clock's start, in a zone other than UTC: a Book stores UTC.
var t0 = time.Date(2026, 11, 27, 10, 30, 0, 0, time.FixedZone("CET", 3600))

func newBook(t *testing.T, opts ...leads.Option) (*leads.Book, *fakeClock, context.Context) {
	t.Helper()
	clock := &fakeClock{t: t0}
	store := memory.New()
	t.Cleanup(func() { require.NoError(t, store.Close()) })
	b := leads.New(store, append([]leads.Option{leads.WithClock(leads.ClockFunc(clock.Now))}, opts...)...)
	return b, clock, leads.WithActor(context.Background(), "alice")
}

func mustCreate(t *testing.T, b *leads.Book, ctx context.Context, l *leads.Lead) *leads.Lead {
	t.Helper()
	got, err := b.Create(ctx, l)
	require.NoError(t, err)
	return got
}

func count(t *testing.T, b *leads.Book, ctx context.Context) int {
	t.Helper()
	n, err := b.Count(ctx, leads.Query{})
	require.NoError(t, err)
	return n
}

func TestBookCreate(t *testing.T) {
	b, _, ctx := newBook(t)
	in := &leads.Lead{
		FullName: "  Dr. Ada M. Lovelace Jr. ",
		Company:  "Analytical Engines",
		Emails:   []leads.Email{{Label: "work", Address: " ada@example.com "}},
		Phones:   []leads.Phone{{Label: "cell", Number: " 555 0100 "}, {Number: "555 0101"}},
		Addresses: []leads.Address{
			{Label: "home", City: "London", Mailing: true},
		},
		WebPages: []string{" https://example.com/ada "},
		Photo:    &leads.Photo{Data: pngBytes},
		Score:    leads.Score{Type: leads.ScoreManual, Stars: 4},
		Custom:   map[string]string{"Budget": "10k"},
		Version:  42,
	}
	before := in.Clone()

	got, err := b.Create(ctx, in)
	require.NoError(t, err)
	require.Equal(t, before, in, "Create does not change its argument")

	require.NotEqual(t, uuid.Nil, got.ID)
	require.Equal(t, uuid.Version(7), got.ID.Version())
	require.Equal(t, leads.TypeLead, got.Type)
	require.Equal(t, "Dr. Ada M. Lovelace Jr.", got.FullName)
	require.Equal(t, leads.Name{Title: "Dr.", First: "Ada", Middle: "M.", Last: "Lovelace", Suffix: "Jr."},
		leads.Name{Title: got.Title, First: got.FirstName, Middle: got.MiddleName, Last: got.LastName, Suffix: got.Suffix})
	require.Equal(t, "Lovelace, Ada", got.FileAs)
	require.Equal(t, leads.StatusNew, got.Status)
	require.Equal(t, t0.UTC(), got.CreatedAt)
	require.Equal(t, time.UTC, got.CreatedAt.Location())
	require.Equal(t, t0.UTC(), got.UpdatedAt)
	require.Equal(t, "alice", got.CreatedBy)
	require.Equal(t, "alice", got.UpdatedBy)
	require.Equal(t, int64(1), got.Version)

	// Normalized on the way in.
	require.Equal(t, "ada@example.com", got.Emails[0].Address)
	require.Equal(t, []leads.Phone{{Label: leads.PhoneMobile, Number: "555 0100"}, {Label: leads.PhoneOther, Number: "555 0101"}}, got.Phones)
	require.Equal(t, leads.AddressHome, got.Addresses[0].Label)
	require.Equal(t, []string{"https://example.com/ada"}, got.WebPages)
	require.Equal(t, leads.ContentTypePNG, got.Photo.ContentType)
	require.Equal(t, leads.ManualScore(4), got.Score)

	stored, err := b.Get(ctx, got.ID)
	require.NoError(t, err)
	require.Equal(t, got, stored)

	// The returned record is the caller's own.
	got.Emails[0].Address = "changed@example.com"
	got.Custom["Budget"] = "0"
	got.Photo.Data[0] = 0
	again, err := b.Get(ctx, got.ID)
	require.NoError(t, err)
	require.Equal(t, stored, again)
}

func TestBookCreateKeepsWhatWasTyped(t *testing.T) {
	b, _, ctx := newBook(t)
	got := mustCreate(t, b, context.Background(), &leads.Lead{
		FullName:  "Ada Lovelace",
		FirstName: "Augusta", LastName: "King",
		FileAs: "Countess of Lovelace",
		Status: "Qualified",
		Type:   leads.TypeContact,
	})
	require.Equal(t, "Augusta", got.FirstName)
	require.Equal(t, "King", got.LastName)
	require.Empty(t, got.MiddleName)
	require.Equal(t, "Countess of Lovelace", got.FileAs)
	require.Equal(t, leads.StatusQualified, got.Status, "the status is stored in canonical form")
	require.Equal(t, leads.TypeContact, got.Type)
	require.Empty(t, got.CreatedBy, "no actor in the context")

	n, err := b.Count(ctx, leads.Query{Where: leads.Eq(leads.FieldStatus, "qualified")})
	require.NoError(t, err)
	require.Equal(t, 1, n)

	// A caller-chosen ID is kept; reusing it is a conflict.
	id := uuid.MustParse("01890000-0000-7000-8000-000000000042")
	got = mustCreate(t, b, ctx, &leads.Lead{ID: id, FullName: "Madonna"})
	require.Equal(t, id, got.ID)
	require.Equal(t, "Madonna", got.FirstName)
	require.Equal(t, "Madonna", got.FileAs)
	_, err = b.Create(ctx, &leads.Lead{ID: id, FullName: "Cher"})
	require.ErrorIs(t, err, leads.ErrConflict)
	var ce *leads.ConflictError
	require.ErrorAs(t, err, &ce)
	stored, err := b.Get(ctx, id)
	require.NoError(t, err)
	require.Equal(t, "Madonna", stored.FullName)
}

func TestBookCreateInvalid(t *testing.T) {
	big := make([]byte, 101)
	copy(big, jpegBytes)
	tests := []struct {
		name   string
		lead   *leads.Lead
		fields []string
	}{
		{"no name", &leads.Lead{}, []string{"full_name"}},
		{"blank name", &leads.Lead{FullName: " \t "}, []string{"full_name"}},
		{"bad email", &leads.Lead{FullName: "Ada", Emails: []leads.Email{{Address: "Ada <ada@example.com>"}}}, []string{"emails[0].address"}},
		{"bad phone label", &leads.Lead{FullName: "Ada", Phones: []leads.Phone{{Label: "Pager", Number: "1"}}}, []string{"phones[0].label"}},
		{"bad status", &leads.Lead{FullName: "Ada", Status: "won"}, []string{"status"}},
		{"manual stars 6", &leads.Lead{FullName: "Ada", Score: leads.Score{Type: leads.ScoreManual, Stars: 6}}, []string{"score.stars", "score.value"}},
		{"auto stars -1", &leads.Lead{FullName: "Ada", Score: leads.Score{Stars: -1}}, []string{"score.stars"}},
		{"photo over the configured limit", &leads.Lead{FullName: "Ada", Photo: leads.NewPhoto(big)}, []string{"photo"}},
		{"photo not an image", &leads.Lead{FullName: "Ada", Photo: &leads.Photo{Data: textBytes}}, []string{"photo"}},
		{"several", &leads.Lead{FullName: "\x00", Emails: []leads.Email{{Address: "x"}}, Addresses: []leads.Address{{Mailing: true}, {Mailing: true}}},
			// The derived first name and File As carry the NUL too.
			[]string{"full_name", "first_name", "file_as", "emails[0].address", "addresses"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, _, ctx := newBook(t, leads.WithMaxPhotoSize(100))
			got, err := b.Create(ctx, tt.lead)
			require.Nil(t, got)
			requireFieldErrors(t, err, tt.fields...)
			require.Zero(t, count(t, b, ctx), "nothing stored")
		})
	}
	// The limit is configurable: 101 bytes pass the default.
	b, _, ctx := newBook(t)
	mustCreate(t, b, ctx, &leads.Lead{FullName: "Ada", Photo: leads.NewPhoto(big)})
}

func TestBookReferences(t *testing.T) {
	b, _, ctx := newBook(t)
	unknown := uuid.MustParse("01890000-0000-7000-8000-00000000dead")

	// The account must exist.
	_, err := b.Create(ctx, &leads.Lead{FullName: "Ada", AccountID: unknown})
	requireFieldErrors(t, err, "account_id")
	require.Zero(t, count(t, b, ctx))

	_, err = b.Accounts().Create(ctx, &leads.Account{Name: "  "})
	requireFieldErrors(t, err, "name")
	_, err = b.Accounts().Create(ctx, &leads.Account{Name: "AE", Phones: []leads.Phone{{Number: "\x1b"}}, WebPages: []string{"\x00"}})
	requireFieldErrors(t, err, "phones[0].number", "web_pages[0]")
	acct, err := b.Accounts().Create(ctx, &leads.Account{Name: " Analytical Engines "})
	require.NoError(t, err)
	require.Equal(t, "Analytical Engines", acct.Name)
	require.Equal(t, uuid.Version(7), acct.ID.Version())
	require.Equal(t, t0.UTC(), acct.CreatedAt)
	require.Equal(t, int64(1), acct.Version)
	stored, err := b.Accounts().Get(ctx, acct.ID)
	require.NoError(t, err)
	require.Equal(t, acct, stored)
	_, err = b.Accounts().Get(ctx, unknown)
	require.ErrorIs(t, err, leads.ErrNotFound)

	ada := mustCreate(t, b, ctx, &leads.Lead{FullName: "Ada Lovelace", AccountID: acct.ID})
	require.Equal(t, acct.ID, ada.AccountID)

	// The initiator must exist and may not be the lead itself.
	_, err = b.Create(ctx, &leads.Lead{FullName: "Charles Babbage", InitiatedBy: unknown})
	requireFieldErrors(t, err, "initiated_by")
	_, err = b.Create(ctx, &leads.Lead{FullName: "Charles Babbage", InitiatedBy: unknown, AccountID: unknown})
	requireFieldErrors(t, err, "account_id", "initiated_by")
	self := uuid.MustParse("01890000-0000-7000-8000-000000000077")
	_, err = b.Create(ctx, &leads.Lead{ID: self, FullName: "Narcissus", InitiatedBy: self})
	requireFieldErrors(t, err, "initiated_by")
	require.Equal(t, 1, count(t, b, ctx))

	babbage := mustCreate(t, b, ctx, &leads.Lead{FullName: "Charles Babbage", InitiatedBy: ada.ID})
	require.Equal(t, ada.ID, babbage.InitiatedBy)

	// The same rules hold for edits, and a refused edit writes nothing.
	for _, tt := range []struct {
		name   string
		edit   func(l *leads.Lead)
		fields []string
	}{
		{"initiated by itself", func(l *leads.Lead) { l.InitiatedBy = babbage.ID }, []string{"initiated_by"}},
		{"initiated by nobody known", func(l *leads.Lead) { l.InitiatedBy = unknown }, []string{"initiated_by"}},
		{"unknown account", func(l *leads.Lead) { l.AccountID = unknown }, []string{"account_id"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := b.Edit(ctx, babbage.ID, func(l *leads.Lead) error { tt.edit(l); return nil })
			requireFieldErrors(t, err, tt.fields...)
			cur, err := b.Get(ctx, babbage.ID)
			require.NoError(t, err)
			require.Equal(t, babbage, cur)
		})
	}
	got, err := b.Edit(ctx, babbage.ID, func(l *leads.Lead) error {
		l.AccountID = acct.ID
		l.InitiatedBy = uuid.Nil
		return nil
	})
	require.NoError(t, err)
	require.Equal(t, acct.ID, got.AccountID)
	require.Equal(t, uuid.Nil, got.InitiatedBy)
	require.Equal(t, int64(2), got.Version)

	// An unchanged link is not checked again, even if it now dangles.
	require.NoError(t, b.Store().Accounts().Delete(ctx, acct.ID))
	got, err = b.Edit(ctx, babbage.ID, func(l *leads.Lead) error { l.JobTitle = "Inventor"; return nil })
	require.NoError(t, err)
	require.Equal(t, "Inventor", got.JobTitle)
}

func TestBookEditName(t *testing.T) {
	type step struct {
		edit func(l *leads.Lead)
		want leads.Lead // only the name fields and FileAs are compared
	}
	name := func(l *leads.Lead) leads.Lead {
		return leads.Lead{FullName: l.FullName, Title: l.Title, FirstName: l.FirstName, MiddleName: l.MiddleName,
			LastName: l.LastName, Suffix: l.Suffix, FileAs: l.FileAs, Company: l.Company}
	}
	tests := []struct {
		name   string
		create leads.Lead
		steps  []step
	}{
		{"derived parts and File As follow the name", leads.Lead{FullName: "Ada Lovelace"}, []step{
			{func(l *leads.Lead) { l.FullName = "Dr. Ada King Jr." },
				leads.Lead{FullName: "Dr. Ada King Jr.", Title: "Dr.", FirstName: "Ada", LastName: "King", Suffix: "Jr.", FileAs: "King, Ada"}},
			{func(l *leads.Lead) { l.FullName = "Madonna" },
				leads.Lead{FullName: "Madonna", FirstName: "Madonna", FileAs: "Madonna"}},
		}},
		{"hand-edited parts are kept", leads.Lead{FullName: "Ada Lovelace"}, []step{
			{func(l *leads.Lead) { l.MiddleName = "Augusta" },
				leads.Lead{FullName: "Ada Lovelace", FirstName: "Ada", MiddleName: "Augusta", LastName: "Lovelace", FileAs: "Lovelace, Ada"}},
			{func(l *leads.Lead) { l.FullName = "Ada King" },
				leads.Lead{FullName: "Ada King", FirstName: "Ada", MiddleName: "Augusta", LastName: "Lovelace", FileAs: "Lovelace, Ada"}},
		}},
		{"parts changed with the name are kept", leads.Lead{FullName: "Ada Lovelace"}, []step{
			{func(l *leads.Lead) { l.FullName, l.LastName = "Ada King", "King-Noel" },
				leads.Lead{FullName: "Ada King", FirstName: "Ada", LastName: "King-Noel", FileAs: "King-Noel, Ada"}},
		}},
		{"cleared parts are derived again", leads.Lead{FullName: "Ada Lovelace", FirstName: "A."}, []step{
			{func(l *leads.Lead) { l.FirstName, l.LastName = "", "" },
				leads.Lead{FullName: "Ada Lovelace", FirstName: "Ada", LastName: "Lovelace", FileAs: "Lovelace, Ada"}},
		}},
		{"a derived File As in another form follows name and company",
			leads.Lead{FullName: "Ada Lovelace", Company: "AE", FileAs: "AE (Lovelace, Ada)"}, []step{
				{func(l *leads.Lead) { l.FullName = "Ada King" },
					leads.Lead{FullName: "Ada King", FirstName: "Ada", LastName: "King", FileAs: "AE (King, Ada)", Company: "AE"}},
				{func(l *leads.Lead) { l.Company = "Analytical Engines" },
					leads.Lead{FullName: "Ada King", FirstName: "Ada", LastName: "King", FileAs: "Analytical Engines (King, Ada)", Company: "Analytical Engines"}},
			}},
		{"a hand-typed File As is kept", leads.Lead{FullName: "Ada Lovelace", FileAs: "Countess of Lovelace"}, []step{
			{func(l *leads.Lead) { l.FullName = "Ada King" },
				leads.Lead{FullName: "Ada King", FirstName: "Ada", LastName: "King", FileAs: "Countess of Lovelace"}},
			{func(l *leads.Lead) { l.FileAs = "" },
				leads.Lead{FullName: "Ada King", FirstName: "Ada", LastName: "King", FileAs: "King, Ada"}},
		}},
		{"a File As typed in the same edit is kept", leads.Lead{FullName: "Ada Lovelace"}, []step{
			{func(l *leads.Lead) { l.FullName, l.FileAs = "Ada King", "Ada (née Byron)" },
				leads.Lead{FullName: "Ada King", FirstName: "Ada", LastName: "King", FileAs: "Ada (née Byron)"}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, _, ctx := newBook(t)
			l := mustCreate(t, b, ctx, &tt.create)
			for i, s := range tt.steps {
				got, err := b.Edit(ctx, l.ID, func(l *leads.Lead) error { s.edit(l); return nil })
				require.NoError(t, err, "step %d", i)
				require.Equal(t, s.want, name(got), "step %d", i)
				stored, err := b.Get(ctx, l.ID)
				require.NoError(t, err)
				require.Equal(t, got, stored)
			}
		})
	}
}

func TestBookEdit(t *testing.T) {
	b, clock, ctx := newBook(t)
	orig := mustCreate(t, b, ctx, &leads.Lead{FullName: "Ada Lovelace", Company: "AE"})

	// An error from fn writes nothing and comes back as it was.
	errNope := errors.New("nope")
	got, err := b.Edit(ctx, orig.ID, func(l *leads.Lead) error {
		l.Company = "Changed"
		return fmt.Errorf("wrapped: %w", errNope)
	})
	require.Nil(t, got)
	require.ErrorIs(t, err, errNope)
	stored, err := b.Get(ctx, orig.ID)
	require.NoError(t, err)
	require.Equal(t, orig, stored)

	// A result that breaks a rule writes nothing.
	_, err = b.Edit(ctx, orig.ID, func(l *leads.Lead) error {
		l.Emails = append(l.Emails, leads.Email{Address: "nope"})
		l.Score.Stars = 9
		return nil
	})
	requireFieldErrors(t, err, "emails[0].address", "score.stars")
	stored, err = b.Get(ctx, orig.ID)
	require.NoError(t, err)
	require.Equal(t, orig, stored)

	// ID, type and creation stamps stay; update stamps move.
	later := clock.Advance(time.Hour)
	got, err = b.Edit(leads.WithActor(ctx, "bob"), orig.ID, func(l *leads.Lead) error {
		l.ID = uuid.New()
		l.Type = leads.TypeContact
		l.CreatedAt = time.Time{}
		l.CreatedBy = "mallory"
		l.UpdatedBy = "mallory"
		l.JobTitle = "Analyst"
		return nil
	})
	require.NoError(t, err)
	require.Equal(t, orig.ID, got.ID)
	require.Equal(t, leads.TypeLead, got.Type)
	require.Equal(t, orig.CreatedAt, got.CreatedAt)
	require.Equal(t, "alice", got.CreatedBy)
	require.Equal(t, later.UTC(), got.UpdatedAt)
	require.Equal(t, "bob", got.UpdatedBy)
	require.Equal(t, "Analyst", got.JobTitle)
	require.Equal(t, int64(2), got.Version)

	_, err = b.Edit(ctx, uuid.New(), func(*leads.Lead) error { return nil })
	require.ErrorIs(t, err, leads.ErrNotFound)
}

// TestBookSave saves a whole record through Edit with a version check
// (save), as a form does.
func TestBookSave(t *testing.T) {
	b, clock, ctx := newBook(t)
	orig := mustCreate(t, b, ctx, &leads.Lead{FullName: "Ada Lovelace"})

	mine, err := b.Get(ctx, orig.ID)
	require.NoError(t, err)
	theirs, err := b.Get(ctx, orig.ID)
	require.NoError(t, err)

	clock.Advance(time.Minute)
	mine.Company = "Analytical Engines"
	mine.FullName = "Ada King"
	saved, err := save(ctx, b, mine)
	require.NoError(t, err)
	require.Equal(t, int64(2), saved.Version)
	require.Equal(t, "Analytical Engines", saved.Company)
	require.Equal(t, "King", saved.LastName, "Save derives as Edit does")
	require.Equal(t, "King, Ada", saved.FileAs)
	require.Equal(t, t0.Add(time.Minute).UTC(), saved.UpdatedAt)
	require.Equal(t, int64(1), mine.Version, "Save does not change its argument")

	// theirs still carries version 1.
	theirs.Company = "Difference Engines"
	got, err := save(ctx, b, theirs)
	require.Nil(t, got)
	require.ErrorIs(t, err, leads.ErrConflict)
	var ce *leads.ConflictError
	require.ErrorAs(t, err, &ce)
	require.Equal(t, orig.ID.String(), ce.ID)
	require.Contains(t, err.Error(), "stale version 1, stored 2")
	stored, err := b.Get(ctx, orig.ID)
	require.NoError(t, err)
	require.Equal(t, saved, stored, "a stale save changes nothing")

	// Read again, reapply, save again.
	theirs, err = b.Get(ctx, orig.ID)
	require.NoError(t, err)
	theirs.Company = "Difference Engines"
	saved, err = save(ctx, b, theirs)
	require.NoError(t, err)
	require.Equal(t, int64(3), saved.Version)
	require.Equal(t, "Difference Engines", saved.Company)

	// A version from the future is a conflict too.
	theirs.Version = 99
	_, err = save(ctx, b, theirs)
	require.ErrorIs(t, err, leads.ErrConflict)

	// A saved record must still be valid.
	theirs.Version = 3
	theirs.FullName = ""
	_, err = save(ctx, b, theirs)
	requireFieldErrors(t, err, "full_name")

	_, err = save(ctx, b, &leads.Lead{ID: uuid.New(), FullName: "Nobody", Version: 1})
	require.ErrorIs(t, err, leads.ErrNotFound)
}

func TestBookDelete(t *testing.T) {
	b, _, ctx := newBook(t)
	a := mustCreate(t, b, ctx, &leads.Lead{FullName: "Ada Lovelace"})
	c := mustCreate(t, b, ctx, &leads.Lead{FullName: "Charles Babbage"})
	g := mustCreate(t, b, ctx, &leads.Lead{FullName: "Grace Hopper"})

	err := b.Delete(ctx, a.ID, uuid.New(), c.ID)
	require.ErrorIs(t, err, leads.ErrNotFound)
	var nf *leads.NotFoundError
	require.ErrorAs(t, err, &nf)
	require.Equal(t, "lead", nf.Kind)
	require.Equal(t, 3, count(t, b, ctx), "all or nothing")

	require.NoError(t, b.Delete(ctx))
	require.NoError(t, b.Delete(ctx, a.ID, c.ID))
	require.Equal(t, 1, count(t, b, ctx))
	_, err = b.Get(ctx, a.ID)
	require.ErrorIs(t, err, leads.ErrNotFound)
	require.ErrorIs(t, b.Delete(ctx, a.ID), leads.ErrNotFound)

	require.NoError(t, b.Delete(ctx, g.ID, g.ID), "an ID given twice is deleted once")
	require.Zero(t, count(t, b, ctx))
}

func TestBookListCount(t *testing.T) {
	b, clock, ctx := newBook(t)
	for i, name := range []string{"Grace Hopper", "Ada Lovelace", "Charles Babbage", "Alan Turing", "Zoë Ångström"} {
		clock.Advance(time.Minute)
		l := &leads.Lead{FullName: name, Score: leads.ManualScore(leads.Stars(i))}
		if i%2 == 0 {
			l.Type = leads.TypeContact
		}
		mustCreate(t, b, ctx, l)
	}
	names := func(q leads.Query) []string {
		var out []string
		for l, err := range b.List(ctx, q) {
			require.NoError(t, err)
			out = append(out, l.FullName)
		}
		return out
	}
	require.Equal(t, []string{"Charles Babbage", "Grace Hopper", "Ada Lovelace", "Alan Turing", "Zoë Ångström"}, names(leads.Query{}))
	q := leads.Query{Types: []leads.RecordType{leads.TypeContact}, Sort: []leads.SortKey{leads.Desc(leads.FieldCreatedAt)}}
	require.Equal(t, []string{"Zoë Ångström", "Charles Babbage", "Grace Hopper"}, names(q))
	n, err := b.Count(ctx, q)
	require.NoError(t, err)
	require.Equal(t, 3, n)

	// Count ignores paging: offset, limit and cursor.
	q.Limit, q.Offset = 1, 1
	require.Equal(t, []string{"Charles Babbage"}, names(q))
	var first *leads.Lead
	for l := range b.List(ctx, leads.Query{Limit: 1}) {
		first = l
	}
	q.After, err = leads.Cursor(q, first)
	require.NoError(t, err)
	n, err = b.Count(ctx, q)
	require.NoError(t, err)
	require.Equal(t, 3, n)

	n, err = b.Count(ctx, leads.Query{Where: leads.StarsBetween(2, 5)})
	require.NoError(t, err)
	require.Equal(t, 3, n)

	// An invalid query fails, once.
	var errs []error
	for l, err := range b.List(ctx, leads.Query{Where: leads.Eq("nope", "")}) {
		require.Nil(t, l)
		errs = append(errs, err)
	}
	require.Len(t, errs, 1)
	requireFieldErrors(t, errs[0], "query.where.field")
	_, err = b.Count(ctx, leads.Query{Where: leads.Eq(leads.FieldStars, "many")})
	requireFieldErrors(t, err, "query.where.values[0]")

	// Stopping early is fine.
	for range b.List(ctx, leads.Query{}) {
		break
	}

	// The listed records are copies.
	for l := range b.List(ctx, leads.Query{}) {
		l.FullName = "changed"
	}
	require.NotContains(t, names(leads.Query{}), "changed")
}

func TestBookConcurrentEdits(t *testing.T) {
	b, clock, ctx := newBook(t)
	l := mustCreate(t, b, ctx, &leads.Lead{FullName: "Ada Lovelace"})
	const n = 32
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Go(func() {
			clock.Advance(time.Second)
			_, err := b.Edit(ctx, l.ID, func(l *leads.Lead) error {
				l.Comments = append(l.Comments, leads.Comment{Text: fmt.Sprintf("note %d", i)})
				l.Score = leads.Score{Type: leads.ScoreAuto, Stars: 2, Value: decimal.RequireFromString("1.5")}
				return nil
			})
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	got, err := b.Get(ctx, l.ID)
	require.NoError(t, err)
	require.Len(t, got.Comments, n, "no update lost")
	require.Equal(t, int64(n+1), got.Version)
}

func TestBookStore(t *testing.T) {
	store := memory.New()
	b := leads.New(store)
	require.Same(t, store, b.Store())
	// Without a clock option the system clock is used.
	before := time.Now().UTC()
	l, err := b.Create(context.Background(), &leads.Lead{FullName: "Ada"})
	require.NoError(t, err)
	require.False(t, l.CreatedAt.Before(before.Add(-time.Second)))
	require.False(t, l.CreatedAt.After(time.Now().Add(time.Second)))

	require.Equal(t, "", leads.Actor(context.Background()))
	require.Equal(t, "bob", leads.Actor(leads.WithActor(context.Background(), "bob")))
}
