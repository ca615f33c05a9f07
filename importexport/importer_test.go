package importexport_test

import (
	"context"
	"io"
	"testing"

	"github.com/google/uuid"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/importexport"
	"github.com/leadkit/leads/storage/memory"
	"github.com/stretchr/testify/require"
)

// rows is a Source over fixed leads, numbered from 2 as in a CSV file.
type rows struct {
	leads []*leads.Lead
	i     int
}

func (r *rows) Next() (importexport.Row, error) {
	if r.i >= len(r.leads) {
		return importexport.Row{}, io.EOF
	}
	r.i++
	// A row's lead becomes the importer's (it is prepared in place).
	return importexport.Row{Number: r.i + 1, Lead: r.leads[r.i-1].Clone()}, nil
}

func source(ls ...*leads.Lead) *rows { return &rows{leads: ls} }

func seeded(t *testing.T) (*leads.Book, *leads.Lead) {
	t.Helper()
	book := leads.New(memory.New())
	ada, err := book.Create(context.Background(), &leads.Lead{FullName: "Ada Lovelace", Company: "Engines",
		Emails: []leads.Email{{Address: "Ada@Engines.example"}}, Phones: []leads.Phone{{Label: leads.PhoneBusiness, Number: "+44 1"}}})
	require.NoError(t, err)
	return book, ada
}

func count(t *testing.T, book *leads.Book) int {
	n, err := book.Count(context.Background(), leads.Query{})
	require.NoError(t, err)
	return n
}

func TestDuplicatePolicies(t *testing.T) {
	ctx := context.Background()
	byEmail := &leads.Lead{FullName: "A. Lovelace", Emails: []leads.Email{{Address: "ada@engines.EXAMPLE"}},
		Phones: []leads.Phone{{Label: leads.PhoneMobile, Number: "+44 2"}}, JobTitle: "Countess"}
	byName := &leads.Lead{FullName: "ada  LOVELACE.", Company: "engines", Comments: []leads.Comment{{Text: "met again"}}}
	fresh := &leads.Lead{FullName: "Charles Babbage", Company: "Engines"}
	// byName has the name and company of the stored Ada and no e-mail
	// address: possibly her, not surely; it is created and listed.
	tests := []struct {
		policy                    importexport.OnDuplicate
		created, updated, skipped int
		possible                  int
		total                     int
		check                     func(t *testing.T, ada *leads.Lead)
	}{
		{importexport.SkipDuplicates, 2, 0, 1, 1, 3, func(t *testing.T, ada *leads.Lead) {
			require.Equal(t, int64(1), ada.Version)
		}},
		{importexport.UpdateDuplicates, 2, 1, 0, 1, 3, func(t *testing.T, ada *leads.Lead) {
			require.Equal(t, "A. Lovelace", ada.FullName, "the row's name replaces the stored one")
			require.Equal(t, "Countess", ada.JobTitle)
			require.Len(t, ada.Emails, 1, "the same address, differently cased, is not added twice")
			require.Len(t, ada.Phones, 2)
			require.Empty(t, ada.Comments, "the possible duplicate is not merged")
			require.Equal(t, int64(2), ada.Version)
		}},
		{importexport.CreateDuplicates, 3, 0, 0, 0, 4, func(t *testing.T, ada *leads.Lead) {
			require.Equal(t, int64(1), ada.Version)
		}},
	}
	for _, tt := range tests {
		book, ada := seeded(t)
		im := importexport.Importer{Book: book, OnDuplicate: tt.policy}
		rep, err := im.Import(ctx, source(byEmail, byName, fresh))
		require.NoError(t, err)
		require.Len(t, rep.Created, tt.created)
		require.Len(t, rep.Updated, tt.updated)
		require.Len(t, rep.Skipped, tt.skipped)
		require.Len(t, rep.Possible, tt.possible)
		if tt.skipped > 0 {
			require.Equal(t, "email", rep.Skipped[0].Match)
		}
		if tt.possible > 0 {
			p := rep.Possible[0]
			require.Equal(t, 3, p.Row)
			require.Equal(t, "name and company", p.Match)
			require.Equal(t, ada.ID, p.Like)
			require.Equal(t, rep.Created[0].ID, p.ID, "the new record is listed")
		}
		require.Equal(t, tt.total, count(t, book))
		got, err := book.Get(ctx, ada.ID)
		require.NoError(t, err)
		tt.check(t, got)
	}
}

func TestDuplicateWithinFile(t *testing.T) {
	book := leads.New(memory.New())
	a := &leads.Lead{FullName: "Grace Hopper", Emails: []leads.Email{{Address: "g@navy.example"}}}
	b := &leads.Lead{FullName: "Grace Hopper", Emails: []leads.Email{{Address: "G@NAVY.example"}}, JobTitle: "Admiral"}
	rep, err := (&importexport.Importer{Book: book, OnDuplicate: importexport.UpdateDuplicates}).Import(context.Background(), source(a, b))
	require.NoError(t, err)
	require.Len(t, rep.Created, 1)
	require.Len(t, rep.Updated, 1)
	require.Equal(t, 1, count(t, book))
	l, err := book.Get(context.Background(), rep.Created[0].ID)
	require.NoError(t, err)
	require.Equal(t, "Admiral", l.JobTitle)
}

func TestDryRunChangesNothing(t *testing.T) {
	ctx := context.Background()
	book, ada := seeded(t)
	im := importexport.Importer{Book: book, OnDuplicate: importexport.UpdateDuplicates, DryRun: true, SkipBadRows: true}
	rep, err := im.Import(ctx, source(
		&leads.Lead{FullName: "Ada Lovelace", Emails: []leads.Email{{Address: "ada@engines.example"}}, JobTitle: "Countess"},
		&leads.Lead{FullName: "New Person"},
		&leads.Lead{JobTitle: "Nobody", Emails: []leads.Email{{Address: "nope"}}},
	))
	require.NoError(t, err)
	require.True(t, rep.DryRun)
	require.Len(t, rep.Updated, 1)
	require.Len(t, rep.Created, 1)
	require.Len(t, rep.Rejected, 2, "no name, and an address that is none")
	require.Equal(t, 4, rep.Rejected[0].Row)
	require.Equal(t, "full_name", rep.Rejected[0].Column)
	require.Equal(t, "emails[0].address", rep.Rejected[1].Column)
	require.Equal(t, 1, count(t, book))
	got, err := book.Get(ctx, ada.ID)
	require.NoError(t, err)
	require.Equal(t, ada.Version, got.Version)
	require.Empty(t, got.JobTitle)
}

func TestMatcherKeys(t *testing.T) {
	require.Equal(t, importexport.NameKey("Dr. Ada  Lovelace", "Engines, Ltd."), importexport.NameKey("dr ada lovelace", "engines ltd"))
	require.NotEqual(t, importexport.NameKey("Ada Lovelace", "A"), importexport.NameKey("Ada Lovelace", "B"))
	require.Equal(t, "", importexport.NameKey("  ", "x"))
}

func TestNeutralize(t *testing.T) {
	for in, want := range map[string]string{
		"=HYPERLINK(\"x\")": "'=HYPERLINK(\"x\")", "+1 555": "'+1 555", "-2": "'-2", "@SUM(A1)": "'@SUM(A1)",
		"\tx": "'\tx", "\rx": "'\rx", "Ada": "Ada", "": "", "a=b": "a=b",
	} {
		require.Equal(t, want, importexport.Neutralize(in), in)
	}
}

func TestUnneutralize(t *testing.T) {
	for _, s := range []string{"=SUM(A1)", "+44 1", "-x", "@x", "\tx", "Ada", "'Tis Ltd", "'", ""} {
		require.Equal(t, s, importexport.Unneutralize(importexport.Neutralize(s)), s)
	}
	require.Equal(t, "'Tis", importexport.Unneutralize("'Tis"))
}

func TestImportChecksUserDefinedFields(t *testing.T) {
	ctx := context.Background()
	book, _ := seeded(t)
	_, err := book.Fields().Create(ctx, &leads.FieldDefinition{Name: "Employees", Type: leads.CustomNumber})
	require.NoError(t, err)
	rows := func() importexport.Source {
		return source(
			&leads.Lead{FullName: "Fits", Custom: map[string]string{"Employees": "120"}},
			&leads.Lead{FullName: "Misfit", Custom: map[string]string{"Employees": "many", "Region": "North"}},
		)
	}
	im := importexport.Importer{Book: book, Strict: true}
	rep, err := im.Import(ctx, rows())
	require.ErrorIs(t, err, importexport.ErrRowsRejected, "strict: one bad row, nothing imported")
	require.Len(t, rep.Rejected, 1)
	require.Equal(t, 3, rep.Rejected[0].Row)
	require.Equal(t, "custom.Employees", rep.Rejected[0].Column)
	require.Equal(t, 1, count(t, book))

	// Liberal: the value is left out with a warning, the person kept.
	im.Strict = false
	rep, err = im.Import(ctx, rows())
	require.NoError(t, err)
	require.Len(t, rep.Created, 2)
	require.Len(t, rep.Warnings, 1)
	w := rep.Warnings[0]
	require.Equal(t, 3, w.Row)
	require.Equal(t, "custom.Employees", w.Column)
	require.Equal(t, "many", w.Value)
	require.Contains(t, w.Reason, "left out")
	misfit, err := book.Get(ctx, rep.Created[1].ID)
	require.NoError(t, err)
	require.Equal(t, map[string]string{"Region": "North"}, misfit.Custom)
}

// TestProgressCallback checks that progress is reported every
// ProgressEvery rows, each count once (also when the rows are a multiple of
// ProgressEvery), then once as done.
func TestProgressCallback(t *testing.T) {
	for _, tt := range []struct {
		rows int
		want []importexport.Progress
	}{
		{25, []importexport.Progress{{Rows: 10}, {Rows: 20}, {Rows: 25}, {Rows: 25, Done: true}}},
		{20, []importexport.Progress{{Rows: 10}, {Rows: 20}, {Rows: 20, Done: true}}},
		{0, []importexport.Progress{{Done: true}}},
	} {
		var ls []*leads.Lead
		for i := range tt.rows {
			ls = append(ls, &leads.Lead{FullName: "Person " + string(rune('A'+i))})
		}
		var seen []importexport.Progress
		im := importexport.Importer{Book: leads.New(memory.New()), ProgressEvery: 10,
			Progress: func(p importexport.Progress) { seen = append(seen, p) }}
		_, err := im.Import(context.Background(), source(ls...))
		if tt.rows == 0 {
			require.ErrorIs(t, err, importexport.ErrNoRecords)
		} else {
			require.NoError(t, err)
		}
		require.Equal(t, tt.want, seen, "%d rows", tt.rows)
	}
}

// TestRejectedInFileOrder checks that the rows rejected for a missing
// account, found after the rows are read, take their place in file order
// among the rows rejected while reading.
func TestRejectedInFileOrder(t *testing.T) {
	book := leads.New(memory.New())
	missing := uuid.MustParse("0190f000-0000-7000-8000-000000000001")
	im := importexport.Importer{Book: book}
	_, err := im.Import(context.Background(), source(
		&leads.Lead{FullName: "Linked to nothing", AccountID: missing},
		&leads.Lead{JobTitle: "No name, address or phone"},
	))
	var rejected *importexport.RejectedError
	require.ErrorAs(t, err, &rejected)
	require.Len(t, rejected.Rows, 2)
	require.Equal(t, []int{2, 3}, []int{rejected.Rows[0].Row, rejected.Rows[1].Row}, "%v", err)
}
