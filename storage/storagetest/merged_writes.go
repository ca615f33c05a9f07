package storagetest

import (
	"errors"
	"testing"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
	"github.com/stretchr/testify/require"
)

// Writes by the ID of a record merged into another one follow it to the
// survivor, as reads do: a link, bookmark or import made before the merge
// still changes the person. Save alone cannot follow (its record is a
// copy of the merged one) and fails with a *MergedError naming the
// survivor.

func testMergedWrites(t *testing.T, s leads.Store) {
	for _, tt := range []struct {
		name string
		// write writes through the merged ID gone; check reads the
		// survivor after it.
		write func(b *leads.Book, gone uuid.UUID) (any, error)
		check func(t *testing.T, b *leads.Book, survivor *leads.Lead, out any)
	}{
		{"Edit", func(b *leads.Book, gone uuid.UUID) (any, error) {
			return b.Edit(ctx, gone, func(l *leads.Lead) error { l.JobTitle = "Countess"; return nil })
		}, func(t *testing.T, b *leads.Book, survivor *leads.Lead, out any) {
			require.Equal(t, survivor.ID, out.(*leads.Lead).ID, "Edit returns the survivor")
			require.Equal(t, "Countess", survivor.JobTitle)
		}},
		{"Comment", func(b *leads.Book, gone uuid.UUID) (any, error) {
			return b.Comment(ctx, gone, "Met at the fair.")
		}, func(t *testing.T, b *leads.Book, survivor *leads.Lead, out any) {
			require.Equal(t, "Met at the fair.", survivor.Comments[len(survivor.Comments)-1].Text)
		}},
		{"SetStatus", func(b *leads.Book, gone uuid.UUID) (any, error) {
			return b.SetStatus(ctx, gone, leads.StatusContacted, leads.StatusChange{})
		}, func(t *testing.T, b *leads.Book, survivor *leads.Lead, out any) {
			require.Equal(t, leads.StatusContacted, survivor.Status)
		}},
		{"ScoreManually", func(b *leads.Book, gone uuid.UUID) (any, error) {
			return b.ScoreManually(ctx, gone, 4)
		}, func(t *testing.T, b *leads.Book, survivor *leads.Lead, out any) {
			require.Equal(t, leads.ManualScore(4).Stars, survivor.Score.Stars)
			require.Equal(t, leads.ScoreManual, survivor.Score.Type)
		}},
		{"Assign", func(b *leads.Book, gone uuid.UUID) (any, error) {
			if _, err := b.Users().Create(ctx, &leads.User{Name: "grace", Email: "grace@engines.example"}); err != nil {
				return nil, err
			}
			return b.Assign(ctx, "grace", gone)
		}, func(t *testing.T, b *leads.Book, survivor *leads.Lead, out any) {
			require.Equal(t, 1, out.(int))
			require.Equal(t, "grace", survivor.AssignedTo)
		}},
		{"BulkEdit with the survivor too", func(b *leads.Book, gone uuid.UUID) (any, error) {
			l, err := b.Get(ctx, gone)
			if err != nil {
				return nil, err
			}
			return b.BulkEdit(ctx, leads.Set(leads.FieldSource, "Web"), gone, l.ID)
		}, func(t *testing.T, b *leads.Book, survivor *leads.Lead, out any) {
			require.Equal(t, 1, out.(int), "the survivor changes once")
			require.Equal(t, "Web", survivor.Source)
		}},
		{"AddHistory", func(b *leads.Book, gone uuid.UUID) (any, error) {
			return b.History().Create(ctx, &leads.HistoryItem{Kind: leads.KindNote, Subject: "call", Records: []uuid.UUID{gone}})
		}, func(t *testing.T, b *leads.Book, survivor *leads.Lead, out any) {
			h := out.(*leads.HistoryItem)
			require.Equal(t, []uuid.UUID{survivor.ID}, h.Records)
			stored, err := b.History().Get(ctx, h.ID)
			require.NoError(t, err)
			require.Equal(t, []uuid.UUID{survivor.ID}, stored.Records)
		}},
		{"AddHistory naming both", func(b *leads.Book, gone uuid.UUID) (any, error) {
			l, err := b.Get(ctx, gone)
			if err != nil {
				return nil, err
			}
			return b.History().Create(ctx, &leads.HistoryItem{Kind: leads.KindNote, Subject: "call", Records: []uuid.UUID{l.ID, gone}})
		}, func(t *testing.T, b *leads.Book, survivor *leads.Lead, out any) {
			require.Equal(t, []uuid.UUID{survivor.ID}, out.(*leads.HistoryItem).Records, "linked once")
		}},
		{"AddOpportunity", func(b *leads.Book, gone uuid.UUID) (any, error) {
			return b.Opportunities().Create(ctx, &leads.Opportunity{RecordID: gone, Title: "Engines", Currency: "EUR"})
		}, func(t *testing.T, b *leads.Book, survivor *leads.Lead, out any) {
			o := out.(*leads.Opportunity)
			require.Equal(t, survivor.ID, o.RecordID)
			stored, err := b.Opportunities().Get(ctx, o.ID)
			require.NoError(t, err)
			require.Equal(t, survivor.ID, stored.RecordID)
		}},
		{"Create initiated by it", func(b *leads.Book, gone uuid.UUID) (any, error) {
			return b.Create(ctx, &leads.Lead{FullName: "Mary Somerville", InitiatedBy: gone})
		}, func(t *testing.T, b *leads.Book, survivor *leads.Lead, out any) {
			require.Equal(t, survivor.ID, out.(*leads.Lead).InitiatedBy)
			stored, err := b.Get(ctx, out.(*leads.Lead).ID)
			require.NoError(t, err)
			require.Equal(t, survivor.ID, stored.InitiatedBy)
		}},
		{"Edit to be initiated by it", func(b *leads.Book, gone uuid.UUID) (any, error) {
			l, err := b.Create(ctx, &leads.Lead{FullName: "Mary Somerville"})
			if err != nil {
				return nil, err
			}
			return b.Edit(ctx, l.ID, func(l *leads.Lead) error { l.InitiatedBy = gone; return nil })
		}, func(t *testing.T, b *leads.Book, survivor *leads.Lead, out any) {
			l := out.(*leads.Lead)
			require.Equal(t, survivor.ID, l.InitiatedBy)
			log, err := leads.Collect(b.History().Changes(ctx, l.ID))
			require.NoError(t, err)
			require.Contains(t, string(log[0].Changes[0].To), survivor.ID.String(), "the log names the survivor")
		}},
		{"Convert", func(b *leads.Book, gone uuid.UUID) (any, error) {
			return b.Convert(ctx, gone, leads.ConvertOptions{})
		}, func(t *testing.T, b *leads.Book, survivor *leads.Lead, out any) {
			require.Equal(t, survivor.ID, out.(*leads.Conversion).Contact.ID)
			require.Equal(t, leads.TypeContact, survivor.Type)
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b, survivor, gone := mergedPair(t, s)
			out, err := tt.write(b, gone)
			require.NoError(t, err)
			got, err := s.Leads().Get(ctx, survivor.ID)
			require.NoError(t, err)
			tt.check(t, b, got, out)
			_, err = s.Leads().Get(ctx, gone)
			require.ErrorIs(t, err, leads.ErrNotFound, "the merged record stays gone")
		})
	}

	t.Run("Delete", func(t *testing.T) {
		b, survivor, gone := mergedPair(t, s)
		require.NoError(t, b.Delete(ctx, gone))
		_, err := s.Leads().Get(ctx, survivor.ID)
		require.ErrorIs(t, err, leads.ErrNotFound, "the survivor is deleted")
		_, err = b.Get(ctx, gone)
		require.ErrorIs(t, err, leads.ErrNotFound, "the old ID resolves to nothing any more")

		b, survivor, gone = mergedPair(t, s)
		require.NoError(t, b.Delete(ctx, gone, survivor.ID), "the survivor named twice is deleted once")
		_, err = s.Leads().Get(ctx, survivor.ID)
		require.ErrorIs(t, err, leads.ErrNotFound)
	})

	t.Run("survivor initiated by itself", func(t *testing.T) {
		b, survivor, gone := mergedPair(t, s)
		_, err := b.Edit(ctx, survivor.ID, func(l *leads.Lead) error { l.InitiatedBy = gone; return nil })
		requireFieldErr(t, err, "initiated_by", "a merged ID names the survivor, which cannot initiate itself")
	})

	t.Run("unknown ID", func(t *testing.T) {
		b := leads.New(s)
		missing := uuid.Must(uuid.NewV7())
		_, err := b.Edit(ctx, missing, func(*leads.Lead) error { return nil })
		require.ErrorIs(t, err, leads.ErrNotFound)
		require.False(t, errors.Is(err, leads.ErrMerged))
		require.ErrorIs(t, b.Delete(ctx, missing), leads.ErrNotFound)
		_, err = b.BulkEdit(ctx, leads.Set(leads.FieldSource, "Web"), missing)
		require.ErrorIs(t, err, leads.ErrNotFound)
	})
}

// mergedPair creates two records and merges the second into the first,
// returning the survivor as stored and the merged record's ID.
func mergedPair(t *testing.T, s leads.Store) (*leads.Book, *leads.Lead, uuid.UUID) {
	t.Helper()
	b := leads.New(s)
	survivor, err := b.Create(ctx, &leads.Lead{FullName: "Ada Lovelace", Emails: []leads.Email{{Address: "ada@engines.example"}}})
	require.NoError(t, err)
	other, err := b.Create(ctx, &leads.Lead{FullName: "Ada King", Company: "Analytical Engines"})
	require.NoError(t, err)
	res, err := b.Merge(ctx, survivor.ID, []uuid.UUID{other.ID}, leads.MergeOptions{})
	require.NoError(t, err)
	return b, res.Lead, other.ID
}
