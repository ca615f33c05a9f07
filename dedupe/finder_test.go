package dedupe_test

import (
	"context"
	"errors"
	"iter"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/dedupe"
	"github.com/leadkit/leads/storage/memory"
)

// newBook returns a Book over store that finds duplicates with a
// dedupe.Finder.
func newBook(store leads.Store, opts ...leads.Option) *leads.Book {
	return leads.New(store, append([]leads.Option{leads.WithDuplicateFinder(dedupe.Finder{})}, opts...)...)
}

// stored creates each lead in book and returns them as stored.
func stored(t *testing.T, book *leads.Book, ls ...*leads.Lead) []*leads.Lead {
	t.Helper()
	var out []*leads.Lead
	for _, l := range ls {
		c, err := book.Create(context.Background(), l)
		require.NoError(t, err)
		out = append(out, c)
	}
	return out
}

func reasons(d leads.Duplicate) []leads.MatchReason { return d.Reasons }

func TestDuplicates(t *testing.T) {
	ctx := context.Background()
	for _, tt := range []struct {
		name     string
		stored   leads.Lead
		probe    leads.Lead
		opts     leads.DuplicateOptions
		strength int // 0: not reported
		reasons  []leads.MatchReason
	}{
		{"same e-mail, any case",
			leads.Lead{FullName: "Ada Lovelace", Emails: []leads.Email{{Address: "Ada@Engines.example"}}},
			leads.Lead{FullName: "A. L.", Emails: []leads.Email{{Address: "ada@engines.EXAMPLE"}}},
			leads.DuplicateOptions{}, 90, []leads.MatchReason{{Kind: leads.MatchEmail, Value: "ada@engines.example"}}},
		{"accents, case and Last, First at the same company",
			leads.Lead{FullName: "José García", Company: "Acme Inc."},
			leads.Lead{FullName: "GARCIA, Jose", Company: "ACME"},
			leads.DuplicateOptions{}, 70, []leads.MatchReason{{Kind: leads.MatchNameCompany, Value: "garcia jose @ acme"}}},
		{"titles, suffixes and middle names",
			leads.Lead{FullName: "Dr. Ada M. Lovelace Jr.", Company: "Engines"},
			leads.Lead{FullName: "Ada Lovelace", Company: "Engines"},
			leads.DuplicateOptions{}, 70, []leads.MatchReason{{Kind: leads.MatchNameCompany, Value: "ada lovelace @ engines"}}},
		{"same name at another company is no reason",
			leads.Lead{FullName: "Ada Lovelace", Company: "Engines"},
			leads.Lead{FullName: "Ada Lovelace", Company: "Looms"},
			leads.DuplicateOptions{Threshold: 1}, 0, nil},
		{"same name, no company: below the default threshold",
			leads.Lead{FullName: "Ada Lovelace"},
			leads.Lead{FullName: "Lovelace, Ada"},
			leads.DuplicateOptions{}, 0, nil},
		{"same name, no company: reported with a lower threshold",
			leads.Lead{FullName: "Ada Lovelace"},
			leads.Lead{FullName: "Lovelace, Ada"},
			leads.DuplicateOptions{Threshold: 30}, 35, []leads.MatchReason{{Kind: leads.MatchName, Value: "ada lovelace"}}},
		{"same company domain alone is weak",
			leads.Lead{FullName: "Ada Lovelace", Emails: []leads.Email{{Address: "ada@engines.example"}}},
			leads.Lead{FullName: "Charles Babbage", Emails: []leads.Email{{Address: "charles@engines.example"}}},
			leads.DuplicateOptions{}, 0, nil},
		{"same company domain with a low threshold",
			leads.Lead{FullName: "Ada Lovelace", Emails: []leads.Email{{Address: "ada@engines.example"}}},
			leads.Lead{FullName: "Charles Babbage", Emails: []leads.Email{{Address: "charles@Engines.example"}}},
			leads.DuplicateOptions{Threshold: 10}, 15, []leads.MatchReason{{Kind: leads.MatchDomain, Value: "engines.example"}}},
		{"free-mail domains are no reason",
			leads.Lead{FullName: "Ada Lovelace", Emails: []leads.Email{{Address: "ada@gmail.com"}}},
			leads.Lead{FullName: "Charles Babbage", Emails: []leads.Email{{Address: "charles@gmail.com"}}},
			leads.DuplicateOptions{Threshold: 1}, 0, nil},
		{"E.164: US formats with a default region",
			leads.Lead{FullName: "Ada Lovelace", Phones: []leads.Phone{{Number: "+1 (415) 555-0100"}}},
			leads.Lead{FullName: "Someone", Phones: []leads.Phone{{Number: "415.555.0100"}}},
			leads.DuplicateOptions{Region: "US"}, 60, []leads.MatchReason{{Kind: leads.MatchPhone, Value: "+14155550100"}}},
		{"E.164: UK national and international",
			leads.Lead{FullName: "Ada Lovelace", Phones: []leads.Phone{{Number: "020 7946 0018"}}},
			leads.Lead{FullName: "Someone", Phones: []leads.Phone{{Number: "+44 20 7946 0018"}}},
			leads.DuplicateOptions{Region: "GB"}, 60, []leads.MatchReason{{Kind: leads.MatchPhone, Value: "+442079460018"}}},
		{"without a region, digits decide",
			leads.Lead{FullName: "Ada Lovelace", Phones: []leads.Phone{{Number: "020 7946 0018"}}},
			leads.Lead{FullName: "Someone", Phones: []leads.Phone{{Number: "+44 20 7946 0018"}}},
			leads.DuplicateOptions{}, 60, []leads.MatchReason{{Kind: leads.MatchPhone, Value: "+442079460018"}}},
		{"same last eight digits, another number",
			leads.Lead{FullName: "Ada Lovelace", Phones: []leads.Phone{{Number: "+1 415 555 0100"}}},
			leads.Lead{FullName: "Someone", Phones: []leads.Phone{{Number: "+1 315 555 0100"}}},
			leads.DuplicateOptions{Threshold: 1}, 0, nil},
		{"reasons combine",
			leads.Lead{FullName: "Ada Lovelace", Company: "Engines", Phones: []leads.Phone{{Number: "+44 20 7946 0018"}},
				Emails: []leads.Email{{Address: "ada@engines.example"}}},
			leads.Lead{FullName: "Ada Lovelace", Company: "Engines Ltd", Phones: []leads.Phone{{Number: "+44 (0)20 7946 0018"}},
				Emails: []leads.Email{{Address: "a.lovelace@engines.example"}}},
			leads.DuplicateOptions{}, 90, []leads.MatchReason{
				{Kind: leads.MatchNameCompany, Value: "ada lovelace @ engines"},
				{Kind: leads.MatchPhone, Value: "+442079460018"},
				{Kind: leads.MatchDomain, Value: "engines.example"},
			}},
		{"threshold above the strength",
			leads.Lead{FullName: "Ada Lovelace", Emails: []leads.Email{{Address: "ada@engines.example"}}},
			leads.Lead{FullName: "Ada", Emails: []leads.Email{{Address: "ada@engines.example"}}},
			leads.DuplicateOptions{Threshold: 95}, 0, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			book := newBook(memory.New())
			s := stored(t, book, &tt.stored, &leads.Lead{FullName: "Unrelated Person", Company: "Other",
				Emails: []leads.Email{{Address: "other@other.example"}}, Phones: []leads.Phone{{Number: "+1 212 555 0199"}}})[0]
			got, err := book.Duplicates(ctx, &tt.probe, tt.opts)
			require.NoError(t, err)
			if tt.strength == 0 {
				require.Empty(t, got)
				return
			}
			require.Len(t, got, 1)
			require.Equal(t, s.ID, got[0].Lead.ID)
			require.Equal(t, tt.strength, got[0].Strength)
			require.Equal(t, tt.reasons, reasons(got[0]))
		})
	}
}

func TestDuplicatesOrderBoundAndSelf(t *testing.T) {
	ctx := context.Background()
	book := newBook(memory.New())
	var same []*leads.Lead
	for range 6 {
		same = append(same, &leads.Lead{FullName: "Ada Lovelace", Company: "Engines"})
	}
	same = stored(t, book, same...)
	strong := stored(t, book, &leads.Lead{FullName: "Ada Lovelace", Company: "Engines",
		Emails: []leads.Email{{Address: "ada@engines.example"}}})[0]
	contact := stored(t, book, &leads.Lead{FullName: "Ada Lovelace", Company: "Engines", Type: leads.TypeContact,
		Emails: []leads.Email{{Address: "ada@engines.example"}}})[0]

	probe := &leads.Lead{FullName: "Ada Lovelace", Company: "Engines", Emails: []leads.Email{{Address: "ADA@engines.example"}}}
	got, err := book.Duplicates(ctx, probe, leads.DuplicateOptions{})
	require.NoError(t, err)
	require.Len(t, got, 8, "leads and business contacts")
	require.Equal(t, []uuid.UUID{strong.ID, contact.ID}, []uuid.UUID{got[0].Lead.ID, got[1].Lead.ID}, "strongest first, then by ID")
	require.Equal(t, 97, got[0].Strength)
	for i, d := range got[2:] {
		require.Equal(t, same[i].ID, d.Lead.ID)
		require.Equal(t, 70, d.Strength)
	}

	got, err = book.Duplicates(ctx, probe, leads.DuplicateOptions{Limit: 3})
	require.NoError(t, err)
	require.Len(t, got, 3, "the bound")
	require.Equal(t, strong.ID, got[0].Lead.ID, "e-mail keys are looked up first")

	// A stored record is not its own duplicate, nor of the records merged
	// into it.
	merged := *same[0]
	merged.MergedFrom = []uuid.UUID{same[1].ID, same[2].ID}
	got, err = book.Duplicates(ctx, &merged, leads.DuplicateOptions{})
	require.NoError(t, err)
	var ids []uuid.UUID
	for _, d := range got {
		ids = append(ids, d.Lead.ID)
	}
	require.Equal(t, []uuid.UUID{same[3].ID, same[4].ID, same[5].ID, strong.ID, contact.ID}, ids)
}

func TestDuplicateOptionsOfTheBook(t *testing.T) {
	ctx := context.Background()
	book := newBook(memory.New(), leads.WithDuplicateOptions(leads.DuplicateOptions{Region: "GB", Threshold: 30}))
	s := stored(t, book, &leads.Lead{FullName: "Ada Lovelace", Phones: []leads.Phone{{Number: "020 7946 0018"}}})[0]
	got, err := book.Duplicates(ctx, &leads.Lead{FullName: "Lovelace, Ada", Phones: []leads.Phone{{Number: "+44 20 7946 0018"}}}, leads.DuplicateOptions{})
	require.NoError(t, err)
	require.Len(t, got, 1)
	require.Equal(t, s.ID, got[0].Lead.ID)
	require.Equal(t, []leads.MatchReason{{Kind: leads.MatchPhone, Value: "+442079460018"}, {Kind: leads.MatchName, Value: "ada lovelace"}}, got[0].Reasons)
	require.Equal(t, 74, got[0].Strength)

	got, err = book.Duplicates(ctx, &leads.Lead{FullName: "Lovelace, Ada"}, leads.DuplicateOptions{Threshold: 50})
	require.NoError(t, err)
	require.Empty(t, got, "the caller's threshold wins over the Book's")
}

// noList is a store whose List and Count fail: duplicate detection must
// find candidates through Lookup only.
type noList struct{ leads.Store }

func (s noList) Leads() leads.LeadRepository { return noListLeads{s.Store.Leads()} }
func (s noList) Atomic(ctx context.Context, fn func(leads.Tx) error) error {
	return s.Store.Atomic(ctx, func(tx leads.Tx) error { return fn(noListTx{tx}) })
}

type noListTx struct{ leads.Tx }

func (t noListTx) Leads() leads.LeadRepository { return noListLeads{t.Tx.Leads()} }

type noListLeads struct{ leads.LeadRepository }

func (noListLeads) List(context.Context, leads.Query) iter.Seq2[*leads.Lead, error] {
	return func(yield func(*leads.Lead, error) bool) { yield(nil, errors.New("List called: a scan")) }
}

func (noListLeads) Count(context.Context, leads.Query) (int, error) {
	return 0, errors.New("Count called: a scan")
}

func TestDuplicatesNeverScan(t *testing.T) {
	ctx := context.Background()
	store := memory.New()
	ada := stored(t, newBook(store), &leads.Lead{FullName: "Ada Lovelace", Emails: []leads.Email{{Address: "ada@engines.example"}}})[0]
	book := newBook(noList{store}, leads.WithDuplicatePolicy(leads.DuplicateWarn))
	probe := &leads.Lead{FullName: "A. Lovelace", Company: "Engines", Emails: []leads.Email{{Address: "ada@engines.example"}},
		Phones: []leads.Phone{{Number: "+44 20 7946 0018"}}}
	got, err := book.Duplicates(ctx, probe, leads.DuplicateOptions{Threshold: 1})
	require.NoError(t, err)
	require.Len(t, got, 1)
	require.Equal(t, ada.ID, got[0].Lead.ID)
	var dups []leads.Duplicate
	_, err = book.Create(ctx, probe, leads.DuplicatesInto(&dups))
	require.NoError(t, err)
	require.Len(t, dups, 1)

	_, err = book.Duplicates(ctx, nil, leads.DuplicateOptions{})
	require.ErrorIs(t, err, leads.ErrInvalid, "no record: an error, not a panic")
	_, err = book.Create(ctx, nil)
	require.ErrorIs(t, err, leads.ErrInvalid)
}
