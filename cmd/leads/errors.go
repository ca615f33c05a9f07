package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/leadkit/leads"
)

// printError writes err to w, one line per problem, each prefixed with
// "leads: ". The root package joins one *leads.FieldError per field
// problem (leads.FieldErrors finds them); each goes on its own line, with
// the row, record or operation it belongs to in front, so that a row with
// three bad fields prints three lines that each name the row.
func printError(w io.Writer, err error) {
	for _, line := range errorLines(err) {
		fmt.Fprintln(w, line)
	}
}

// errorLines returns the lines printError prints for err.
func errorLines(err error) []string {
	var out []string
	add := func(context, msg string) {
		if strings.TrimSpace(msg) == "" {
			return
		}
		msg = strings.TrimPrefix(msg, "leads: ")
		if context != "" {
			msg = context + ": " + msg
		}
		out = append(out, "leads: "+msg)
	}
	var walk func(context string, err error)
	walk = func(context string, err error) {
		switch e := err.(type) {
		case nil:
			return
		case *leads.FieldError:
			add(context, e.Error())
			return
		case *leads.RowError:
			at := fmt.Sprintf("row %d", e.Row)
			if e.Column != "" {
				at += fmt.Sprintf(", column %q", e.Column)
			}
			walk(within(context, at), e.Err)
			return
		case *leads.RecordError:
			walk(within(context, "record "+e.ID.String()), e.Err)
			return
		case interface{ Unwrap() []error }:
			for _, x := range e.Unwrap() {
				walk(context, x)
			}
			return
		case interface{ Unwrap() error }:
			// "opportunity: " wrapped around several field errors: each
			// line keeps the wrapper's words.
			inner := e.Unwrap()
			if inner != nil && len(leads.FieldErrors(inner)) > 1 {
				if words, ok := strings.CutSuffix(err.Error(), inner.Error()); ok {
					words = strings.TrimSuffix(strings.TrimPrefix(words, "leads: "), ": ")
					walk(within(context, words), inner)
					return
				}
			}
		}
		for line := range strings.SplitSeq(err.Error(), "\n") {
			add(context, line)
		}
	}
	walk("", err)
	return out
}

// within joins the context of an error to that of the error around it.
func within(outer, inner string) string {
	switch {
	case outer == "":
		return inner
	case inner == "":
		return outer
	}
	return outer + ": " + inner
}
