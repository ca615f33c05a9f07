package postgres

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
	"github.com/stretchr/testify/require"
)

// TestBookEditsWithOneConnection runs concurrent Book edits that read other
// records while the lead is locked (field definitions for custom values,
// criteria for checks) against a pool of one connection: the Book must
// read through the edit's transaction, or each edit would wait for ever
// for a second connection.
func TestBookEditsWithOneConnection(t *testing.T) {
	s, err := Open(ctx, testDSN(t), &Options{Schema: testSchema(t), MaxConns: 1})
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	b := leads.New(s)
	_, err = b.Fields().Create(ctx, &leads.FieldDefinition{RecordType: leads.TypeLead, Name: "Region",
		Type: leads.CustomChoice, Choices: []string{"North", "South"}})

	require.NoError(t, err)
	l, err := b.Create(ctx, &leads.Lead{FullName: "Ada Lovelace"})
	require.NoError(t, err)
	criteria, err := leads.Collect(b.Criteria().List(ctx))
	require.NoError(t, err)
	require.NotEmpty(t, criteria)

	deadline, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := range 5 {
				region := []string{"North", "South"}[(w+i)%2]
				_, err := b.Edit(deadline, l.ID, func(l *leads.Lead) error {
					l.Custom = map[string]string{"Region": region}
					l.Checks = map[uuid.UUID]bool{criteria[0].ID: i%2 == 0}
					return nil
				})
				if err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	got, err := b.Get(ctx, l.ID)
	require.NoError(t, err)
	require.EqualValues(t, 21, got.Version, "every edit landed")
}
