// Quickstart embeds the leads SDK the way a host application does: it opens
// the embedded file store, creates and edits leads through a Book, lists
// them with a query, and handles the errors the SDK returns.
//
//	go run ./examples/quickstart
//
// The store lives in a temporary directory that is removed at the end, so
// running the example leaves nothing behind.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/file"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

func run(w io.Writer) error {
	dir, err := os.MkdirTemp("", "leads-quickstart-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)

	// One file, no server: the embedded default store. Close releases its
	// lock, so another process can open it.
	store, err := file.Open(filepath.Join(dir, "leads.db"), nil)
	if err != nil {
		return err
	}
	defer store.Close()

	// A Book holds the operations and rules; the acting user travels in the
	// context and is recorded as the creator and updater.
	book := leads.New(store)
	ctx := leads.WithActor(context.Background(), "mgarcia")

	// Only the full name is required; name parts and File As are derived.
	ada, err := book.Create(ctx, &leads.Lead{
		FullName: "Dr. Ada Lovelace",
		Company:  "Analytical Engines Ltd",
		Emails:   []leads.Email{{Address: "ada@analytical-engines.example"}},
		Phones:   []leads.Phone{{Label: leads.PhoneBusiness, Number: "+44 20 7946 0018"}},
		Source:   "Trade show",
		Score:    leads.ManualScore(4),
	})
	if err != nil {
		return err
	}
	grace, err := book.Create(ctx, &leads.Lead{
		FullName: "Grace Hopper",
		Company:  "Cobol Systems Inc.",
		Source:   "Web",
		Score:    leads.ManualScore(2),
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "created %s (title %q, filed as %q) and %s\n", ada.FullName, ada.Title, ada.FileAs, grace.FullName)

	// Edit runs a function on the stored record inside the store's write:
	// no update is lost, and an error from the function writes nothing.
	ada, err = book.Edit(ctx, ada.ID, func(l *leads.Lead) error {
		l.JobTitle = "Chief Technology Officer"
		l.Phones = append(l.Phones, leads.Phone{Label: leads.PhoneMobile, Number: "+44 7700 900123"})
		return nil
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "edited %s: %s, %d phones, version %d\n", ada.FileAs, ada.JobTitle, len(ada.Phones), ada.Version)

	// A query filters, sorts and pages; every store answers it alike.
	q := leads.Query{
		Types: []leads.RecordType{leads.TypeLead},
		Where: leads.StarsBetween(1, leads.MaxStars),
		Sort:  []leads.SortKey{leads.Desc(leads.FieldStars), leads.Asc(leads.FieldCompany)},
	}
	fmt.Fprintln(w, "leads with at least one star, best first:")
	for l, err := range book.List(ctx, q) {
		if err != nil {
			return err
		}
		stars := strings.Repeat("★", int(l.Score.Stars)) + strings.Repeat("☆", int(leads.MaxStars-l.Score.Stars))
		fmt.Fprintf(w, "  %s  %-16s %s\n", stars, l.FileAs, l.Company)
	}

	// Optimistic concurrency: saving a copy that another write made stale
	// fails with ErrConflict. Read again, reapply the change, save again.
	stale := grace.Clone()
	if _, err := book.Edit(ctx, grace.ID, func(l *leads.Lead) error {
		l.Status = leads.StatusContacted
		return nil
	}); err != nil {
		return err
	}
	stale.JobTitle = "VP Engineering"
	_, err = save(ctx, book, stale)
	switch {
	case errors.Is(err, leads.ErrConflict):
		fmt.Fprintln(w, "conflict: the record changed since it was read; reloading")
		fresh, err := book.Get(ctx, grace.ID)
		if err != nil {
			return err
		}
		fresh.JobTitle = "VP Engineering"
		if grace, err = save(ctx, book, fresh); err != nil {
			return err
		}
		fmt.Fprintf(w, "saved %s: %s, status %s, version %d\n", grace.FileAs, grace.JobTitle, grace.Status, grace.Version)
	case err != nil:
		return err
	default:
		return errors.New("a stale save should have failed")
	}

	// Validation names every field that breaks a rule.
	_, err = book.Create(ctx, &leads.Lead{Emails: []leads.Email{{Address: "not an address"}}})
	var fe *leads.FieldError
	if !errors.As(err, &fe) {
		return fmt.Errorf("want a validation error, got %v", err)
	}
	fmt.Fprintln(w, "invalid lead:")
	for line := range strings.SplitSeq(err.Error(), "\n") {
		fmt.Fprintln(w, "  "+line)
	}
	return nil
}

// save writes l, a whole record read before, through Book.Edit, unless the
// record changed since it was read: then it fails with a
// *leads.ConflictError and writes nothing.
func save(ctx context.Context, book *leads.Book, l *leads.Lead) (*leads.Lead, error) {
	return book.Edit(ctx, l.ID, func(cur *leads.Lead) error {
		if cur.Version != l.Version {
			return &leads.ConflictError{Kind: "lead", ID: l.ID.String(),
				Reason: fmt.Sprintf("stale version %d, stored %d", l.Version, cur.Version)}
		}
		*cur = *l.Clone()
		return nil
	})
}
