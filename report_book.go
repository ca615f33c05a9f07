package leads

import (
	"context"
	"errors"
	"iter"
	"strings"
)

// Reports are the saved reports of a Book, known by their names, beside
// the built-in ones. Get them from Book.Reports.
type Reports struct{ b *Book }

// Reports returns the reports of the Book.
func (b *Book) Reports() Reports { return Reports{b} }

// Create validates r and saves it under its name in the category
// Leads, returning what was stored. A name already taken, by a saved
// report or a built-in one, gives a *ConflictError naming it
// (errors.Is(err, ErrConflict)), and nothing is saved. r itself is not
// changed.
func (s Reports) Create(ctx context.Context, r *Report) (*Report, error) {
	b := s.b
	c := r.Clone()
	c.Name = strings.TrimSpace(c.Name)
	if c.Category == "" {
		c.Category = CategoryLeads
	}
	c.ID, c.Version = ReportID(c.Name), 0
	if err := c.Validate(); err != nil {
		return nil, err
	}
	taken := &ConflictError{Kind: "report", ID: c.Name, Reason: "the name is already taken"}
	if _, ok := BuiltinReport(c.Name); ok {
		taken.Reason = "the name is taken by a built-in report"
		return nil, taken
	}
	if err := b.store.Reports().Create(ctx, c); err != nil {
		if errors.Is(err, ErrConflict) {
			return nil, taken
		}
		return nil, err
	}
	return c, nil
}

// Get opens the report named name: a built-in one or a saved one. A name
// that is neither gives a *NotFoundError naming it.
func (s Reports) Get(ctx context.Context, name string) (*Report, error) {
	b := s.b
	if r, ok := BuiltinReport(name); ok {
		return &r, nil
	}
	r, err := b.store.Reports().Get(ctx, ReportID(name))
	if errors.Is(err, ErrNotFound) {
		return nil, &NotFoundError{Kind: "report", ID: strings.TrimSpace(name)}
	}
	return r, err
}

// List streams the reports of the category Leads: the built-in ones
// first, then the saved ones by name.
func (s Reports) List(ctx context.Context) iter.Seq2[*Report, error] {
	return func(yield func(*Report, error) bool) {
		for _, r := range BuiltinReports() {
			r.ID = ReportID(r.Name)
			if !yield(&r, nil) {
				return
			}
		}
		for r, err := range s.b.store.Reports().List(ctx) {
			if !yield(r, err) || err != nil {
				return
			}
		}
	}
}

// IsBuiltinReport reports whether name is the name of a built-in report.
func IsBuiltinReport(name string) bool {
	_, ok := BuiltinReport(name)
	return ok
}

// Delete deletes the saved report named name. Built-in reports cannot
// be deleted (ErrInvalid); a name that no saved report has gives a
// *NotFoundError naming it.
func (s Reports) Delete(ctx context.Context, name string) error {
	b := s.b
	if IsBuiltinReport(name) {
		return fieldErr("name", "%q is a built-in report and cannot be deleted", strings.TrimSpace(name))
	}
	err := b.store.Reports().Delete(ctx, ReportID(name))
	if errors.Is(err, ErrNotFound) {
		return &NotFoundError{Kind: "report", ID: strings.TrimSpace(name)}
	}
	return err
}
