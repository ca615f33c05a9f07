package leads

import "testing"

// The "First Last" fast path of ParseName must give what the general
// parser gives, for every input.
var nameFastCases = []string{
	"Ada Lovelace", "Dr Lovelace", "Dr. Lovelace", "Ada Jr.", "Ada PhD", "Ada Sr", "Sr Ada",
	"Ada  Lovelace", " Ada Lovelace", "Ada Lovelace ", "Ada\tLovelace", "Ada Lovelace Byron",
	"Lovelace, Ada", "Ada Lovelace,", "Ada Lovelace\u00a0", "Åsa Ångström", "Ada van", "van Beethoven",
	"A B", "Ada", "", " ", "MR Smith", "mr. smith", "Ada III", "Ada V", "Professor Ada", "Adaaaaaaaaaaaaaaaaaaaa Jr",
}

func TestParseNameFastPath(t *testing.T) {
	for _, in := range nameFastCases {
		if got, want := ParseName(in), parseName(in); got != want {
			t.Errorf("ParseName(%q) = %+v, the general parser gives %+v", in, got, want)
		}
	}
	if n := testing.AllocsPerRun(100, func() { ParseName("Ada Lovelace") }); n != 0 {
		t.Errorf("ParseName(\"Ada Lovelace\") allocates %v times, want 0", n)
	}
}

func FuzzParseNameFastPath(f *testing.F) {
	for _, in := range nameFastCases {
		f.Add(in)
	}
	f.Fuzz(func(t *testing.T, in string) {
		if got, want := ParseName(in), parseName(in); got != want {
			t.Errorf("ParseName(%q) = %+v, the general parser gives %+v", in, got, want)
		}
	})
}
