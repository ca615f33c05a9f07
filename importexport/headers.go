package importexport

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// headerKey is the form in which a column header is matched: letters and
// digits only, lower case, accents removed. "E-mail Address", "e-mail
// address" and "EmailAddress" are one key, and so are "Téléphone (bureau)"
// and "telephone bureau", "assigned_to" and "Assigned To". Programs write
// the same header with different case, spacing, punctuation and accents
// (and Excel users retype them), so none of these may decide a match.
func headerKey(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	var b strings.Builder
	b.Grow(len(s))
	if ascii {
		for i := 0; i < len(s); i++ {
			c := s[i]
			switch {
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
				b.WriteByte(c)
			case 'A' <= c && c <= 'Z':
				b.WriteByte(c + 'a' - 'A')
			}
		}
		return b.String()
	}
	// Accents are dropped from Latin letters only ("é" → "e"): in other
	// scripts the marks NFD splits off are part of the letter (the breve
	// of Cyrillic "й", the voiced mark of kana "ド"), and are composed again.
	keepMarks := false // the last letter kept is of a script whose marks belong to it
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			if keepMarks {
				b.WriteRune(r)
			}
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			keepMarks = r >= 0x250 && unicode.IsLetter(r) // beyond Latin Extended-B
			b.WriteRune(unicode.ToLower(r))
		case r == utf8.RuneError:
			// a letter lost to a wrong conversion ("Stra�e"): kept, so that
			// matchDamaged can take it for any letter
			keepMarks = false
			b.WriteRune(r)
		default:
			keepMarks = false
		}
	}
	return norm.NFC.String(b.String())
}

// headerLayer is one source of column targets, tried in order: the
// caller's mapping, a preset, a localized header list, field names, labels.
type headerLayer struct {
	by   string            // how a match is reported: "preset outlook", "label", ...
	cols map[string]Target // by headerKey
}

func newLayer(by string, cols map[string]Target) headerLayer {
	l := headerLayer{by: by, cols: make(map[string]Target, len(cols))}
	for k, t := range cols {
		if hk := headerKey(k); hk != "" {
			if _, dup := l.cols[hk]; !dup {
				l.cols[hk] = t
			}
		}
	}
	return l
}

// fieldNameLayer maps the field names of the JSON export, as ParseTarget
// reads them ("full_name", "assigned_to", "email", "status"): a column
// named after a field fills it whatever the file's program.
func fieldNameLayer() headerLayer {
	cols := map[string]Target{}
	for f := range scalarFields {
		cols[f] = Target{Field: f}
	}
	for f := range listFields {
		cols[f] = Target{Field: f}
	}
	for _, f := range []string{"emails", "phones", "web_pages"} {
		t, _ := ParseTarget(f)
		cols[f] = t
	}
	return newLayer("field name", cols)
}

// labelLayer maps the everyday spellings of fields (GenericMapping) and
// every column that one of the presets names ("Lead Source", "Notes",
// "E-mail", "Mobile", "Rating"), so that a file from a program we have no
// preset for, or one a person typed, maps without one. Where two presets
// read one label differently the earlier wins: outlook, google,
// thunderbird, salesforce, act.
func labelLayer() headerLayer {
	l := newLayer("label", GenericMapping().Columns)
	for _, p := range []Preset{outlookPreset(), googlePreset(), thunderbirdPreset(), salesforcePreset(), actPreset()} {
		for k, t := range p.Mapping.Columns {
			hk := headerKey(k)
			if _, ok := l.cols[hk]; !ok && hk != "" && t.LabelColumn == "" {
				l.cols[hk] = t
			}
		}
	}
	// Common CRM exports (HubSpot, Zoho, Pipedrive, Odoo) name these so.
	for k, t := range map[string]Target{
		"Assigned To": {Field: "assigned_to"}, "Owner": {Field: "assigned_to"}, "Lead Owner": {Field: "assigned_to"},
		"Contact Owner": {Field: "assigned_to"}, "Salesperson": {Field: "assigned_to"},
		"Email Address": {Field: "email"}, "Work Email": {Field: "email", Label: "Work"},
		"Personal Email": {Field: "email", Label: "Home"}, "Mobile Phone Number": {Field: "phone", Label: "Mobile"},
		"Phone Number": {Field: "phone"}, "Work Phone": {Field: "phone", Label: "Business"},
		"Company Name": {Field: "company"}, "Account Name": {Field: "company"}, "Organization Name": {Field: "company"},
		"Street Address": {Field: "street"}, "State/Region": {Field: "state"}, "Zip": {Field: "postal_code"},
		"Country/Region": {Field: "country"}, "Website URL": {Field: "web_page"},
		"Description": {Field: "comments"}, "Note": {Field: "comments"}, "Comment": {Field: "comments"},
		"Job Position": {Field: "job_title"}, "Contact Name": {Field: "full_name"}, "Full Name": {Field: "full_name"},
		// Roundcube's test fixture all.csv (tests/src/Csv2vcard)
		"Email Home": {Field: "email", Label: "Home"}, "Email Work": {Field: "email", Label: "Work"},
		"Email Other": {Field: "email", Label: "Other"}, "Home Mobile": {Field: "phone", Label: "Mobile"},
		"Work Mobile": {Field: "phone", Label: "Mobile"}, "Home Zip": {Field: "postal_code", Label: "Home"},
		"Work Zip": {Field: "postal_code", Label: "Business"}, "Website Home Page": {Field: "web_page"},
		"Website Work": {Field: "web_page"}, "Website Other": {Field: "web_page"}, "Website Blog": {Field: "web_page"},
		"Website Profile": {Field: "web_page"},
		// EGroupware's and Tine 2.0's own export (their contact field names)
		"n_fn": {Field: "full_name"}, "n_given": {Field: "first_name"}, "n_family": {Field: "last_name"},
		"n_middle": {Field: "middle_name"}, "n_prefix": {Field: "title"}, "n_suffix": {Field: "suffix"},
		"org_name": {Field: "company"}, "org_unit": {Field: "custom", Custom: "Department"},
		"email_home": {Field: "email", Label: "Home"}, "url": {Field: "web_page"}, "url_home": {Field: "web_page"},
		"tel_work": {Field: "phone", Label: "Business"}, "tel_cell": {Field: "phone", Label: "Mobile"},
		"tel_home": {Field: "phone", Label: "Home"}, "tel_fax": {Field: "phone", Label: "Fax"},
		"tel_cell_private": {Field: "phone", Label: "Mobile"}, "tel_fax_home": {Field: "phone", Label: "Fax"},
		"tel_other": {Field: "phone", Label: "Other"}, "tel_pager": {Field: "phone", Label: "Other"},
		"adr_one_street": {Field: "street", Label: "Business"}, "adr_one_street2": {Field: "street", Label: "Business"},
		"adr_one_locality": {Field: "city", Label: "Business"}, "adr_one_region": {Field: "state", Label: "Business"},
		"adr_one_postalcode": {Field: "postal_code", Label: "Business"}, "adr_one_countryname": {Field: "country", Label: "Business"},
		"adr_two_street": {Field: "street", Label: "Home"}, "adr_two_street2": {Field: "street", Label: "Home"},
		"adr_two_locality": {Field: "city", Label: "Home"}, "adr_two_region": {Field: "state", Label: "Home"},
		"adr_two_postalcode": {Field: "postal_code", Label: "Home"}, "adr_two_countryname": {Field: "country", Label: "Home"},
	} {
		hk := headerKey(k)
		if _, ok := l.cols[hk]; !ok {
			l.cols[hk] = t
		}
	}
	return l
}

// localizedLayer recognizes a header written in another language by
// Outlook or Thunderbird: the language whose column names match the most
// columns of header (two at least, so that one common word cannot decide),
// and its names mapped as the English preset maps them. ok is false when
// no language has two matches.
func localizedLayer(header []string) (l headerLayer, lang string, matched int, ok bool) {
	keys := make([]string, len(header))
	for i, h := range header {
		keys[i] = headerKey(h)
	}
	tables := localizedHeaders()
	best, bestN := "", 1
	for _, lh := range tables {
		evidence, n := lh.keys(), 0
		for _, k := range keys {
			if evidence[k] {
				n++
			}
		}
		if n > bestN {
			best, bestN = lh.lang, n
		}
	}
	if best == "" {
		return headerLayer{}, "", 0, false
	}
	english := map[string]Target{}
	for _, p := range []Preset{thunderbirdPreset(), outlookPreset()} { // Outlook wins
		for k, t := range p.Mapping.Columns {
			english[headerKey(k)] = t
		}
	}
	for _, lh := range tables {
		if lh.lang != best {
			continue
		}
		cols := map[string]Target{}
		for local, en := range lh.names {
			if t, ok := english[headerKey(en)]; ok {
				cols[local] = t
			}
		}
		return newLayer(fmt.Sprintf("localized (%s)", best), cols), best, bestN, true
	}
	return headerLayer{}, "", 0, false
}

// localized is the header one program writes in one language: each name
// as written, and the English name of the same column.
type localized struct {
	lang    string
	program string
	names   map[string]string // as written → English column name
}

// keys returns the header keys that count as evidence of the language:
// the names that differ from their English original (Spanish Outlook
// keeps "E-mail Address", which proves nothing).
func (l localized) keys() map[string]bool {
	m := make(map[string]bool, len(l.names))
	for local, en := range l.names {
		if k := headerKey(local); k != headerKey(en) {
			m[k] = true
		}
	}
	return m
}

// fieldOf names a target as ParseTarget reads it: "email", "phone:Mobile",
// "custom.Department".
func fieldOf(t Target) string {
	switch {
	case t.Field == "custom":
		return "custom." + t.Custom
	case t.Label != "":
		return t.Field + ":" + t.Label
	}
	return t.Field
}

// compileLayers matches each column of header against the layers, in
// order, and compiles the plan that reads rows. It runs once per file: the
// per-row path only indexes the columns found here. A column no layer names
// becomes a custom field (KeepUnmapped) or is skipped; a repeated or empty
// header is skipped (only the first of a repeated name counts).
func compileLayers(header []string, layers []headerLayer, unmapped Unmapped) (*plan, error) {
	keys := make([]string, len(header))
	idx := make(map[string]int, len(header))
	for i, h := range header {
		k := headerKey(h)
		if k == "" {
			k = columnKey(h) // punctuation only ("#"): matched as written
		}
		keys[i] = k
		if _, dup := idx[k]; !dup {
			idx[k] = i
		}
	}
	p := &plan{header: header, columns: make([]Column, len(header))}
	for i, h := range header {
		k := keys[i]
		col := &p.columns[i]
		col.Header = h
		if k == "" {
			col.By = "empty header"
			continue
		}
		if idx[k] != i {
			col.By = fmt.Sprintf("repeated column (the first %q is read)", header[idx[k]])
			continue
		}
		var (
			t     Target
			found bool
		)
		for _, l := range layers {
			if t, found = l.cols[k]; found {
				col.By = l.by
				break
			}
		}
		if !found && strings.ContainsRune(k, utf8.RuneError) {
			for _, l := range layers {
				if t, found = matchDamaged(k, l.cols); found {
					col.By = l.by + ", letters lost to a wrong conversion"
					break
				}
			}
		}
		if !found {
			if unmapped == KeepUnmapped {
				t = Target{Field: "custom", Custom: strings.TrimSpace(h)}
				col.By = "unmapped, kept"
			} else {
				col.By = "no match"
				continue
			}
		}
		if t.Field == "" {
			col.By += ", ignored" // mapped to nothing on purpose
			continue
		}
		if t.Field != "custom" && scalarFields[t.Field] == nil && !listFields[t.Field] {
			return nil, fmt.Errorf("%w %q for column %q", ErrUnknownField, t.Field, h)
		}
		col.Field = fieldOf(t)
		pc := planCol{index: i, target: t, labelIndex: -1, scalar: scalarFields[t.Field]}
		// LabelColumn may list alternatives: "Phone 1 - Type|Phone 1 - Label".
		for _, lc := range strings.Split(t.LabelColumn, "|") {
			if j, ok := idx[headerKey(lc)]; ok && headerKey(lc) != "" {
				pc.labelIndex = j
				break
			}
		}
		p.cols = append(p.cols, pc)
	}
	return p, nil
}

// matchDamaged finds the target of a header key in which letters were
// replaced by U+FFFD, as a program that read the file in the wrong
// character set writes it back ("Stra\uFFFDe gesch\uFFFDftlich"): each
// replacement character stands for one letter. Only one key may fit.
func matchDamaged(k string, cols map[string]Target) (Target, bool) {
	want := []rune(k)
	var (
		got   Target
		found bool
	)
	for key, t := range cols {
		if utf8.RuneCountInString(key) != len(want) {
			continue
		}
		i, ok := 0, true
		for _, r := range key {
			if want[i] != r && want[i] != utf8.RuneError {
				ok = false
				break
			}
			i++
		}
		if ok {
			if found && got != t {
				return Target{}, false // ambiguous
			}
			got, found = t, true
		}
	}
	return got, found
}

// headerless reports whether a "header" is rather the first person of a
// file without one: no column matched a field, and a cell holds an e-mail
// address (no program names a column so).
func headerless(header []string, p *plan) bool {
	for _, c := range p.columns {
		if c.Field != "" && c.By != "unmapped, kept" {
			return false
		}
	}
	for _, h := range header {
		if looksLikeEmail(h) {
			return true
		}
	}
	return false
}

// guessColumns makes the plan of a file without a header from the values
// of its first row: an e-mail address, a phone number (digits and the
// signs written between them), the first other text as the full name, any
// further text kept as a custom field named after its column.
func guessColumns(row []string) (*plan, error) {
	header := make([]string, len(row))
	cols := map[string]Target{}
	named := false
	for i, v := range row {
		header[i] = fmt.Sprintf("Column %d", i+1)
		v = strings.TrimSpace(v)
		switch {
		case v == "":
		case looksLikeEmail(v):
			cols[header[i]] = Target{Field: "email"}
		case looksLikePhone(v):
			cols[header[i]] = Target{Field: "phone"}
		case !named:
			cols[header[i]] = Target{Field: "full_name"}
			named = true
		default:
			cols[header[i]] = Target{Field: "custom", Custom: header[i]}
		}
	}
	return compileLayers(header, []headerLayer{newLayer("guessed from the values", cols)}, IgnoreUnmapped)
}

func looksLikeEmail(s string) bool {
	s = strings.TrimSpace(s)
	at := strings.LastIndexByte(s, '@')
	return at > 0 && strings.IndexByte(s[at:], '.') > 0 && !strings.ContainsAny(s, " \t,;<>")
}

func looksLikePhone(s string) bool {
	digits := 0
	for _, r := range s {
		switch {
		case '0' <= r && r <= '9':
			digits++
		case strings.ContainsRune(" +-()./", r):
		default:
			return false
		}
	}
	return digits >= 3
}
