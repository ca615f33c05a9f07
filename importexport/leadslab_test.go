package importexport

import (
	"strconv"
	"testing"

	"github.com/leadkit/leads"
)

// TestTableSourceLeadsFromSlabs reads rows across several slabs and checks
// that every lead handed out is its own and stays as read: no block is
// handed out twice or reused for a later row.
func TestTableSourceLeadsFromSlabs(t *testing.T) {
	rows := [][]string{{"First Name", "Last Name", "E-mail Address", "Business Phone", "Business City"}}
	n := 2*leadSlabSize + 7
	for i := range n {
		s := strconv.Itoa(i)
		rows = append(rows, []string{"Ada" + s, "Lovelace" + s, "ada" + s + "@x.example", "+1 555 01" + s, "City" + s})
	}
	src, err := NewTableSource(&records{rows: rows}, TableOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var got []*leads.Lead
	seen := map[*leads.Lead]bool{}
	for range n {
		row, err := src.Next()
		if err != nil || row.Err != nil {
			t.Fatal(err, row.Err)
		}
		if seen[row.Lead] {
			t.Fatalf("row %d: a lead handed out before", row.Number)
		}
		seen[row.Lead] = true
		got = append(got, row.Lead)
	}
	for i, l := range got {
		s := strconv.Itoa(i)
		if l.FullName != "Ada"+s+" Lovelace"+s || len(l.Emails) != 1 || l.Emails[0].Address != "ada"+s+"@x.example" ||
			len(l.Phones) != 1 || l.Phones[0].Number != "+1 555 01"+s || len(l.Addresses) != 1 || l.Addresses[0].City != "City"+s {
			t.Errorf("lead %d changed after later rows: %+v", i, l)
		}
	}
}
