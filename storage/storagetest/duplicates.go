package storagetest

import (
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
	"github.com/leadkit/leads/dedupe"
	"github.com/stretchr/testify/require"
)

// duplicateIDs returns the IDs of the duplicates of l that book finds
// through tx, in their order, and their strengths.
func duplicateIDs(t *testing.T, tx leads.Tx, l *leads.Lead) ([]uuid.UUID, []int) {
	t.Helper()
	book := leads.New(txStore{tx}, leads.WithDuplicateFinder(dedupe.Finder{}), leads.WithDuplicateOptions(leads.DuplicateOptions{Region: "US"}))
	dups, err := book.Duplicates(ctx, l, leads.DuplicateOptions{})
	require.NoError(t, err)
	var ids []uuid.UUID
	var strengths []int
	for _, d := range dups {
		ids = append(ids, d.Lead.ID)
		strengths = append(strengths, d.Strength)
	}
	return ids, strengths
}

// testDuplicates runs Book.Duplicates over the store: candidates found by
// e-mail, phone (E.164) and name at company through the store's key index,
// following updates and deletes, and inside a transaction.
func testDuplicates(t *testing.T, s leads.Store) {
	book := leads.New(s, leads.WithDuplicateFinder(dedupe.Finder{}), leads.WithDuplicateOptions(leads.DuplicateOptions{Region: "US"}))
	mk := func(name, company, email, phone string) *leads.Lead {
		l := &leads.Lead{FullName: name, Company: company}
		if email != "" {
			l.Emails = []leads.Email{{Address: email}}
		}
		if phone != "" {
			l.Phones = []leads.Phone{{Number: phone}}
		}
		c, err := book.Create(ctx, l)
		require.NoError(t, err)
		return c
	}
	byMail := mk("Ada Lovelace", "", "Ada@Engines.example", "")
	byPhone := mk("A. King", "", "", "+1 (415) 555-0100")
	byName := mk("Dr. José García", "Acme Inc.", "", "")
	contact := mk("Ada Byron", "Engines", "ada@engines.example", "")
	_, err := book.Convert(ctx, contact.ID, leads.ConvertOptions{})
	require.NoError(t, err)
	mk("Someone Else", "Acme", "else@acme.example", "+1 415 555 0199")

	probe := &leads.Lead{FullName: "GARCIA, Jose", Company: "ACME",
		Emails: []leads.Email{{Address: "ada@engines.EXAMPLE"}}, Phones: []leads.Phone{{Number: "415.555.0100"}}}
	ids, strengths := duplicateIDs(t, s, probe)
	require.Equal(t, []uuid.UUID{byMail.ID, contact.ID, byName.ID, byPhone.ID}, ids, "leads and contacts, strongest first, then by ID")
	require.Equal(t, []int{90, 90, 70, 60}, strengths)

	// A stored record is not its own duplicate.
	ids, _ = duplicateIDs(t, s, byMail)
	require.Equal(t, []uuid.UUID{contact.ID}, ids)

	// Updates move records between keys; deletes take them out.
	_, err = book.Edit(ctx, byMail.ID, func(l *leads.Lead) error {
		l.Emails = []leads.Email{{Address: "countess@lovelace.example"}}
		return nil
	})
	require.NoError(t, err)
	_, err = book.Edit(ctx, byPhone.ID, func(l *leads.Lead) error {
		l.Company = "Acme"
		l.FullName = "José García"
		l.FirstName, l.LastName = "", ""
		return nil
	})
	require.NoError(t, err)
	require.NoError(t, book.Delete(ctx, byName.ID))
	ids, strengths = duplicateIDs(t, s, probe)
	require.Equal(t, []uuid.UUID{contact.ID, byPhone.ID}, ids)
	require.Equal(t, []int{90, 88}, strengths, "phone and now the name at the company")

	// Inside a transaction, its own writes count; a rollback forgets them.
	errRollback := errors.New("roll back")
	added := &leads.Lead{ID: uuid.Must(uuid.NewV7()), FullName: "Jose Garcia", Company: "Acme"}
	err = s.Atomic(ctx, func(tx leads.Tx) error {
		require.NoError(t, tx.Leads().Create(ctx, added))
		require.NoError(t, tx.Leads().Delete(ctx, contact.ID))
		ids, _ := duplicateIDs(t, tx, probe)
		require.Equal(t, []uuid.UUID{byPhone.ID, added.ID}, ids)
		return errRollback
	})
	require.ErrorIs(t, err, errRollback)
	ids, _ = duplicateIDs(t, s, probe)
	require.Equal(t, []uuid.UUID{contact.ID, byPhone.ID}, ids)

	// The block policy checks within the write.
	blocking := leads.New(s, leads.WithDuplicateFinder(dedupe.Finder{}), leads.WithDuplicatePolicy(leads.DuplicateBlock))
	_, err = blocking.Create(ctx, &leads.Lead{FullName: "Ada", Emails: []leads.Email{{Address: "ADA@engines.example"}}})
	require.ErrorIs(t, err, leads.ErrDuplicate)
	n, err := s.Leads().Count(ctx, leads.Query{})
	require.NoError(t, err)
	require.Equal(t, 4, n, "nothing written")
}

// testDuplicatesBlockConcurrent creates the same person from several
// goroutines at once under the block policy: the duplicate check and the
// write are one Store.Atomic, so exactly one record is created and the
// others fail with ErrDuplicate. A store whose Atomic does not isolate the
// check from concurrent writes (SQL below SERIALIZABLE) fails here.
func testDuplicatesBlockConcurrent(t *testing.T, s leads.Store) {
	book := leads.New(s, leads.WithDuplicateFinder(dedupe.Finder{}), leads.WithDuplicatePolicy(leads.DuplicateBlock))
	const writers = 8
	errs := make(chan error, writers)
	var wg sync.WaitGroup
	for i := range writers {
		wg.Go(func() {
			_, err := book.Create(ctx, &leads.Lead{FullName: fmt.Sprintf("Web Form %d", i),
				Emails: []leads.Email{{Address: "same@person.example"}}})
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	created := 0
	for err := range errs {
		if err == nil {
			created++
			continue
		}
		require.ErrorIs(t, err, leads.ErrDuplicate)
	}
	require.Equal(t, 1, created)
	n, err := s.Leads().Count(ctx, leads.Query{})
	require.NoError(t, err)
	require.Equal(t, 1, n)
}
