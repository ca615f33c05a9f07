package importexport_test

import (
	"testing"

	"github.com/leadkit/leads/importexport"
)

func TestNameFromAddress(t *testing.T) {
	for in, want := range map[string]string{
		"ada.lovelace@x.example": "Ada Lovelace",
		"hans_wurst+crm@x.de":    "Hans Wurst Crm",
		"test1@domain.tld":       "Test1",
		"élodie-durand@x.fr":     "Élodie Durand",
		"..@x.example":           "..@x.example",
		"no-at-sign":             "No At Sign",
		"иван.петров@пример.рф":  "Иван Петров",
	} {
		if got := importexport.NameFromAddress(in); got != want {
			t.Errorf("NameFromAddress(%q) = %q, want %q", in, got, want)
		}
	}
}
