package index

import (
	"fmt"
	"sync"
	"testing"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
)

// TestKeyIndexLookupDuringBulkWrites looks a stored lead up while other
// writes, each larger than the index, keep dropping the key index: every
// lookup must find the lead, however the rebuild and the writes interleave.
func TestKeyIndexLookupDuringBulkWrites(t *testing.T) {
	x := New()
	ada := &leads.Lead{ID: uuid.Must(uuid.NewV7()), FullName: "Ada Lovelace", Emails: []leads.Email{{Address: "ada@engines.example"}}}
	c := NewChanges()
	c.Leads[ada.ID] = ada
	x.Apply(c)
	key := "e:ada@engines.example"

	var fillers []uuid.UUID
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			// Replace every filler with new ones: more changes than leads.
			c := NewChanges()
			for _, id := range fillers {
				c.Leads[id] = nil
			}
			fillers = fillers[:0]
			for j := range 3 {
				l := &leads.Lead{ID: uuid.Must(uuid.NewV7()), FullName: fmt.Sprintf("Filler %d %d", i, j)}
				c.Leads[l.ID], fillers = l, append(fillers, l.ID)
			}
			x.Apply(c)
		}
	}()
	missed := 0
	for range 100000 {
		if len(x.LookupLeads(key, 1, nil)) != 1 {
			missed++
		}
		if ids := x.FirstIDs([]string{key}, nil); ids[0] != ada.ID {
			missed++
		}
	}
	close(stop)
	wg.Wait()
	if missed > 0 {
		t.Errorf("%d lookups of a stored lead found nothing while bulk writes dropped the key index", missed)
	}
}
