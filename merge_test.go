package leads_test

import (
	"context"
	"encoding/json"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/leadkit/leads"
)

// mergeFixture is three records of one person, with history, opportunities
// and a record one of them initiated.
type mergeFixture struct {
	a, b, c, d      *leads.Lead // a survives; b and c are merged; c initiated d
	onlyB, shared   *leads.HistoryItem
	onlyC           *leads.HistoryItem
	oppB, oppC      *leads.Opportunity
	budget, decider uuid.UUID // criteria
}

func newMergeFixture(t *testing.T, b *leads.Book, clock *fakeClock, ctx context.Context) *mergeFixture {
	t.Helper()
	crit := leads.DefaultCriteria()
	f := &mergeFixture{budget: crit[0].ID, decider: crit[1].ID}
	f.a = mustCreate(t, b, ctx, &leads.Lead{
		FullName: "Ada Lovelace", Emails: []leads.Email{{Label: "work", Address: "ada@engines.example"}},
		Phones:   []leads.Phone{{Label: leads.PhoneBusiness, Number: "+44 20 7946 0018"}},
		WebPages: []string{"https://engines.example/"},
		Custom:   map[string]string{"Region": "North"},
		Checks:   map[uuid.UUID]bool{f.budget: true},
	})
	_, err := b.SetStatus(ctx, f.a.ID, leads.StatusContacted, leads.StatusChange{})
	require.NoError(t, err)
	clock.Advance(time.Hour)
	f.b = mustCreate(t, b, ctx, &leads.Lead{
		FullName: "Augusta Ada King", Company: "Analytical Engines", JobTitle: "Analyst",
		Emails:    []leads.Email{{Address: "ADA@engines.example"}, {Label: "home", Address: "ada@home.example"}},
		Phones:    []leads.Phone{{Label: leads.PhoneBusiness, Number: "+44 (20) 7946-0018"}, {Label: leads.PhoneMobile, Number: "+44 7700 900123"}},
		WebPages:  []string{"http://www.engines.example"},
		Addresses: []leads.Address{{Label: leads.AddressHome, Street: "12 St James's Square", City: "London", Mailing: true}},
		Custom:    map[string]string{"Region": "South", "Budget": "10000"},
		Checks:    map[uuid.UUID]bool{f.decider: true},
		Source:    "Trade show",
	})
	clock.Advance(time.Hour)
	f.c = mustCreate(t, b, ctx, &leads.Lead{
		FullName:  "A. Lovelace",
		Addresses: []leads.Address{{Label: leads.AddressBusiness, Street: "12 ST JAMES'S  square", City: "london", Mailing: true}},
		Details:   leads.Details{Birthday: time.Date(1815, 12, 10, 0, 0, 0, 0, time.UTC), Nickname: "Enchantress"},
		Photo:     &leads.Photo{Data: pngBytes},
	})
	f.d = mustCreate(t, b, ctx, &leads.Lead{FullName: "Charles Babbage", InitiatedBy: f.c.ID})
	// Comments: b's is older than a's.
	clock.Advance(time.Hour)
	_, err = b.Comment(ctx, f.b.ID, "Met at the exhibition.")
	require.NoError(t, err)
	clock.Advance(time.Hour)
	_, err = b.Comment(ctx, f.a.ID, "Called back.")
	require.NoError(t, err)
	f.onlyB = addNote(t, b, ctx, "B's note", f.b.ID)
	f.shared = addNote(t, b, ctx, "Shared note", f.a.ID, f.b.ID, f.c.ID)
	f.onlyC = addNote(t, b, ctx, "C's note", f.c.ID, f.d.ID)
	f.oppB, err = b.Opportunities().Create(ctx, &leads.Opportunity{RecordID: f.b.ID, Title: "Engines", Currency: "EUR"})
	require.NoError(t, err)
	f.oppC, err = b.Opportunities().Create(ctx, &leads.Opportunity{RecordID: f.c.ID, Title: "Looms", Currency: "GBP"})
	require.NoError(t, err)
	clock.Advance(time.Hour)
	for _, l := range []**leads.Lead{&f.a, &f.b, &f.c, &f.d} {
		*l, err = b.Get(ctx, (*l).ID)
		require.NoError(t, err)
	}
	return f
}

func addNote(t *testing.T, b *leads.Book, ctx context.Context, subject string, records ...uuid.UUID) *leads.HistoryItem {
	t.Helper()
	h, err := b.History().Create(ctx, &leads.HistoryItem{Kind: leads.KindNote, Subject: subject, Records: records})
	require.NoError(t, err)
	return h
}

// fieldSource returns the row of Fields for field.
func fieldSource(t *testing.T, fields []leads.MergeField, field string) leads.MergeField {
	t.Helper()
	for _, f := range fields {
		if f.Field == field {
			return f
		}
	}
	t.Fatalf("no row for %s in %+v", field, fields)
	return leads.MergeField{}
}

func TestMergeLosesNothing(t *testing.T) {
	b, clock, ctx := newBook(t)
	f := newMergeFixture(t, b, clock, ctx)

	res, err := b.Merge(ctx, f.a.ID, []uuid.UUID{f.b.ID, f.c.ID}, leads.MergeOptions{})
	require.NoError(t, err)
	l := res.Lead
	require.Equal(t, f.a.ID, l.ID)
	require.Equal(t, f.a.Version+1, l.Version)

	// Single values: the survivor's when it has one, else the first other's.
	require.Equal(t, "Ada Lovelace", l.FullName)
	require.Equal(t, "Lovelace, Ada", l.FileAs, "File As comes with the name")
	require.Equal(t, "Analytical Engines", l.Company)
	require.Equal(t, "Analyst", l.JobTitle)
	require.Equal(t, "Trade show", l.Source)
	require.Equal(t, leads.StatusContacted, l.Status)
	require.NotNil(t, l.Photo)
	require.Equal(t, leads.Details{Birthday: f.c.Details.Birthday, Nickname: "Enchantress"}, l.Details)
	require.Equal(t, f.a.CreatedAt, l.CreatedAt, "the earliest creation")

	// Lists: unioned, each entry once.
	require.Equal(t, []leads.Email{{Label: "work", Address: "ada@engines.example"}, {Label: "home", Address: "ada@home.example"}}, l.Emails)
	require.Equal(t, []leads.Phone{{Label: leads.PhoneBusiness, Number: "+44 20 7946 0018"}, {Label: leads.PhoneMobile, Number: "+44 7700 900123"}}, l.Phones)
	require.Equal(t, []string{"https://engines.example/"}, l.WebPages)
	require.Len(t, l.Addresses, 1, "the same address in other case and spacing is one")
	require.True(t, l.Addresses[0].Mailing)

	// Comments and steps all kept, in time order; maps entry by entry.
	require.Len(t, l.Comments, 2)
	require.Equal(t, "Met at the exhibition.", l.Comments[0].Text)
	require.Equal(t, "Called back.", l.Comments[1].Text)
	require.Len(t, l.StatusHistory, 1)
	require.Equal(t, map[string]string{"Region": "North", "Budget": "10000"}, l.Custom)
	require.Equal(t, map[uuid.UUID]bool{f.budget: true, f.decider: true}, l.Checks)
	require.Equal(t, leads.AutoScore(leads.DefaultCriteria(), l.Checks), l.Score, "rescored from the merged checks")
	require.Equal(t, []uuid.UUID{f.b.ID, f.c.ID}, l.MergedFrom)

	// Where each field came from.
	for _, tt := range []struct {
		field         string
		from          uuid.UUID
		also, dropped []uuid.UUID
	}{
		{"full_name", f.a.ID, nil, []uuid.UUID{f.b.ID, f.c.ID}},
		{"company", f.b.ID, nil, nil},
		{"emails[0]", f.a.ID, []uuid.UUID{f.b.ID}, nil},
		{"emails[1]", f.b.ID, nil, nil},
		{"phones[0]", f.a.ID, []uuid.UUID{f.b.ID}, nil},
		{"web_pages[0]", f.a.ID, []uuid.UUID{f.b.ID}, nil},
		{"addresses[0]", f.b.ID, []uuid.UUID{f.c.ID}, nil},
		{"comments[0]", f.b.ID, nil, nil},
		{"custom.Region", f.a.ID, nil, []uuid.UUID{f.b.ID}},
		{"custom.Budget", f.b.ID, nil, nil},
		{"details.birthday", f.c.ID, nil, nil},
		{"photo", f.c.ID, nil, nil},
		{"checks." + f.decider.String(), f.b.ID, nil, nil},
	} {
		got := fieldSource(t, res.Fields, tt.field)
		require.Equal(t, tt.from, got.From, tt.field)
		require.Equal(t, tt.also, got.Also, tt.field)
		require.Equal(t, tt.dropped, got.Dropped, tt.field)
	}
	require.Equal(t, "rescored", fieldSource(t, res.Fields, "score").Rule)

	// The others are gone; their IDs resolve to the survivor.
	for _, id := range []uuid.UUID{f.b.ID, f.c.ID} {
		_, err := b.Store().Leads().Get(ctx, id)
		require.ErrorIs(t, err, leads.ErrNotFound)
		got, err := b.Get(ctx, id)
		require.NoError(t, err)
		require.Equal(t, f.a.ID, got.ID)
		rid, err := b.Resolve(ctx, id)
		require.NoError(t, err)
		require.Equal(t, f.a.ID, rid)
		hs, err := leads.Collect(b.History().List(ctx, id, leads.HistoryFilter{Limit: 1}))
		require.NoError(t, err)
		require.Equal(t, f.a.ID, hs[0].Records[0], "the old ID gives the survivor's history")
	}
	_, err = b.Resolve(ctx, uuid.MustParse("0190f000-0000-7000-8000-000000000009"))
	require.ErrorIs(t, err, leads.ErrNotFound)

	// History moved, a shared item linked once; opportunities moved; the
	// record c initiated names the survivor.
	// (B's change log moves too: its comment's entry.)
	require.Subset(t, res.History, []uuid.UUID{f.onlyB.ID, f.shared.ID, f.onlyC.ID})
	require.Len(t, res.History, 4)
	for _, tt := range []struct {
		item *leads.HistoryItem
		want []uuid.UUID
	}{{f.onlyB, []uuid.UUID{f.a.ID}}, {f.shared, []uuid.UUID{f.a.ID}}, {f.onlyC, []uuid.UUID{f.a.ID, f.d.ID}}} {
		h, err := b.History().Get(ctx, tt.item.ID)
		require.NoError(t, err)
		require.Equal(t, tt.want, h.Records, tt.item.Subject)
	}
	opps, err := leads.Collect(b.Opportunities().List(ctx, f.a.ID))
	require.NoError(t, err)
	require.Len(t, opps, 2)
	d, err := b.Get(ctx, f.d.ID)
	require.NoError(t, err)
	require.Equal(t, f.a.ID, d.InitiatedBy)
	require.Equal(t, []uuid.UUID{f.d.ID}, res.Initiated)

	// The change log entry says what came from where, and keeps the
	// merged records as they were.
	changes, err := leads.Collect(b.History().Changes(ctx, f.a.ID))
	require.NoError(t, err)
	entry, ok := leads.ReadMergeEntry(changes[0])
	require.True(t, ok, "the newest change is the merge")
	require.Equal(t, res.Entry.ID, changes[0].ID)
	require.Equal(t, f.a.ID, entry.Survivor)
	require.Equal(t, []uuid.UUID{f.b.ID, f.c.ID}, entry.Merged)
	require.Equal(t, res.Fields, entry.Fields)
	require.Len(t, entry.Records, 2)
	require.Equal(t, "Augusta Ada King", entry.Records[0].FullName)
	require.Equal(t, "South", entry.Records[0].Custom["Region"], "a dropped value is kept in the log")
	require.Contains(t, changes[0].Subject, "Augusta Ada King")
	var changed []string
	for _, c := range changes[0].Changes {
		changed = append(changed, c.Field)
	}
	require.Contains(t, changed, "company")
	require.Contains(t, changed, "emails")
	require.Equal(t, leads.MergeChangeField, changed[len(changed)-1])
	_, ok = leads.ReadMergeEntry(changes[1])
	require.False(t, ok, "an ordinary change is not a merge")
}

// TestMergeAgain checks that a survivor merged again keeps resolving the
// IDs merged the first time.
func TestMergeAgain(t *testing.T) {
	b, _, ctx := newBook(t)
	x := mustCreate(t, b, ctx, &leads.Lead{FullName: "X"})
	y := mustCreate(t, b, ctx, &leads.Lead{FullName: "Y"})
	z := mustCreate(t, b, ctx, &leads.Lead{FullName: "Z"})
	_, err := b.Merge(ctx, y.ID, []uuid.UUID{x.ID}, leads.MergeOptions{})
	require.NoError(t, err)
	res, err := b.Merge(ctx, z.ID, []uuid.UUID{y.ID}, leads.MergeOptions{})
	require.NoError(t, err)
	require.Equal(t, []uuid.UUID{y.ID, x.ID}, res.Lead.MergedFrom)
	for _, id := range []uuid.UUID{x.ID, y.ID, z.ID} {
		got, err := b.Resolve(ctx, id)
		require.NoError(t, err)
		require.Equal(t, z.ID, got)
	}
	// Merging an old ID again names where it went.
	_, err = b.Merge(ctx, z.ID, []uuid.UUID{x.ID}, leads.MergeOptions{})
	require.ErrorIs(t, err, leads.ErrNotFound)
	require.ErrorContains(t, err, x.ID.String())
	require.ErrorContains(t, err, "merged into "+z.ID.String())
}

func TestMergePolicies(t *testing.T) {
	b, clock, ctx := newBook(t)
	old := mustCreate(t, b, ctx, &leads.Lead{FullName: "Old Name", Company: "Old Co", Source: "Web",
		Emails: []leads.Email{{Address: "old@example.org"}}, Custom: map[string]string{"Region": "North", "Tier": "1"}})
	clock.Advance(time.Hour)
	mid := mustCreate(t, b, ctx, &leads.Lead{FullName: "Mid Name", JobTitle: "CTO",
		Score: leads.ManualScore(4), Custom: map[string]string{"Region": "East"}})
	clock.Advance(time.Hour)
	recent := mustCreate(t, b, ctx, &leads.Lead{FullName: "Recent Name", Company: "Recent Co",
		Emails: []leads.Email{{Address: "new@example.org"}}, Custom: map[string]string{"Region": "South"}})

	tests := []struct {
		name string
		opts leads.MergeOptions
		want func(t *testing.T, l *leads.Lead)
	}{
		{"default: first non-empty", leads.MergeOptions{}, func(t *testing.T, l *leads.Lead) {
			require.Equal(t, "Old Name", l.FullName)
			require.Equal(t, "Old Co", l.Company)
			require.Equal(t, "CTO", l.JobTitle)
			require.Equal(t, leads.ManualScore(4), l.Score, "a manual score is a value")
			require.Len(t, l.Emails, 2)
			require.Equal(t, map[string]string{"Region": "North", "Tier": "1"}, l.Custom)
		}},
		{"most recent by default", leads.MergeOptions{Default: leads.MergeMostRecent}, func(t *testing.T, l *leads.Lead) {
			require.Equal(t, "Recent Name", l.FullName)
			require.Equal(t, "Recent", l.FirstName, "the name parts come with the name")
			require.Equal(t, "Recent Co", l.Company)
			require.Equal(t, "CTO", l.JobTitle, "the most recent record that has a value")
			require.Equal(t, "Web", l.Source)
			require.Len(t, l.Emails, 2, "lists are unioned whatever the default")
			require.Equal(t, map[string]string{"Region": "South", "Tier": "1"}, l.Custom)
		}},
		{"survivor wins", leads.MergeOptions{Default: leads.MergeSurvivor, Fields: map[string]leads.MergePolicy{"emails": "survivor"}},
			func(t *testing.T, l *leads.Lead) {
				require.Equal(t, "", l.JobTitle, "the survivor's empty value wins")
				require.Equal(t, leads.ScoreAuto, l.Score.Type, "the manual score of another record is dropped")
				require.Equal(t, []leads.Email{{Address: "old@example.org"}}, l.Emails)
				require.Equal(t, map[string]string{"Region": "North", "Tier": "1"}, l.Custom)
			}},
		{"per field and per entry", leads.MergeOptions{Fields: map[string]leads.MergePolicy{
			"company": "most-recent", "custom.Region": "Most Recent", "full_name": "recent"}},
			func(t *testing.T, l *leads.Lead) {
				require.Equal(t, "Recent Name", l.FullName)
				require.Equal(t, "Recent Co", l.Company)
				require.Equal(t, "South", l.Custom["Region"])
				require.Equal(t, "1", l.Custom["Tier"])
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := b.Merge(ctx, old.ID, []uuid.UUID{mid.ID, recent.ID}, preview(tt.opts))
			require.NoError(t, err)
			tt.want(t, res.Lead)
		})
	}

	// A value dropped by policy is named, once per field.
	res, err := b.Merge(ctx, old.ID, []uuid.UUID{mid.ID, recent.ID}, preview(leads.MergeOptions{Default: leads.MergeSurvivor}))
	require.NoError(t, err)
	for _, tt := range []struct {
		field, rule string
		from        uuid.UUID
		dropped     []uuid.UUID
	}{
		{"score", "rescored", uuid.Nil, []uuid.UUID{mid.ID}},
		{"job_title", "survivor", uuid.Nil, []uuid.UUID{mid.ID}},
		{"custom.Region", "survivor", old.ID, []uuid.UUID{mid.ID, recent.ID}},
		{"company", "survivor", old.ID, []uuid.UUID{recent.ID}},
	} {
		var rows []leads.MergeField
		for _, f := range res.Fields {
			if f.Field == tt.field {
				rows = append(rows, f)
			}
		}
		require.Len(t, rows, 1, tt.field)
		require.Equal(t, tt.rule, rows[0].Rule, tt.field)
		require.Equal(t, tt.from, rows[0].From, tt.field)
		require.Equal(t, tt.dropped, rows[0].Dropped, tt.field)
	}
}

// mergeState is everything a merge may change.
type mergeState struct {
	Leads   []*leads.Lead
	History []*leads.HistoryItem
	Opps    []*leads.Opportunity
}

func stateOf(t *testing.T, b *leads.Book, ctx context.Context) mergeState {
	t.Helper()
	var s mergeState
	seen := map[uuid.UUID]bool{}
	for l, err := range b.List(ctx, leads.Query{}) {
		require.NoError(t, err)
		s.Leads = append(s.Leads, l)
		hs, err := leads.Collect(b.History().List(ctx, l.ID, leads.HistoryFilter{}))
		require.NoError(t, err)
		for _, h := range hs {
			if !seen[h.ID] {
				seen[h.ID] = true
				s.History = append(s.History, h)
			}
		}
	}
	opps, err := leads.Collect(b.Opportunities().List(ctx, uuid.Nil))
	require.NoError(t, err)
	s.Opps = opps
	return s
}

func TestMergeBadInput(t *testing.T) {
	b, clock, ctx := newBook(t)
	f := newMergeFixture(t, b, clock, ctx)
	e := mustCreate(t, b, ctx, &leads.Lead{FullName: "E"})
	g := mustCreate(t, b, ctx, &leads.Lead{FullName: "G"})
	// A record written around the Book, with a check of no criterion.
	bad := &leads.Lead{ID: uuid.Must(uuid.NewV7()), FullName: "Bad", Status: leads.StatusNew,
		Checks: map[uuid.UUID]bool{uuid.Must(uuid.NewV7()): true}}
	require.NoError(t, b.Store().Leads().Create(ctx, bad))
	missing := uuid.MustParse("0190f000-0000-7000-8000-000000000001")
	before := stateOf(t, b, ctx)

	ids := func(ls ...*leads.Lead) []uuid.UUID {
		var out []uuid.UUID
		for _, l := range ls {
			out = append(out, l.ID)
		}
		return out
	}
	tests := []struct {
		name     string
		survivor uuid.UUID
		others   []uuid.UUID
		opts     leads.MergeOptions
		fields   []string // the *FieldError expected, or nil
		is       error
		contains string
	}{
		{"itself", f.a.ID, ids(f.b, f.a), leads.MergeOptions{}, []string{"others[1]"}, leads.ErrInvalid, "merged with itself"},
		{"repeated", f.a.ID, ids(f.b, f.c, f.b), leads.MergeOptions{}, []string{"others[2]"}, leads.ErrInvalid, "repeats others[0]"},
		{"one record", f.a.ID, nil, leads.MergeOptions{}, []string{"others"}, leads.ErrInvalid, "got 1"},
		{"six records", f.a.ID, ids(f.b, f.c, f.d, e, g), leads.MergeOptions{}, []string{"others"}, leads.ErrInvalid, "got 6"},
		{"nil ID", uuid.Nil, ids(f.b), leads.MergeOptions{}, []string{"survivor"}, leads.ErrInvalid, "nil ID"},
		{"unknown other", f.a.ID, []uuid.UUID{f.b.ID, missing}, leads.MergeOptions{}, nil, leads.ErrNotFound, missing.String()},
		{"unknown survivor", missing, ids(f.b), leads.MergeOptions{}, nil, leads.ErrNotFound, missing.String()},
		{"unknown field", f.a.ID, ids(f.b), leads.MergeOptions{Fields: map[string]leads.MergePolicy{"shoe_size": "survivor"}},
			[]string{"shoe_size"}, leads.ErrInvalid, "not a field"},
		{"unknown policy", f.a.ID, ids(f.b), leads.MergeOptions{Fields: map[string]leads.MergePolicy{"company": "loudest"}},
			[]string{"company"}, leads.ErrInvalid, "not a merge policy"},
		{"unknown default", f.a.ID, ids(f.b), leads.MergeOptions{Default: "random"}, []string{"default"}, leads.ErrInvalid, "not a merge policy"},
		{"union of a single value", f.a.ID, ids(f.b), leads.MergeOptions{Fields: map[string]leads.MergePolicy{"company": "union"}},
			[]string{"company"}, leads.ErrInvalid, "lists only"},
		{"policy of a name part", f.a.ID, ids(f.b), leads.MergeOptions{Fields: map[string]leads.MergePolicy{"last_name": "survivor"}},
			[]string{"last_name"}, leads.ErrInvalid, "come with full_name"},
		{"policy of comments", f.a.ID, ids(f.b), leads.MergeOptions{Fields: map[string]leads.MergePolicy{"comments": "survivor"}},
			[]string{"comments"}, leads.ErrInvalid, "every comment is kept"},
		{"unknown detail", f.a.ID, ids(f.b), leads.MergeOptions{Fields: map[string]leads.MergePolicy{"details.shoe": "survivor"}},
			[]string{"details.shoe"}, leads.ErrInvalid, "not a field"},
		{"stale version", f.a.ID, ids(f.b), leads.MergeOptions{Versions: map[uuid.UUID]int64{f.b.ID: f.b.Version - 1}},
			nil, leads.ErrConflict, "stale version"},
		{"version of another record", f.a.ID, ids(f.b), leads.MergeOptions{Versions: map[uuid.UUID]int64{e.ID: 1}},
			[]string{"versions[" + e.ID.String() + "]"}, leads.ErrInvalid, "not a record of the merge"},
		{"check of a deleted criterion", f.a.ID, ids(bad), leads.MergeOptions{}, nil, leads.ErrInvalid, "no scoring criterion"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, fn := range []func(context.Context, uuid.UUID, []uuid.UUID, leads.MergeOptions) (*leads.MergeResult, error){
				b.Merge, func(ctx context.Context, s uuid.UUID, o []uuid.UUID, opts leads.MergeOptions) (*leads.MergeResult, error) {
					return b.Merge(ctx, s, o, preview(opts))
				},
			} {
				res, err := fn(ctx, tt.survivor, tt.others, tt.opts)
				require.Nil(t, res)
				require.ErrorIs(t, err, tt.is)
				require.ErrorContains(t, err, tt.contains)
				if tt.fields != nil {
					requireFieldErrors(t, err, tt.fields...)
				}
			}
			require.Equal(t, before, stateOf(t, b, ctx), "nothing changed")
		})
	}
}

func TestMergeLeadWithContact(t *testing.T) {
	b, clock, ctx := newBook(t)
	lead := mustCreate(t, b, ctx, &leads.Lead{FullName: "Grace Hopper", Company: "Navy"})
	_, err := b.SetStatus(ctx, lead.ID, leads.StatusQualified, leads.StatusChange{})
	require.NoError(t, err)
	contact := mustCreate(t, b, ctx, &leads.Lead{FullName: "Grace B. Hopper"})
	clock.Advance(time.Hour)
	conv, err := b.Convert(ctx, contact.ID, leads.ConvertOptions{})
	require.NoError(t, err)

	// The lead survives, but the result is a business contact.
	res, err := b.Merge(ctx, lead.ID, []uuid.UUID{contact.ID}, leads.MergeOptions{})
	require.NoError(t, err)
	l := res.Lead
	require.Equal(t, lead.ID, l.ID)
	require.Equal(t, leads.TypeContact, l.Type)
	require.Equal(t, leads.StatusConverted, l.Status)
	require.Equal(t, conv.Contact.ConvertedAt, l.ConvertedAt)
	require.Equal(t, "Grace Hopper", l.FullName)
	require.Len(t, l.StatusHistory, 2, "qualified, then converted")
	require.Equal(t, contact.ID, fieldSource(t, res.Fields, "type").From)
	require.Equal(t, contact.ID, fieldSource(t, res.Fields, "status").From)
	n, err := b.Count(ctx, leads.Query{Types: []leads.RecordType{leads.TypeContact}})
	require.NoError(t, err)
	require.Equal(t, 1, n)
}

func TestPreviewMergeMatchesMerge(t *testing.T) {
	b, clock, ctx := newBook(t)
	f := newMergeFixture(t, b, clock, ctx)
	before := stateOf(t, b, ctx)
	others := []uuid.UUID{f.c.ID, f.b.ID}
	preview, err := b.Merge(ctx, f.a.ID, others, leads.MergeOptions{Preview: true})
	require.NoError(t, err)
	require.True(t, preview.Preview)
	require.Equal(t, before, stateOf(t, b, ctx), "a preview changes nothing")

	// Something changes meanwhile: merging what was previewed fails.
	_, err = b.Comment(ctx, f.c.ID, "One more thing.")
	require.NoError(t, err)
	_, err = b.Merge(ctx, f.a.ID, others, leads.MergeOptions{Versions: preview.Versions()})
	require.ErrorIs(t, err, leads.ErrConflict)
	require.ErrorContains(t, err, f.c.ID.String())

	preview, err = b.Merge(ctx, f.a.ID, others, leads.MergeOptions{Preview: true})
	require.NoError(t, err)
	res, err := b.Merge(ctx, f.a.ID, others, leads.MergeOptions{Versions: preview.Versions()})
	require.NoError(t, err)
	require.False(t, res.Preview)
	require.Equal(t, preview.Fields, res.Fields)
	require.Equal(t, preview.History, res.History)
	require.Equal(t, preview.Opportunities, res.Opportunities)
	require.Equal(t, preview.Initiated, res.Initiated)
	require.Equal(t, preview.Entry.Changes, res.Entry.Changes)
	require.Equal(t, preview.Lead, res.Lead, "the preview's record is the one stored")
	stored, err := b.Get(ctx, f.a.ID)
	require.NoError(t, err)
	require.Equal(t, res.Lead, stored)

	out, err := json.Marshal(preview)
	require.NoError(t, err)
	require.Contains(t, string(out), `"fields":[`)
}

func TestMergeManualScoreAndInitiator(t *testing.T) {
	b, _, ctx := newBook(t)
	a := mustCreate(t, b, ctx, &leads.Lead{FullName: "A"})
	c := mustCreate(t, b, ctx, &leads.Lead{FullName: "C", Score: leads.ManualScore(2), InitiatedBy: a.ID})
	e := mustCreate(t, b, ctx, &leads.Lead{FullName: "E"})
	x := mustCreate(t, b, ctx, &leads.Lead{FullName: "X", InitiatedBy: e.ID})
	res, err := b.Merge(ctx, a.ID, []uuid.UUID{c.ID, x.ID}, leads.MergeOptions{})
	require.NoError(t, err)
	require.Equal(t, leads.ManualScore(2), res.Lead.Score)
	require.Equal(t, e.ID, res.Lead.InitiatedBy, "an initiator among the merged records would be the record itself")
	require.Equal(t, c.ID, fieldSource(t, res.Fields, "score").From)
}

// TestMergeConcurrent runs two merges that share a record: one wins, the
// other fails naming the record, and nothing is half done.
func TestMergeConcurrent(t *testing.T) {
	b, _, ctx := newBook(t)
	a := mustCreate(t, b, ctx, &leads.Lead{FullName: "A"})
	shared := mustCreate(t, b, ctx, &leads.Lead{FullName: "S", Emails: []leads.Email{{Address: "s@example.org"}}})
	c := mustCreate(t, b, ctx, &leads.Lead{FullName: "C"})
	addNote(t, b, ctx, "note", shared.ID)
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, survivor := range []uuid.UUID{a.ID, c.ID} {
		wg.Go(func() {
			_, errs[i] = b.Merge(ctx, survivor, []uuid.UUID{shared.ID}, leads.MergeOptions{})
		})
	}
	wg.Wait()
	failed := slices.IndexFunc(errs, func(err error) bool { return err != nil })
	require.NotEqual(t, -1, failed, "both merges succeeded: %v", errs)
	require.ErrorIs(t, errs[failed], leads.ErrNotFound)
	winner := []uuid.UUID{a.ID, c.ID}[1-failed]
	require.NoError(t, errs[1-failed])
	got, err := b.Resolve(ctx, shared.ID)
	require.NoError(t, err)
	require.Equal(t, winner, got)
	hs, err := leads.Collect(b.History().List(ctx, winner, leads.HistoryFilter{Kinds: []leads.HistoryKind{leads.KindNote}}))
	require.NoError(t, err)
	require.Len(t, hs, 1)
	loser, err := b.Get(ctx, []uuid.UUID{a.ID, c.ID}[failed])
	require.NoError(t, err)
	require.EqualValues(t, 1, loser.Version, "the failed merge wrote nothing")
}

// TestMergeComments checks that every comment is kept once, in time
// order, comments without a time first.
func TestMergeComments(t *testing.T) {
	b, _, ctx := newBook(t)
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	same := leads.Comment{At: at, Author: "bob", Text: "Copied into both."}
	x := mustCreate(t, b, ctx, &leads.Lead{FullName: "X", Comments: []leads.Comment{
		{At: at.Add(time.Hour), Author: "alice", Text: "Later."}, same}})
	y := mustCreate(t, b, ctx, &leads.Lead{FullName: "Y", Comments: []leads.Comment{
		{Text: "Imported, no time."}, same, {At: at.Add(-time.Hour), Text: "Earlier."}}})
	res, err := b.Merge(ctx, x.ID, []uuid.UUID{y.ID}, leads.MergeOptions{})
	require.NoError(t, err)
	var texts []string
	for _, c := range res.Lead.Comments {
		texts = append(texts, c.Text)
	}
	require.Equal(t, []string{"Imported, no time.", "Earlier.", "Copied into both.", "Later."}, texts)
	copied := fieldSource(t, res.Fields, "comments[2]")
	require.Equal(t, x.ID, copied.From)
	require.Equal(t, []uuid.UUID{y.ID}, copied.Also)
}

// TestMergeKeepsEarliestCreation checks that the merged record was created
// when the earliest record was, with every status step in time order, so
// the time to first contact counts from the first capture.
func TestMergeKeepsEarliestCreation(t *testing.T) {
	b, clock, ctx := newBook(t)
	first := mustCreate(t, b, ctx, &leads.Lead{FullName: "First capture"})
	clock.Advance(time.Hour)
	_, err := b.SetStatus(ctx, first.ID, leads.StatusContacted, leads.StatusChange{})
	require.NoError(t, err)
	clock.Advance(time.Hour)
	later := mustCreate(t, b, leads.WithActor(ctx, "bob"), &leads.Lead{FullName: "Later capture"})
	clock.Advance(time.Hour)
	_, err = b.SetStatus(ctx, later.ID, leads.StatusQualified, leads.StatusChange{})
	require.NoError(t, err)

	res, err := b.Merge(ctx, later.ID, []uuid.UUID{first.ID}, leads.MergeOptions{})
	require.NoError(t, err)
	l := res.Lead
	require.Equal(t, first.CreatedAt, l.CreatedAt)
	require.Equal(t, "alice", l.CreatedBy)
	require.Equal(t, leads.StatusQualified, l.Status, "the survivor's status")
	var steps []leads.Status
	for _, s := range l.StatusHistory {
		steps = append(steps, s.Status)
	}
	require.Equal(t, []leads.Status{leads.StatusContacted, leads.StatusQualified}, steps)
	d, ok := leads.TimeToFirstContact(l)
	require.True(t, ok)
	require.Equal(t, time.Hour, d)
	require.Equal(t, first.ID, fieldSource(t, res.Fields, "created_at").From)
}
