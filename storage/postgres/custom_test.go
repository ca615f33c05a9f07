package postgres

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
	"github.com/stretchr/testify/require"
)

// typedText are custom values that read as their type or only nearly: SQL
// must decide exactly as the root package does.
var typedText = map[leads.CustomType][]string{
	leads.CustomNumber: {"9.5", "20", "100", "100.0", "1500", "+5", "5.", ".5", "-.5", "-0", "007", "0.000",
		"1e5", " 12", "12 ", "1,5", "--1", ".", "+", "", "abc", "99999999999999999999999.5", "١٢", "½"},
	leads.CustomDate: {"2024-02-29", "2023-02-29", "2026-11-27", "0001-01-01", "0000-01-01", "2026-13-01",
		"2026-1-05", "2026-04-31", "2026-04-30", "1900-02-29", "2000-02-29", "9999-12-31", " 2026-01-01", "", "soon",
		"2026-01-01T00:00:00Z", "２０２６-01-01"},
	leads.CustomYesNo: {"yes", "YES", "Yes", "y", "Y", "true", "TRUE", "no", "No", "n", "false", "FALSE", "maybe",
		" yes", "", "ｙｅｓ", "1", "0", "yess", "İ"},
}

func TestTypedQueryMatchesSelect(t *testing.T) {
	s := newT(t)
	r := rand.New(rand.NewPCG(3, 4))
	var all []*leads.Lead
	for i := range 120 {
		l := &leads.Lead{ID: uuid.Must(uuid.NewV7()), FullName: fmt.Sprintf("Lead %d", i),
			FileAs: fmt.Sprintf("%02d", r.IntN(10)), Status: leads.StatusNew, Custom: map[string]string{}}
		for name, t := range map[string]leads.CustomType{"n": leads.CustomNumber, "d": leads.CustomDate, "it's \\y": leads.CustomYesNo} {
			if vs := typedText[t]; r.IntN(6) > 0 {
				l.Custom[name] = vs[r.IntN(len(vs))]
			}
		}
		require.NoError(t, s.Leads().Create(ctx, l))
		all = append(all, l)
	}
	types := map[string]leads.CustomType{"n": leads.CustomNumber, "d": leads.CustomDate, "it's \\y": leads.CustomYesNo}
	var qs []leads.Query
	for name, t := range types {
		f := leads.CustomField(name)
		qs = append(qs,
			leads.Query{Sort: []leads.SortKey{leads.Asc(f)}},
			leads.Query{Sort: []leads.SortKey{leads.Desc(f), leads.Asc(leads.FieldFileAs)}},
			leads.Query{Where: leads.Empty(f)},
			leads.Query{Where: leads.NotEmpty(f), Sort: []leads.SortKey{leads.Desc(f)}},
			leads.Query{Where: leads.Between(f, "", "")},
			leads.Query{Where: leads.Not(leads.Between(f, "", ""))},
		)
		for _, v := range typedText[t] {
			if _, ok := t.QueryValue(v); ok {
				qs = append(qs,
					leads.Query{Where: leads.Between(f, v, "")},
					leads.Query{Where: leads.Not(leads.Between(f, "", v))},
				)
			}
			qs = append(qs,
				leads.Query{Where: leads.Eq(f, v)},
				leads.Query{Where: leads.Not(leads.In(f, v, "x"))},
				leads.Query{Where: leads.Contains(f, v)},
				leads.Query{Where: leads.Prefix(f, strings.ToUpper(v))},
			)
		}
	}
	qs = append(qs, leads.Query{Sort: []leads.SortKey{leads.Asc(leads.CustomField("d")), leads.Desc(leads.CustomField("n")), leads.Asc(leads.CustomField("it's \\y"))}})
	for i, q := range qs {
		q.CustomTypes = types
		t.Run(fmt.Sprintf("%d", i), func(t *testing.T) {
			want, err := leads.Select(q, slices.Values(all))
			require.NoError(t, err)
			got := listT(t, s, q)
			requireSameOrder(t, want, got, q)
			n, err := s.Leads().Count(ctx, q)
			require.NoError(t, err)
			require.Equal(t, len(want), n)
			if len(q.Sort) == 0 {
				return
			}
			requireSameOrder(t, want, pageThrough(t, s, q, 7), q)
		})
	}
}

// TestCustomIndex checks that an indexed definition gets an expression
// index that a range on the field uses, and that the index goes when the
// definition no longer asks for it.
func TestCustomIndex(t *testing.T) {
	schema := testSchema(t)
	s := openT(t, schema)
	b := leads.New(s)
	d, err := b.Fields().Create(ctx, &leads.FieldDefinition{Name: "Employees", Type: leads.CustomNumber, Indexed: true})
	require.NoError(t, err)
	_, err = b.Fields().Create(ctx, &leads.FieldDefinition{Name: "O'Brien\\day", Type: leads.CustomDate, Indexed: true})
	require.NoError(t, err)
	indexes := func() []string {
		rows, err := s.Pool().Query(ctx, `SELECT indexname FROM pg_indexes WHERE schemaname = $1 AND starts_with(indexname, 'leads_custom_') ORDER BY 1`, schema)
		require.NoError(t, err)
		defer rows.Close()
		var out []string
		for rows.Next() {
			var n string
			require.NoError(t, rows.Scan(&n))
			out = append(out, n)
		}
		return out
	}
	require.Len(t, indexes(), 2)

	q := leads.Query{Where: leads.Between(leads.CustomField("Employees"), "100", ""),
		CustomTypes: map[string]leads.CustomType{"Employees": leads.CustomNumber}}
	p, err := q.Plan()
	require.NoError(t, err)
	sql, args, err := selectSQL(q, p)
	require.NoError(t, err)
	tx, err := s.Pool().Begin(ctx)
	require.NoError(t, err)
	defer tx.Rollback(ctx)
	_, err = tx.Exec(ctx, "SET LOCAL enable_seqscan = off")
	require.NoError(t, err)
	var plan strings.Builder
	rows, err := tx.Query(ctx, "EXPLAIN "+sql, args...)
	require.NoError(t, err)
	for rows.Next() {
		var line string
		require.NoError(t, rows.Scan(&line))
		plan.WriteString(line + "\n")
	}
	rows.Close()
	require.NoError(t, tx.Rollback(ctx))
	require.Contains(t, plan.String(), customIndexName("Employees", leads.CustomNumber), "the range reads the index:\n%s", plan.String())

	_, err = b.Fields().Edit(ctx, d.ID, func(d *leads.FieldDefinition) error { d.Indexed = false; return nil })
	require.NoError(t, err)
	require.Equal(t, []string{customIndexName("O'Brien\\day", leads.CustomDate)}, indexes())
	defs, err := leads.Collect(b.Fields().List(ctx))
	require.NoError(t, err)
	require.NoError(t, b.Fields().Delete(ctx, defs[1].ID))
	require.Empty(t, indexes())
}
