package storagetest

import (
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
	"github.com/stretchr/testify/require"
)

// Every path by which a Book changes a stored record writes its change
// log entry, in the same write: the acting user, the time, and each field
// changed from what to what. Each test below changes a record one way and
// reads the entry back with Book.Changes.

// changeFields returns the fields that the newest entry of record's change
// log names, after checking who and when.
func changeFields(t *testing.T, b *leads.Book, record uuid.UUID, actor string, at time.Time) []string {
	t.Helper()
	log, err := leads.Collect(b.History().Changes(ctx, record))
	require.NoError(t, err)
	require.NotEmpty(t, log, "the change is in the change log")
	h := log[0]
	require.Equal(t, leads.KindChange, h.Kind)
	require.Equal(t, actor, h.CreatedBy, "who")
	require.True(t, h.At.Equal(at), "when: %v, want %v", h.At, at)
	require.Contains(t, h.Records, record)
	var out []string
	for _, c := range h.Changes {
		out = append(out, c.Field)
	}
	return out
}

func testChangeLogPaths(t *testing.T, s leads.Store) {
	at := time.Date(2026, 12, 2, 15, 30, 0, 0, time.UTC)
	for _, tt := range []struct {
		name string
		// change changes a record through b (acting as "carol") and
		// returns the records whose log must name want.
		change func(t *testing.T, b *leads.Book, s leads.Store, l *leads.Lead) []uuid.UUID
		want   []string
	}{
		{"import update", func(t *testing.T, b *leads.Book, s leads.Store, l *leads.Lead) []uuid.UUID {
			// What an import with --on-duplicate update does with a row
			// that duplicates a stored record: merge the row into it in
			// the import's transaction, through Preparer.EditIn.
			cctx := leads.WithActor(ctx, "carol")
			prep := leads.NewPreparer(b)
			err := s.Atomic(ctx, func(tx leads.Tx) error {
				_, err := prep.EditIn(cctx, tx, l.ID, func(cur *leads.Lead) error {
					old := cur.Clone()
					cur.JobTitle = "Analyst"
					cur.Phones = append(cur.Phones, leads.Phone{Label: leads.PhoneMobile, Number: "+44 7700 900123"})
					return prep.Revise(cctx, tx, cur, old)
				})
				return err
			})
			require.NoError(t, err)
			return []uuid.UUID{l.ID}
		}, []string{"job_title", "phones"}},
		{"merge", func(t *testing.T, b *leads.Book, s leads.Store, l *leads.Lead) []uuid.UUID {
			other, err := b.Create(ctx, &leads.Lead{FullName: "Ada King", Company: "Analytical Engines"})
			require.NoError(t, err)
			_, err = b.Merge(leads.WithActor(ctx, "carol"), l.ID, []uuid.UUID{other.ID}, leads.MergeOptions{})
			require.NoError(t, err)
			return []uuid.UUID{l.ID}
		}, []string{"company", "merged_from", leads.MergeChangeField}},
		{"merge relinks the initiated", func(t *testing.T, b *leads.Book, s leads.Store, l *leads.Lead) []uuid.UUID {
			other, err := b.Create(ctx, &leads.Lead{FullName: "Ada King"})
			require.NoError(t, err)
			initiated, err := b.Create(ctx, &leads.Lead{FullName: "Mary Somerville", InitiatedBy: other.ID})
			require.NoError(t, err)
			_, err = b.Merge(leads.WithActor(ctx, "carol"), l.ID, []uuid.UUID{other.ID}, leads.MergeOptions{})
			require.NoError(t, err)
			return []uuid.UUID{initiated.ID}
		}, []string{"initiated_by"}},
		{"conversion", func(t *testing.T, b *leads.Book, s leads.Store, l *leads.Lead) []uuid.UUID {
			_, err := b.Convert(leads.WithActor(ctx, "carol"), l.ID, leads.ConvertOptions{CreateAccount: true, AccountName: "Engines"})
			require.NoError(t, err)
			return []uuid.UUID{l.ID}
		}, []string{"type", "account_id", "status", "status_history", "converted_at"}},
		{"status move", func(t *testing.T, b *leads.Book, s leads.Store, l *leads.Lead) []uuid.UUID {
			_, err := b.SetStatus(leads.WithActor(ctx, "carol"), l.ID, leads.StatusDisqualified,
				leads.StatusChange{Reason: "No budget", Note: "Call again in spring."})
			require.NoError(t, err)
			return []uuid.UUID{l.ID}
		}, []string{"status", "status_history", "comments"}},
		{"bulk edit", func(t *testing.T, b *leads.Book, s leads.Store, l *leads.Lead) []uuid.UUID {
			other, err := b.Create(ctx, &leads.Lead{FullName: "Charles Babbage"})
			require.NoError(t, err)
			n, err := b.BulkEdit(leads.WithActor(ctx, "carol"), leads.Set(leads.FieldSource, "Trade show"), l.ID, other.ID)
			require.NoError(t, err)
			require.Equal(t, 2, n)
			return []uuid.UUID{l.ID, other.ID}
		}, []string{"source"}},
		{"delete of the initiator", func(t *testing.T, b *leads.Book, s leads.Store, l *leads.Lead) []uuid.UUID {
			initiated, err := b.Create(ctx, &leads.Lead{FullName: "Mary Somerville", InitiatedBy: l.ID})
			require.NoError(t, err)
			require.NoError(t, b.Delete(leads.WithActor(ctx, "carol"), l.ID))
			return []uuid.UUID{initiated.ID}
		}, []string{"initiated_by"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b := leads.New(s, leads.WithClock(leads.ClockFunc(func() time.Time { return at })))
			l, err := b.Create(ctx, &leads.Lead{FullName: "Ada Lovelace", Emails: []leads.Email{{Address: "ada@engines.example"}}})
			require.NoError(t, err)
			for _, id := range tt.change(t, b, s, l) {
				require.Equal(t, tt.want, changeFields(t, b, id, "carol", at), "record %s", id)
			}
		})
	}
}
