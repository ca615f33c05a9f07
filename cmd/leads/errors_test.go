package main

import (
	"bytes"
	"errors"
	"fmt"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/leadkit/leads"
)

func TestPrintError(t *testing.T) {
	name := &leads.FieldError{Field: "full_name", Reason: "is required"}
	email := &leads.FieldError{Field: "emails[0].address", Reason: `"ada@" is not an e-mail address`}
	id := uuid.MustParse("0190f000-0000-7000-8000-000000000001")
	for _, tt := range []struct {
		name string
		err  error
		want string
	}{
		{"plain", errors.New("leads: store closed"), "leads: store closed\n"},
		{"without prefix", errors.New("open x.db: no such file"), "leads: open x.db: no such file\n"},
		{"one field", name, "leads: full_name: is required\n"},
		{"joined fields", errors.Join(name, email),
			"leads: full_name: is required\nleads: emails[0].address: \"ada@\" is not an e-mail address\n"},
		{"fields of a row", &leads.RowError{Row: 3, Err: errors.Join(name, email)},
			"leads: row 3: full_name: is required\nleads: row 3: emails[0].address: \"ada@\" is not an e-mail address\n"},
		{"a cell", &leads.RowError{Row: 4, Column: "Email", Err: email},
			"leads: row 4, column \"Email\": emails[0].address: \"ada@\" is not an e-mail address\n"},
		{"rows joined", errors.Join(&leads.RowError{Row: 2, Err: name}, &leads.RowError{Row: 5, Err: email}),
			"leads: row 2: full_name: is required\nleads: row 5: emails[0].address: \"ada@\" is not an e-mail address\n"},
		{"fields of a record", &leads.RecordError{ID: id, Err: errors.Join(name, email)},
			"leads: record " + id.String() + ": full_name: is required\nleads: record " + id.String() + ": emails[0].address: \"ada@\" is not an e-mail address\n"},
		{"wrapped fields", fmt.Errorf("opportunity: %w", errors.Join(name, email)),
			"leads: opportunity: full_name: is required\nleads: opportunity: emails[0].address: \"ada@\" is not an e-mail address\n"},
		{"wrapped one field", fmt.Errorf("opportunity: %w", name), "leads: opportunity: leads: full_name: is required\n"},
		{"not found", &leads.NotFoundError{Kind: "lead", ID: id.String()}, "leads: lead " + id.String() + " not found\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			printError(&b, tt.err)
			require.Equal(t, tt.want, b.String())
		})
	}
}
