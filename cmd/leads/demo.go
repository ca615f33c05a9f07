package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
	"github.com/leadkit/leads/report"
	"github.com/leadkit/leads/report/render"
)

// demoField is the custom field that marks a sample record; its value is
// the sample's key.
const demoField = "demo"

// sample is one lead of the demo data set. initiatedBy names the key of
// the sample who brought this one in.
type sample struct {
	key         string
	lead        leads.Lead
	initiatedBy string
}

func demoTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// samples is the demo data set: fixed, so that every run loads the same.
// Samples that others refer to come first.
var samples = []sample{
	{key: "ada-lovelace", lead: leads.Lead{
		FullName: "Dr. Ada Lovelace", JobTitle: "Chief Technology Officer", Company: "Analytical Engines Ltd",
		Emails: []leads.Email{{Address: "ada.lovelace@analytical-engines.example"}},
		Phones: []leads.Phone{{Label: leads.PhoneBusiness, Number: "+44 20 7946 0018"},
			{Label: leads.PhoneMobile, Number: "+44 7700 900123"}},
		WebPages: []string{"https://analytical-engines.example"},
		Addresses: []leads.Address{{Label: leads.AddressBusiness, Street: "12 St James's Square",
			City: "London", PostalCode: "SW1Y 4JH", Country: "United Kingdom", Mailing: true}},
		Source: "Trade show", AssignedTo: "mgarcia", Score: leads.ManualScore(5),
		Comments: []leads.Comment{{At: demoTime("2026-03-04T10:30:00Z"), Author: "mgarcia",
			Text: "Met at the booth in London. Wants a demo for 40 seats before Q3."}},
		Custom: map[string]string{"industry": "Manufacturing"},
	}},
	{key: "carlos-mendoza", lead: leads.Lead{
		FullName: "Mr. Carlos Mendoza Jr.", JobTitle: "Purchasing Manager", Company: "Andes Coffee Traders",
		Emails: []leads.Email{{Address: "carlos.mendoza@andescoffee.example"}},
		Phones: []leads.Phone{{Label: leads.PhoneBusiness, Number: "+51 1 555 0199"},
			{Label: leads.PhoneFax, Number: "+51 1 555 0198"}},
		Addresses: []leads.Address{{Label: leads.AddressBusiness, Street: "Av. Larco 1150",
			City: "Lima", State: "Miraflores", PostalCode: "15074", Country: "Peru"}},
		Source: "Word of mouth", AssignedTo: "mgarcia", Score: leads.ManualScore(3),
		Custom: map[string]string{"industry": "Food and beverage"},
	}},
	{key: "grace-hopper", lead: leads.Lead{
		FullName: "Grace Hopper", JobTitle: "VP Engineering", Company: "Cobol Systems Inc.",
		Emails: []leads.Email{{Address: "grace@cobolsystems.example"},
			{Address: "g.hopper@navy-veterans.example"}},
		Phones:   []leads.Phone{{Label: leads.PhoneBusiness, Number: "+1 202 555 0147"}},
		WebPages: []string{"https://cobolsystems.example"},
		Addresses: []leads.Address{{Label: leads.AddressBusiness, Street: "1600 Compiler Way",
			City: "Arlington", State: "VA", PostalCode: "22202", Country: "United States", Mailing: true}},
		Source: "Web", AssignedTo: "tbecker", Score: leads.ManualScore(4),
	}},
	{key: "priya-raman", lead: leads.Lead{
		FullName: "Priya Raman", JobTitle: "Operations Director", Company: "Bluewave Logistics",
		Emails: []leads.Email{{Address: "priya.raman@bluewave.example"}},
		Phones: []leads.Phone{{Label: leads.PhoneMobile, Number: "+91 98765 43210"}},
		Addresses: []leads.Address{{Label: leads.AddressBusiness, Street: "Bandra Kurla Complex",
			City: "Mumbai", State: "Maharashtra", PostalCode: "400051", Country: "India"}},
		Source: "E-mail campaign", AssignedTo: "akim", Score: leads.ManualScore(4),
	}},
	{key: "hans-peter-mueller", lead: leads.Lead{
		FullName: "Hans-Peter Müller", JobTitle: "Geschäftsführer", Company: "Müller Maschinenbau GmbH",
		Emails: []leads.Email{{Address: "hp.mueller@mueller-maschinenbau.example"}},
		Phones: []leads.Phone{{Label: leads.PhoneBusiness, Number: "+49 89 555 0123"}},
		Addresses: []leads.Address{{Label: leads.AddressBusiness, Street: "Leopoldstraße 200",
			City: "München", PostalCode: "80804", Country: "Germany"}},
		Source: "Trade show", AssignedTo: "tbecker", Score: leads.ManualScore(2),
	}},
	{key: "yuki-tanaka", lead: leads.Lead{
		FullName: "Yuki Tanaka", JobTitle: "Creative Director", Company: "Sakura Design Studio",
		Emails:   []leads.Email{{Address: "yuki@sakura-design.example"}},
		Phones:   []leads.Phone{{Label: leads.PhoneBusiness, Number: "+81 3 5555 0142"}},
		WebPages: []string{"https://sakura-design.example"},
		Source:   "Partner", AssignedTo: "akim", Score: leads.ManualScore(3),
	}},
	{key: "marie-claire-dubois", initiatedBy: "carlos-mendoza", lead: leads.Lead{
		FullName: "Marie-Claire Dubois", JobTitle: "Directrice commerciale", Company: "Dubois & Fils",
		Emails: []leads.Email{{Address: "mc.dubois@dubois-fils.example"}},
		Phones: []leads.Phone{{Label: leads.PhoneBusiness, Number: "+33 1 55 55 01 23"},
			{Label: leads.PhoneMobile, Number: "+33 6 55 55 01 24"}},
		Addresses: []leads.Address{{Label: leads.AddressBusiness, Street: "8 rue de la Paix",
			City: "Paris", PostalCode: "75002", Country: "France", Mailing: true}},
		Source: "External referral", AssignedTo: "mgarcia", Score: leads.ManualScore(3),
		Comments: []leads.Comment{{At: demoTime("2026-04-15T08:05:00Z"), Author: "mgarcia",
			Text: "Referred by Carlos Mendoza. Imports coffee for 30 cafés."}},
	}},
	{key: "olivia-bennett", lead: leads.Lead{
		FullName: "Olivia Bennett", JobTitle: "Store Owner", Company: "Greenleaf Organics",
		Emails: []leads.Email{{Address: "olivia@greenleaf.example"}},
		Phones: []leads.Phone{{Label: leads.PhoneHome, Number: "+1 503 555 0110"}},
		Addresses: []leads.Address{{Label: leads.AddressHome, Street: "742 Alder Street",
			City: "Portland", State: "OR", PostalCode: "97205", Country: "United States"}},
		Source: "Advertisement", AssignedTo: "tbecker",
	}},
	{key: "samuel-oconnor", lead: leads.Lead{
		FullName: "Samuel O'Connor", JobTitle: "Fleet Manager", Company: "Harbor Freight Partners",
		Emails: []leads.Email{{Address: "s.oconnor@harborfreight.example"}},
		Phones: []leads.Phone{{Label: leads.PhoneBusiness, Number: "+353 1 555 0177"}},
		Source: "Cold call", AssignedTo: "mgarcia", Score: leads.ManualScore(1),
	}},
	{key: "fatima-al-sayed", lead: leads.Lead{
		FullName: "Fatima Al-Sayed", JobTitle: "Procurement Lead", Company: "Desert Rose Hotels",
		Emails: []leads.Email{{Address: "fatima.alsayed@desertrose.example"}},
		Phones: []leads.Phone{{Label: leads.PhoneBusiness, Number: "+971 4 555 0133"}},
		Source: "Seminar", AssignedTo: "akim", Score: leads.ManualScore(2),
	}},
	{key: "dmitri-ivanov", lead: leads.Lead{
		FullName: "Dmitri Ivanov", JobTitle: "IT Manager", Company: "Northwind Traders",
		Emails: []leads.Email{{Address: "dmitri.ivanov@northwind.example"}},
		Source: "Web",
	}},
	{key: "aisha-okafor", initiatedBy: "priya-raman", lead: leads.Lead{
		FullName: "Ms. Aisha Okafor PhD", JobTitle: "Research Director", Company: "Lagos Health Labs",
		Emails: []leads.Email{{Address: "a.okafor@lagoshealth.example"}},
		Phones: []leads.Phone{{Label: leads.PhoneMobile, Number: "+234 802 555 0166"}},
		Source: "Word of mouth", AssignedTo: "akim",
	}},
}

// demoUsers are the members the samples are assigned to. Once a database
// has users, leads can only be assigned to them, so demo adds them first.
var demoUsers = [][2]string{
	{"akim", "a.kim@example.com"},
	{"mgarcia", "m.garcia@example.com"},
	{"tbecker", "t.becker@example.com"},
}

// demo runs "leads demo".
func (a *app) demo(args []string) error {
	fs := newFlagSet("demo")
	a.globalFlags(fs)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	return a.withBook(func(ctx context.Context, book *leads.Book) error {

		for _, u := range demoUsers {
			_, err := book.Users().Get(ctx, u[0])
			if errors.Is(err, leads.ErrNotFound) {
				_, err = book.Users().Create(ctx, &leads.User{Name: u[0], Email: u[1]})
			}
			if err != nil {
				return fmt.Errorf("demo user %q: %w", u[0], err)
			}
		}

		// Find the samples already loaded: by their mark, or by full name and
		// company for a record that lost it.
		have := map[string]uuid.UUID{}
		byName := map[string]uuid.UUID{}
		for l, err := range book.List(ctx, leads.Query{}) {
			if err != nil {
				return err
			}
			if k := l.Custom[demoField]; k != "" {
				have[k] = l.ID
			}
			byName[nameKey(l.FullName, l.Company)] = l.ID
		}
		added := 0
		for _, s := range samples {
			if _, ok := have[s.key]; ok {
				continue
			}
			if id, ok := byName[nameKey(s.lead.FullName, s.lead.Company)]; ok {
				have[s.key] = id
				continue
			}
			l := s.lead.Clone()
			l.Custom = map[string]string{demoField: s.key}
			for k, v := range s.lead.Custom {
				l.Custom[k] = v
			}
			if s.initiatedBy != "" {
				l.InitiatedBy = have[s.initiatedBy]
			}
			created, err := book.Create(ctx, l)
			if err != nil {
				return fmt.Errorf("demo sample %q: %w", s.lead.FullName, err)
			}
			have[s.key] = created.ID
			added++
		}

		byScore, _ := leads.BuiltinReport(leads.ReportLeadsByScore)
		if a.json {
			report := []*leads.Lead{}
			for l, err := range book.List(ctx, byScore.Query()) {
				if err != nil {
					return err
				}
				report = append(report, l)
			}
			return a.printJSON(report)
		}
		res, err := report.Run(ctx, book.Store(), byScore)
		if err != nil {
			return err
		}
		switch added {
		case 0:
			fmt.Fprintf(a.stdout, "The %d sample leads are already in %s.\n\n", len(samples), a.storeSpec())
		case len(samples):
			fmt.Fprintf(a.stdout, "Added %d sample leads to %s.\n\n", added, a.storeSpec())
		default:
			fmt.Fprintf(a.stdout, "Added %d missing sample leads to %s.\n\n", added, a.storeSpec())
		}
		return render.Text(a.stdout, res)
	})
}

func nameKey(fullName, company string) string {
	return strings.ToLower(strings.TrimSpace(fullName)) + "\x00" + strings.ToLower(strings.TrimSpace(company))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// columnWidths returns the width of each column, in characters.
func columnWidths(rows [][]string) []int {
	var widths []int
	for _, r := range rows {
		for i, c := range r {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], utf8.RuneCountInString(c))
		}
	}
	return widths
}

// padRow joins the cells of a row, each padded to its column's width.
func padRow(row []string, widths []int) string {
	var b strings.Builder
	for i, c := range row {
		b.WriteString(c)
		if i < len(row)-1 {
			b.WriteString(strings.Repeat(" ", widths[i]-utf8.RuneCountInString(c)+2))
		}
	}
	return b.String()
}
