package importexport_test

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
	"github.com/leadkit/leads/importexport"
	"github.com/leadkit/leads/importexport/csvfile"
	"github.com/leadkit/leads/storage/memory"
	"github.com/stretchr/testify/require"
)

// tableSource is a Source with rows carrying warnings, a column mapping
// and warnings of its own, as a liberal table reader gives them.
type tableSource struct {
	rows     []importexport.Row
	cols     []importexport.Column
	fileWarn []importexport.Warning
	i        int
	asked    bool // FileWarnings was called
	readEnd  bool // Next returned io.EOF
}

func (s *tableSource) Next() (importexport.Row, error) {
	if s.i == len(s.rows) {
		s.readEnd = true
		return importexport.Row{}, io.EOF
	}
	s.i++
	r := s.rows[s.i-1]
	r.Lead = r.Lead.Clone()
	return r, nil
}

func (s *tableSource) Columns() []importexport.Column { return s.cols }

func (s *tableSource) FileWarnings() []importexport.Warning {
	s.asked = true
	if !s.readEnd {
		panic("FileWarnings asked before the last row")
	}
	return s.fileWarn
}

func TestImportReportsWarnings(t *testing.T) {
	cols := []importexport.Column{{Header: "Vorname", Field: "first_name", By: "localized (de)"}, {Header: "Telefon", Field: "phone:Business", By: "localized (de)"}}
	newSource := func() *tableSource {
		return &tableSource{cols: cols,
			fileWarn: []importexport.Warning{{Row: 5, Reason: "the file is not UTF-8: read as Windows-1252"}},
			rows: []importexport.Row{
				{Number: 2, Lead: &leads.Lead{FullName: "Ada"}, Warnings: []importexport.Warning{{Column: "Telefon", Value: "pager", Reason: "no digits: not a phone number, left out"}}},
				{Number: 3, Lead: &leads.Lead{FullName: "Bob"}},
				{Number: 4, Lead: &leads.Lead{FullName: "Cyd"}, Warnings: []importexport.Warning{
					{Row: 4, Column: "E-mail", Reason: "2 e-mail addresses in one field: kept as 2 e-mails"},
					{Column: "Telefon", Reason: "x"}}},
				{Number: 5, Lead: &leads.Lead{JobTitle: "nobody"}, Warnings: []importexport.Warning{{Column: "Telefon", Reason: "of a rejected row"}}},
			}}
	}
	ctx := context.Background()
	src := newSource()
	rep, err := (&importexport.Importer{Book: leads.New(memory.New()), SkipBadRows: true}).Import(ctx, src)
	require.NoError(t, err)
	require.True(t, src.asked)
	require.Equal(t, cols, rep.Columns)
	require.Len(t, rep.Created, 3)
	require.Len(t, rep.Rejected, 1)
	require.Equal(t, []importexport.Warning{
		{Row: 0, Reason: "the file is not UTF-8: read as Windows-1252"},
		{Row: 2, Column: "Telefon", Value: "pager", Reason: "no digits: not a phone number, left out"},
		{Row: 4, Column: "E-mail", Reason: "2 e-mail addresses in one field: kept as 2 e-mails"},
		{Row: 4, Column: "Telefon", Reason: "x"},
	}, rep.Warnings, "the file's first, then each kept row's, in file order")
	require.Equal(t, `row 2, column "Telefon": no digits: not a phone number, left out (value "pager")`, rep.Warnings[1].String())

	// Strict: each row warning rejects its row instead.
	src = newSource()
	rep, err = (&importexport.Importer{Book: leads.New(memory.New()), Strict: true, SkipBadRows: true}).Import(ctx, src)
	require.NoError(t, err)
	require.Len(t, rep.Created, 1, "only Bob")
	require.Equal(t, []importexport.Warning{{Reason: "the file is not UTF-8: read as Windows-1252"}}, rep.Warnings, "the file's warnings stay warnings")
	var cols2 []string
	for _, r := range rep.Rejected {
		cols2 = append(cols2, r.Column)
		require.Contains(t, []int{2, 4, 5}, r.Row)
	}
	require.Equal(t, []string{"Telefon", "E-mail", "Telefon", "Telefon"}, cols2)
	require.ErrorIs(t, rep.Rejected[0], importexport.ErrStrict)
	require.Contains(t, rep.Rejected[0].Error(), `row 2, column "Telefon": importexport: refused in strict mode: no digits: not a phone number, left out (value "pager")`)

	_, err = (&importexport.Importer{Book: leads.New(memory.New()), Strict: true}).Import(ctx, newSource())
	require.ErrorIs(t, err, importexport.ErrRowsRejected)
	require.ErrorIs(t, err, importexport.ErrStrict)
	var re *leads.RowError
	require.ErrorAs(t, err, &re)
}

// TestImportKeepsEveryPerson: a row is rejected only when it has no
// name, no e-mail address and no phone; otherwise a name is found and
// the values that cannot be stored are left out, each with a warning.
func TestImportKeepsEveryPerson(t *testing.T) {
	for _, tt := range []struct {
		what     string
		lead     *leads.Lead
		name     string // "" when rejected
		warnings int
		strictOK bool // accepted by a strict import too
	}{
		{"a name", &leads.Lead{FullName: "Ada"}, "Ada", 0, true},
		{"name parts", &leads.Lead{FirstName: "Ada", LastName: "Lovelace"}, "Ada Lovelace", 1, false},
		{"a company", &leads.Lead{Company: "Acme"}, "Acme", 1, false},
		{"an e-mail address", &leads.Lead{Emails: []leads.Email{{Address: "hans.wurst@x.example"}}}, "Hans Wurst", 1, false},
		{"a phone", &leads.Lead{Phones: []leads.Phone{{Label: leads.PhoneMobile, Number: "+49 151 1"}}}, "+49 151 1", 1, false},
		{"a name and a bad address", &leads.Lead{FullName: "Bob", Emails: []leads.Email{{Address: "not an address"}}}, "Bob", 1, false},
		{"a name and a bad web page", &leads.Lead{FullName: "Bob", WebPages: []string{"http://x\x01y"}}, "Bob", 1, false},
		{"a name and an unknown status", &leads.Lead{FullName: "Bob", Status: "hot"}, "Bob", 1, false},
		{"a job title only", &leads.Lead{JobTitle: "CEO"}, "", 0, false},
		{"a bad address only", &leads.Lead{Emails: []leads.Email{{Address: "n/a"}}}, "", 0, false},
	} {
		t.Run(tt.what, func(t *testing.T) {
			for _, strict := range []bool{false, true} {
				book := leads.New(memory.New())
				rep, err := (&importexport.Importer{Book: book, Strict: strict}).Import(context.Background(), source(tt.lead))
				if tt.name == "" || strict && !tt.strictOK {
					require.ErrorIs(t, err, importexport.ErrRowsRejected, "strict %v", strict)
					require.ErrorIs(t, err, leads.ErrInvalid)
					require.Empty(t, rep.Warnings)
					continue
				}
				require.NoError(t, err, "strict %v", strict)
				require.Len(t, rep.Warnings, tt.warnings)
				for _, w := range rep.Warnings {
					require.Equal(t, 2, w.Row)
				}
				l, err := book.Get(context.Background(), rep.Created[0].ID)
				require.NoError(t, err)
				require.Equal(t, tt.name, l.FullName)
			}
		})
	}
}

// catalogRows is a Catalog source without rows, as the JSON export of an
// empty store.
type catalogRows struct{ *rows }

func (catalogRows) Accounts() []leads.Account   { return nil }
func (catalogRows) Criteria() []leads.Criterion { return nil }

func TestImportNoRecords(t *testing.T) {
	ctx := context.Background()
	book := leads.New(memory.New())
	for _, tt := range []struct {
		what string
		src  importexport.Source
		want string // "" when no error
	}{
		{"no rows", source(), "the file holds no record"},
		{"a table without rows", &tableSource{cols: []importexport.Column{{Header: "Name", Field: "full_name"}}}, "the table has a header and no row under it"},
		{"no column names a person", &tableSource{cols: []importexport.Column{{Header: "Foo"}, {Header: "Notes", Field: "comments"}},
			rows: []importexport.Row{{Number: 2, Lead: &leads.Lead{}}}}, `no column maps to a name, company, e-mail address or phone (columns "Foo", "Notes")`},
		{"the JSON export of an empty store", catalogRows{source()}, ""},
	} {
		rep, err := (&importexport.Importer{Book: book}).Import(ctx, tt.src)
		if tt.want == "" {
			require.NoError(t, err, tt.what)
			continue
		}
		require.ErrorIs(t, err, importexport.ErrNoRecords, tt.what)
		require.Contains(t, err.Error(), tt.want, tt.what)
		require.NotNil(t, rep, tt.what)
		require.Empty(t, rep.Created, tt.what)
	}
	// A CSV file with a header only.
	src, err := csvfile.NewSource(strings.NewReader("First Name,Last Name,E-mail Address\r\n"), csvfile.Options{})
	require.NoError(t, err)
	_, err = (&importexport.Importer{Book: book}).Import(ctx, src)
	require.ErrorIs(t, err, importexport.ErrNoRecords)
	require.Equal(t, "importexport: no record could be read from the file: the table has a header and no row under it", err.Error())
	require.False(t, errors.Is(err, importexport.ErrRowsRejected))
}

// TestImportDuplicateRules: the same ID or a shared e-mail address is the
// same person; the same name at the same company is a possible duplicate
// only when one of the two has no address; namesakes with addresses of
// their own are two people, created under every policy.
func TestImportDuplicateRules(t *testing.T) {
	ctx := context.Background()
	email := func(a ...string) []leads.Email {
		var es []leads.Email
		for _, x := range a {
			es = append(es, leads.Email{Address: x})
		}
		return es
	}
	type stored struct {
		name, company string
		emails        []string
	}
	for _, tt := range []struct {
		what     string
		stored   *stored       // a record stored before the import, or nil
		rows     []*leads.Lead // imported in this order
		dup      string        // the Match of the last row when it is skipped
		possible bool          // the last row is created and listed as possible
	}{
		{"shared address, stored", &stored{"Ada", "Engines", []string{"ada@x.example"}},
			[]*leads.Lead{{FullName: "A. L.", Emails: email("ADA@x.example")}}, "email", false},
		{"one shared address of several", nil,
			[]*leads.Lead{{FullName: "Ada", Emails: email("a@x.example", "b@x.example")}, {FullName: "Other", Emails: email("c@x.example", "b@x.example")}}, "email", false},
		{"namesakes with their own addresses, rows", nil,
			[]*leads.Lead{{FullName: "John Smith", Company: "Acme", Emails: email("js1@acme.example")}, {FullName: "John Smith", Company: "Acme", Emails: email("js2@acme.example")}}, "", false},
		{"namesakes with their own addresses, stored", &stored{"John Smith", "Acme", []string{"js1@acme.example"}},
			[]*leads.Lead{{FullName: "Smith, John", Company: "ACME Inc.", Emails: email("js2@acme.example")}}, "", false},
		{"the same name, no address in the row", &stored{"John Smith", "Acme", []string{"js1@acme.example"}},
			[]*leads.Lead{{FullName: "John Smith", Company: "Acme"}}, "", true},
		{"the same name, no address stored", &stored{"John Smith", "Acme", nil},
			[]*leads.Lead{{FullName: "John Smith", Company: "Acme", Emails: email("js2@acme.example")}}, "", true},
		{"the same name, no address on either row", nil,
			[]*leads.Lead{{FullName: "John Smith", Company: "Acme"}, {FullName: "john smith", Company: "Acme"}}, "", true},
		{"the same name, an earlier row without address", nil,
			[]*leads.Lead{{FullName: "John Smith", Company: "Acme", Emails: email("js1@acme.example")}, {FullName: "John Smith", Company: "Acme"},
				{FullName: "John Smith", Company: "Acme", Emails: email("js3@acme.example")}}, "", true},
		{"the same name at another company", nil,
			[]*leads.Lead{{FullName: "John Smith", Company: "Acme"}, {FullName: "John Smith", Company: "Globex"}}, "", false},
	} {
		t.Run(tt.what, func(t *testing.T) {
			for _, policy := range []importexport.OnDuplicate{importexport.SkipDuplicates, importexport.UpdateDuplicates} {
				book := leads.New(memory.New())
				var storedID uuid.UUID
				if tt.stored != nil {
					var es []leads.Email
					for _, a := range tt.stored.emails {
						es = append(es, leads.Email{Address: a})
					}
					l, err := book.Create(ctx, &leads.Lead{FullName: tt.stored.name, Company: tt.stored.company, Emails: es})
					require.NoError(t, err)
					storedID = l.ID
				}
				rep, err := (&importexport.Importer{Book: book, OnDuplicate: policy}).Import(ctx, source(tt.rows...))
				require.NoError(t, err)
				last := len(tt.rows) + 1
				var outcomes []importexport.Outcome
				outcomes = append(append(outcomes, rep.Skipped...), rep.Updated...)
				if tt.dup != "" {
					require.Len(t, outcomes, 1, "policy %d", policy)
					require.Equal(t, last, outcomes[0].Row)
					require.Equal(t, tt.dup, outcomes[0].Match)
					continue
				}
				require.Empty(t, outcomes, "policy %d: nobody is dropped or merged", policy)
				require.Len(t, rep.Created, len(tt.rows))
				if !tt.possible {
					require.Empty(t, rep.Possible, "policy %d", policy)
					continue
				}
				require.NotEmpty(t, rep.Possible, "policy %d", policy)
				p := rep.Possible[len(rep.Possible)-1]
				require.Equal(t, last, p.Row)
				require.Equal(t, "name and company", p.Match)
				if storedID != uuid.Nil {
					require.Equal(t, storedID, p.Like)
				} else {
					// The row it looks like is the one without an address
					// (or the first, when the last has none).
					want := rep.Created[0].ID
					if len(tt.rows) == 3 {
						want = rep.Created[1].ID
					}
					require.Equal(t, want, p.Like)
				}
			}
		})
	}
}
