package importexport

import (
	"fmt"
	"strings"
	"unicode"

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
	latin := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			if !latin {
				b.WriteRune(r)
			}
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			latin = r < 0x250 // Basic Latin to Latin Extended-B
			b.WriteRune(unicode.ToLower(r))
		default:
			latin = false
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
