package leads_test

import (
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/leadkit/leads"
)

// splitAppended returns the keys AppendMatchKeys appended after from.
func splitAppended(buf []byte, ends []int, from int) []string {
	var keys []string
	for _, end := range ends {
		keys = append(keys, string(buf[from:end]))
		from = end
	}
	return keys
}

// TestAppendMatchKeys checks that AppendMatchKeys gives the keys of
// MatchKeys, in order, when appended after the keys of other leads (which
// share some of them: a key repeated within a lead is dropped, one shared
// with the lead before is not), and that it does not allocate once the
// buffers have room.
func TestAppendMatchKeys(t *testing.T) {
	a := uuid.MustParse("0190a000-0000-7000-8000-00000000abcd")
	b := uuid.MustParse("ffffffff-0123-4567-89ab-cdef01234567")
	tests := []*leads.Lead{
		{FullName: "Dr. José García Jr.", Company: "Ácme Inc.",
			Emails: []leads.Email{{Address: " Jose@Acme.example "}, {Address: "jose@ACME.example"},
				{Address: "pepe@gmail.com"}, {Address: "j@acme.example"}},
			Phones:     []leads.Phone{{Number: "+1 (415) 555-0100 ext. 12"}, {Number: "555"}},
			MergedFrom: []uuid.UUID{a, b, a}, InitiatedBy: b},
		{FullName: "José García", Company: "Acme", Emails: []leads.Email{{Address: "jose@acme.example"}},
			Phones: []leads.Phone{{Number: "415 555 0100"}}, MergedFrom: []uuid.UUID{a}},
		{},
		{FullName: "Ada Lovelace", Emails: []leads.Email{{Address: "ada@xn--bcher-kva.de"}}, InitiatedBy: a},
		nil,
	}
	var buf []byte
	var ends []int
	for i, l := range tests {
		from, n := len(buf), len(ends)
		buf, ends = leads.AppendMatchKeys(buf, ends, l)
		require.Equal(t, leads.MatchKeys(l), splitAppended(buf, ends[n:], from), "lead %d", i)
	}
	// ASCII text (a non-ASCII name or domain is folded with allocations,
	// as in MatchKeys).
	ascii := tests[1:3]
	ascii[0] = &leads.Lead{FullName: "Jose Garcia", Company: "Acme", Emails: []leads.Email{{Address: "jose@acme.example"}},
		Phones: []leads.Phone{{Number: "415 555 0100"}}, MergedFrom: []uuid.UUID{a}, InitiatedBy: b}
	allocs := testing.AllocsPerRun(10, func() {
		for _, l := range ascii {
			buf, ends = leads.AppendMatchKeys(buf[:0], ends[:0], l)
		}
	})
	require.Zero(t, allocs, "allocations with room in the buffers")
}
