package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/importexport/jsonfile"
)

// restoreBackup restores the JSON export at path into the store when the
// store holds no records yet, and reports whether it did: a backup is then
// taken back whole (users, criteria, field definitions, accounts, saved
// reports, records, opportunities, history), with the IDs and stamps it
// had. A store that holds records is left as it is (false, nil), and the
// import merges the file's records into it instead.
func (a *app) restoreBackup(path string) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, err
	}
	defer f.Close()
	restored := false
	err = a.withBook(func(ctx context.Context, book *leads.Book) error {
		n, err := jsonfile.Restore(ctx, book.Store(), f)
		if errors.Is(err, jsonfile.ErrNotEmpty) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		restored = true
		for _, w := range n.Warnings {
			fmt.Fprintf(a.stderr, "warning: %s\n", w)
		}
		if a.json {
			return a.printJSON(map[string]any{"file": path, "restored": map[string]int{
				"users": n.Users, "criteria": n.Criteria, "field_definitions": n.FieldDefinitions,
				"accounts": n.Accounts, "reports": n.Reports, "records": n.Leads,
				"opportunities": n.Opportunities, "history": n.History}, "warnings": nonNilStrings(n.Warnings)})
		}
		_, err = fmt.Fprintf(a.stdout, "restored %d records, %d accounts, %d opportunities, %d history items, %d users, %d criteria, %d field definitions and %d reports from %s\n",
			n.Leads, n.Accounts, n.Opportunities, n.History, n.Users, n.Criteria, n.FieldDefinitions, n.Reports, path)
		return err
	})
	return restored, err
}

func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
