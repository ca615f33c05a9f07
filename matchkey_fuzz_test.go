package leads

import "testing"

// FuzzHasMatchKey checks that HasMatchKey accepts every key MatchKeys
// gives, whatever the input: the memory store's index confirms with it
// each record a key's hash finds, so a disagreement hides the record from
// Lookup and from duplicate detection.
func FuzzHasMatchKey(f *testing.F) {
	f.Add("Ada@XN--BCHER-KVA.DE", "bob@bücher.de", "０２０ ７９４６ ００１８", "Νίκος Παπαδόπουλος", "ACME Inc.")
	f.Add("ada@gmail.com", "x@", "+1 415 555 0100 x23", "Lovelace, Ada", "")
	f.Fuzz(func(t *testing.T, email1, email2, phone, name, company string) {
		l := &Lead{FullName: name, Company: company, Emails: []Email{{Address: email1}, {Address: email2}},
			Phones: []Phone{{Number: phone}}}
		keys := MatchKeys(l)
		for _, k := range keys {
			if !HasMatchKey(l, k) {
				t.Errorf("HasMatchKey(%q) is false for a key of MatchKeys", k)
			}
		}
		// AppendMatchKeys gives the same keys, after other text.
		buf, ends := AppendMatchKeys([]byte("e:"+email1), []int{len("e:" + email1)}, l)
		from := ends[0]
		for i, end := range ends[1:] {
			if i >= len(keys) || string(buf[from:end]) != keys[i] {
				t.Fatalf("AppendMatchKeys gives %q as key %d, MatchKeys %q", buf[from:end], i, keys)
			}
			from = end
		}
		if len(ends)-1 != len(keys) {
			t.Fatalf("AppendMatchKeys gives %d keys, MatchKeys %d", len(ends)-1, len(keys))
		}
	})
}

// TestMatchKeysOfNil checks that the key functions take a nil record as a
// record without keys rather than panicking.
func TestMatchKeysOfNil(t *testing.T) {
	if k := MatchKeys(nil); k != nil {
		t.Errorf("MatchKeys(nil) = %q", k)
	}
	if HasMatchKey(nil, "e:ada@engines.example") {
		t.Error("HasMatchKey(nil) is true")
	}
	if k := LeadNameMatchKey(nil); k != "" {
		t.Errorf("LeadNameMatchKey(nil) = %q", k)
	}
}
