package leads_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/memory"
)

// FuzzBulkEdit checks that a bulk edit, whatever the field and value,
// never panics, leaves every record valid when it succeeds, and changes
// nothing when it fails.
func FuzzBulkEdit(f *testing.F) {
	for _, s := range [][2]string{
		{"company", "Acme"}, {"stars", "abc"}, {"stars", "4"}, {"full_name", ""}, {"phone", "Mobile=555"},
		{"phone", "=1"}, {"email", "a@b.c"}, {"custom.x", "y"}, {"custom.", ""}, {"status", "QUALIFIED"},
		{"assigned_to", "bob"}, {"initiated_by", "0190f000-0000-7000-8000-000000000000"}, {"score_type", "manual"},
	} {
		f.Add(s[0], s[1], false)
		f.Add(s[0], s[1], true)
	}
	f.Fuzz(func(t *testing.T, field, value string, clear bool) {
		ctx := context.Background()
		b := leads.New(memory.New())
		_, err := b.Users().Create(ctx, &leads.User{Name: "bob", Email: ""})
		require.NoError(t, err)
		a, err := b.Create(ctx, &leads.Lead{FullName: "Ada Lovelace", Source: "Web", Custom: map[string]string{"x": "1"}})
		require.NoError(t, err)
		c, err := b.Create(ctx, &leads.Lead{FullName: "Alan Turing", Score: leads.ManualScore(3)})
		require.NoError(t, err)
		change := leads.Clear(leads.Field(field))
		if !clear {
			if change, err = leads.ParseChange(leads.Field(field), value); err != nil {
				return // text that is no value of the field changes nothing
			}
		}
		n, err := b.BulkEdit(ctx, change, a.ID, c.ID)
		for _, before := range []*leads.Lead{a, c} {
			got, gerr := b.Get(ctx, before.ID)
			require.NoError(t, gerr)
			if err != nil {
				require.Equal(t, before, got, "%s failed (%v) but changed a record", change, err)
				continue
			}
			require.NoError(t, got.Validate(), "%s left an invalid record", change)
		}
		if err == nil {
			require.LessOrEqual(t, n, 2)
		}
	})
}
