package postgres

import (
	"strings"
	"testing"

	"github.com/leadkit/leads"
)

// FuzzQuerySQL checks, without a database, that no query value or custom
// field name ever reaches the SQL text: each value carries a marker byte
// that must appear only in the parameters.
func FuzzQuerySQL(f *testing.F) {
	for _, s := range []string{"", "x", "'; DROP TABLE leads; --", `"quoted"`, "$1", "Åsa", "\x00", "\xff", "2026-01-01", "3", "0.5"} {
		f.Add(s, s)
	}
	f.Fuzz(func(t *testing.T, value, name string) {
		const mark = "\x01"
		v, n := mark+value, mark+name
		var conds []leads.Cond
		for _, fl := range append(leads.Fields(), leads.CustomField(n)) {
			conds = append(conds, leads.Eq(fl, v), leads.In(fl, v, value), leads.Contains(fl, v),
				leads.Prefix(fl, v), leads.Between(fl, v, ""), leads.Between(fl, "", v),
				leads.Empty(fl), leads.Not(leads.NotEmpty(fl)))
		}
		for _, c := range conds {
			q := leads.Query{Where: leads.Or(c), Sort: []leads.SortKey{leads.Desc(leads.CustomField(n))}, Limit: 5}
			p, err := q.Plan()
			if err != nil {
				continue // refused by validation, as every store refuses it
			}
			sql, args, err := selectSQL(q, p)
			if err != nil {
				t.Fatalf("%v: a valid query was not translated: %v", c, err)
			}
			if strings.Contains(sql, mark) {
				t.Fatalf("%v: a value reached the SQL text: %s", c, sql)
			}
			if n := maxPlaceholder(sql); n != len(args) {
				t.Fatalf("%v: %d parameters for placeholders up to $%d: %s", c, len(args), n, sql)
			}
			q.Unordered, q.Limit = true, 0
			sql, args, err = selectSQL(q, p)
			if err != nil || maxPlaceholder(sql) != len(args) {
				t.Fatalf("%v: unordered: %v, %d parameters: %s", c, err, len(args), sql)
			}
			count, _, err := countSQL(q)
			if err != nil || strings.Contains(count, mark) {
				t.Fatalf("%v: count: %v %s", c, err, count)
			}
		}
	})
}

// maxPlaceholder returns the highest $N in sql.
func maxPlaceholder(sql string) int {
	highest := 0
	for i := 0; i < len(sql); i++ {
		if sql[i] != '$' {
			continue
		}
		n := 0
		for i+1 < len(sql) && sql[i+1] >= '0' && sql[i+1] <= '9' {
			i++
			n = n*10 + int(sql[i]-'0')
		}
		highest = max(highest, n)
	}
	return highest
}
