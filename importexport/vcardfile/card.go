package vcardfile

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"net/mail"
	"strings"
	"unicode"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/importexport"
)

// cardLead builds a lead from the properties of one card. Values that
// cannot be kept as they are become warnings on the card; the card is
// refused only when it has no name (FN, N or ORG), no e-mail address and
// no phone number. A card without a name takes one from its first e-mail
// address, else its first phone number, with a warning.
func cardLead(c *card) (*leads.Lead, error) {
	version := "3.0"
	for _, p := range c.props {
		if p.name == "VERSION" {
			version = strings.TrimSpace(p.value)
		}
	}
	l := &leads.Lead{}
	for i := range c.props {
		p := &c.props[i]
		split := p.name == "N" || p.name == "ADR" || p.name == "ORG"
		var vals []string
		switch p.name {
		case "PHOTO", "VERSION", "BEGIN", "END":
		default:
			vals = p.text(version, split)
		}
		v := ""
		if len(vals) > 0 {
			v = vals[0]
		}
		get := func(i int) string {
			if i < len(vals) {
				return vals[i]
			}
			return ""
		}
		switch p.name {
		case "FN":
			if l.FullName == "" {
				l.FullName = v
			}
		case "N":
			if l.LastName == "" && l.FirstName == "" {
				l.LastName, l.FirstName, l.MiddleName, l.Title, l.Suffix = get(0), get(1), get(2), get(3), get(4)
			}
		case "ORG":
			if l.Company == "" {
				l.Company = v
			}
		case "TITLE":
			if l.JobTitle == "" {
				l.JobTitle = v
			}
		case "EMAIL":
			l.Emails = append(l.Emails, emails(p, strings.Join(vals, ";"))...)
		case "TEL":
			if v = strings.TrimSpace(strings.Join(vals, ";")); v != "" {
				if len(v) > 4 && strings.EqualFold(v[:4], "tel:") {
					v = v[4:]
				}
				l.Phones = append(l.Phones, leads.Phone{Label: phoneLabel(p), Number: v})
			}
		case "ADR":
			a := leads.Address{Label: addressLabel(p)}
			street := strings.TrimSpace(strings.Join(nonEmpty(get(2), get(1), get(0)), "\n"))
			a.Street, a.City, a.State, a.PostalCode, a.Country = street, get(3), get(4), get(5), get(6)
			if a != (leads.Address{Label: a.Label}) {
				l.Addresses = append(l.Addresses, a)
			}
		case "URL":
			if v != "" {
				l.WebPages = append(l.WebPages, v)
			}
		case "NOTE":
			if v != "" {
				l.Comments = append(l.Comments, leads.Comment{Text: v})
			}
		case "CATEGORIES", "BDAY", "ROLE", "NICKNAME":
			if v != "" {
				if l.Custom == nil {
					l.Custom = map[string]string{}
				}
				if _, ok := l.Custom[customName[p.name]]; !ok {
					l.Custom[customName[p.name]] = v
				}
			}
		case "PHOTO":
			data, err := photo(p)
			switch {
			case err != nil:
				p.note("%v: the photo was left out", err)
			case data != nil && l.Photo == nil:
				l.Photo = leads.NewPhoto(data)
			}
		}
		for _, n := range p.notes {
			c.warn(p.name, p.value, n)
		}
	}
	name := leads.Name{Title: l.Title, First: l.FirstName, Middle: l.MiddleName, Last: l.LastName, Suffix: l.Suffix}.String()
	switch {
	case l.FullName != "":
	case name != "":
		l.FullName = name
	case l.Company != "":
		l.FullName = l.Company
	case l.Custom["Nickname"] != "":
		l.FullName = l.Custom["Nickname"]
		c.warn("FN", "", "the card has no name: its nickname stands for it")
	case len(l.Emails) > 0:
		l.FullName = importexport.NameFromAddress(l.Emails[0].Address)
		c.warn("FN", "", fmt.Sprintf("the card has no name: %q was made from its e-mail address", l.FullName))
	case len(l.Phones) > 0:
		l.FullName = l.Phones[0].Number
		c.warn("FN", "", "the card has no name: its phone number stands for it")
	default:
		return nil, fmt.Errorf("%w: the card has no name, e-mail address or phone number", leads.ErrInvalid)
	}
	return l, nil
}

var customName = map[string]string{"CATEGORIES": "Categories", "BDAY": "Birthday", "ROLE": "Role", "NICKNAME": "Nickname"}

// emails reads the addresses of one EMAIL value. The value is kept when it
// is a bare address; "Name <a@x>", "mailto:a@x" and lists ("a@x, b@y")
// give their addresses, with a warning; a value with no address in it is
// left out, with a warning.
func emails(p *property, v string) []leads.Email {
	v = strings.TrimSpace(v)
	if v == "" {
		return nil
	}
	label := emailLabel(*p)
	if plain(v) {
		return []leads.Email{{Label: label, Address: v}}
	}
	s := v
	for {
		i := strings.Index(strings.ToLower(s), "mailto:")
		if i < 0 {
			break
		}
		s = s[:i] + s[i+7:]
	}
	var out []leads.Email
	if list, err := mail.ParseAddressList(s); err == nil {
		for _, a := range list {
			out = append(out, leads.Email{Label: label, Address: a.Address})
		}
	} else {
		for _, f := range strings.FieldsFunc(s, func(r rune) bool {
			return unicode.IsSpace(r) || strings.ContainsRune(",;<>()\"'", r)
		}) {
			if plain(f) {
				out = append(out, leads.Email{Label: label, Address: f})
			}
		}
	}
	if len(out) == 0 {
		p.note("no e-mail address in the value: it was left out")
		return nil
	}
	addrs := make([]string, len(out))
	for i, e := range out {
		addrs[i] = e.Address
	}
	p.note("the address(es) %s were read from the value", strings.Join(addrs, ", "))
	return out
}

// plain tells a bare address: one "@" with text on both sides and no
// space, bracket, quote or separator.
func plain(s string) bool {
	at := strings.IndexByte(s, '@')
	if at <= 0 || at == len(s)-1 || strings.Count(s, "@") != 1 {
		return false
	}
	return !strings.ContainsAny(s, " \t\r\n,;<>()\"[]:\\")
}

func nonEmpty(s ...string) []string {
	var out []string
	for _, x := range s {
		if x != "" {
			out = append(out, x)
		}
	}
	return out
}

// photo decodes an inline photo; it returns nil for a photo given by URL
// (import never goes to the network) or an empty one.
func photo(p *property) ([]byte, error) {
	raw := strings.Join(strings.Fields(p.value), "")
	enc := strings.Join(p.params["ENCODING"], ",")
	switch {
	case raw == "":
		return nil, nil
	case enc == "B" || enc == "BASE64":
	case strings.HasPrefix(raw, "data:"):
		_, data, ok := strings.Cut(raw, ",")
		if !ok || !strings.Contains(raw[:len(raw)-len(data)], ";base64") {
			return nil, fmt.Errorf("PHOTO: a data URI without base64")
		}
		raw = data
	default:
		return nil, nil
	}
	if len(raw) > base64.StdEncoding.EncodedLen(leads.DefaultMaxPhotoSize) {
		return nil, fmt.Errorf("PHOTO is larger than %d bytes", leads.DefaultMaxPhotoSize)
	}
	data, err := base64.StdEncoding.DecodeString(raw)
	if err != nil {
		data, err = base64.RawStdEncoding.DecodeString(strings.TrimRight(raw, "="))
	}
	if err != nil {
		return nil, fmt.Errorf("PHOTO: %w", err)
	}
	if leads.SniffImage(data) == "" {
		return nil, fmt.Errorf("PHOTO is not a JPEG, PNG or GIF image")
	}
	return bytes.Clone(data), nil
}

func phoneLabel(p *property) leads.PhoneLabel {
	switch {
	case p.has("FAX"):
		return leads.PhoneFax
	case p.has("CELL"):
		return leads.PhoneMobile
	case p.has("HOME"):
		return leads.PhoneHome
	case p.has("WORK"):
		return leads.PhoneBusiness
	}
	return leads.PhoneOther
}

func addressLabel(p *property) leads.AddressLabel {
	switch {
	case p.has("WORK"):
		return leads.AddressBusiness
	case p.has("HOME"):
		return leads.AddressHome
	}
	return leads.AddressOther
}

func emailLabel(p property) string {
	for _, t := range p.params["TYPE"] {
		switch t {
		case "WORK", "HOME", "OTHER":
			return strings.ToLower(t)
		}
	}
	return ""
}
