package leads

import (
	"context"
	"errors"
	"strings"
)

// SaveReport validates r and saves it under its name in the category
// Leads, returning what was stored. A name already taken, by a saved
// report or a built-in one, gives a *ConflictError naming it
// (errors.Is(err, ErrConflict)), and nothing is saved. r itself is not
// changed.
func (b *Book) XReportSave(ctx context.Context, r Report) (*Report, error) {
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

// XReportGet opens the report named name: a built-in one or a saved one. A name
// that is neither gives a *NotFoundError naming it.
func (b *Book) XReportGet(ctx context.Context, name string) (*Report, error) {
	if r, ok := BuiltinReport(name); ok {
		return &r, nil
	}
	r, err := b.store.Reports().Get(ctx, ReportID(name))
	if errors.Is(err, ErrNotFound) {
		return nil, &NotFoundError{Kind: "report", ID: strings.TrimSpace(name)}
	}
	return r, err
}

// XReportsList lists the reports of the category Leads: the built-in ones first,
// then the saved ones by name.
func (b *Book) XReportsList(ctx context.Context) ([]*Report, error) {
	var out []*Report
	for _, r := range BuiltinReports() {
		r.ID = ReportID(r.Name)
		out = append(out, &r)
	}
	for r, err := range b.store.Reports().List(ctx) {
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// IsBuiltinReport reports whether name is the name of a built-in report.
func IsBuiltinReport(name string) bool {
	_, ok := BuiltinReport(name)
	return ok
}

// DeleteReport deletes the saved report named name. Built-in reports cannot
// be deleted (ErrInvalid); a name that no saved report has gives a
// *NotFoundError naming it.
func (b *Book) XReportDelete(ctx context.Context, name string) error {
	if IsBuiltinReport(name) {
		return fieldErr("name", "%q is a built-in report and cannot be deleted", strings.TrimSpace(name))
	}
	err := b.store.Reports().Delete(ctx, ReportID(name))
	if errors.Is(err, ErrNotFound) {
		return &NotFoundError{Kind: "report", ID: strings.TrimSpace(name)}
	}
	return err
}
