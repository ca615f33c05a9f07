package importexport

import (
	"slices"
	"testing"
)

// TestOutlookTexts checks the Outlook columns that the text fields of a
// lead go to by their labels: a label changed in the table of fields
// must not drop a column of the export.
func TestOutlookTexts(t *testing.T) {
	var got []string
	for _, x := range outlookTexts {
		got = append(got, outlookColumns[x.col])
	}
	slices.Sort(got)
	want := []string{"Company", "First Name", "Job Title", "Last Name", "Middle Name", "Suffix", "Title"}
	if !slices.Equal(got, want) {
		t.Errorf("text fields go to the Outlook columns %q, want %q", got, want)
	}
}

// TestScalarFields checks the text fields a column fills as written.
func TestScalarFields(t *testing.T) {
	var got []string
	for f := range scalarFields {
		got = append(got, f)
	}
	slices.Sort(got)
	want := []string{"assigned_to", "company", "file_as", "first_name", "full_name", "job_title", "last_name",
		"middle_name", "source", "suffix", "title"}
	if !slices.Equal(got, want) {
		t.Errorf("scalar fields %q, want %q", got, want)
	}
}
