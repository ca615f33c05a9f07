package storagetest

import (
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
	"github.com/shopspring/decimal"
)

// Sample returns the i-th lead of a deterministic sample: every field set,
// varied by i, ready for Create (the Version is 0). Sample(i) is the same
// lead each time it is called, so tests and benchmarks can check what a
// store gave back against what they wrote.
func Sample(i int) *leads.Lead {
	first := []string{"Ada", "Grace", "Alan", "Edsger", "Barbara", "Ken", "Zoë", "Пётр", "José", "Hedy"}[i%10]
	last := []string{"Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Thompson", "Ångström", "Чайковский", "García", "Lamarr"}[i/10%10]
	company := fmt.Sprintf("Company %03d", i%97)
	base := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Minute)
	stars := leads.Stars(i % 6)
	l := &leads.Lead{
		ID:         sampleID(i),
		Type:       leads.RecordType(i % 3 / 2), // one in three is a contact
		FullName:   fmt.Sprintf("%s %s %d", first, last, i),
		FirstName:  first,
		MiddleName: fmt.Sprint(i),
		LastName:   last,
		JobTitle:   []string{"Buyer", "CTO", "Head of Sales", ""}[i%4],
		FileAs:     fmt.Sprintf("%s, %s %d", last, first, i),
		Company:    company,
		AssignedTo: []string{"alice", "bob", "carol", ""}[i%4],
		Emails: []leads.Email{
			{Label: "work", Address: fmt.Sprintf("user%d@example%d.com", i, i%13)},
			{Address: fmt.Sprintf("u%d@mail.example", i)},
		},
		Phones:   []leads.Phone{{Label: leads.PhoneBusiness, Number: fmt.Sprintf("+1 555 %04d", i%10000)}},
		WebPages: []string{fmt.Sprintf("https://example%d.com", i%13)},
		Addresses: []leads.Address{{Label: leads.AddressBusiness, Street: fmt.Sprintf("%d Main St", i),
			City: []string{"Boston", "Zürich", "Москва"}[i%3], PostalCode: fmt.Sprint(10000 + i%9000), Country: "US", Mailing: true}},
		Source: leads.Sources()[i%len(leads.Sources())],
		Status: leads.StatusNew,
		Score: leads.Score{Type: leads.ScoreType(i % 2), Stars: stars,
			Value: decimal.New(int64(i%501), -2)}, // 0.00 to 5.00
		Checks:    map[uuid.UUID]bool{sampleID(-1): i%2 == 0, sampleID(-2): i%3 == 0},
		Comments:  []leads.Comment{{At: base, Author: "alice", Text: fmt.Sprintf("met at booth %d; said \"call me\"", i)}},
		Custom:    map[string]string{"region": []string{"north", "south", "east", "west"}[i%4], "seq": fmt.Sprint(i)},
		CreatedAt: base,
		CreatedBy: "alice",
		UpdatedAt: base.Add(time.Hour),
		UpdatedBy: "bob",
	}
	if l.Score.Type == leads.ScoreManual {
		l.Score = leads.ManualScore(stars)
	}
	if l.Type == leads.TypeContact {
		// A converted lead, with the Details page of a business contact.
		l.Status = leads.StatusConverted
		l.ConvertedAt = base.Add(2 * time.Hour)
		l.StatusHistory = []leads.StatusStep{
			{Status: leads.StatusContacted, At: base.Add(30 * time.Minute), By: "alice"},
			{Status: leads.StatusQualified, At: base.Add(time.Hour), By: "bob"},
			{Status: leads.StatusConverted, At: l.ConvertedAt, By: "bob"},
		}
		l.Details = leads.Details{
			Department: []string{"Purchasing", "IT", "Sales"}[i%3],
			Office:     fmt.Sprintf("Building %d", i%5),
			Profession: "Engineer",
			Manager:    fmt.Sprintf("Manager %d", i%11),
			Nickname:   first,
			Birthday:   time.Date(1960+i%40, time.Month(1+i%12), 1+i%28, 0, 0, 0, 0, time.UTC),
		}
		if i%4 == 2 {
			l.Details.Assistant, l.Details.Spouse = "Ann", "Sam"
			l.Details.Anniversary = time.Date(2000+i%20, 6, 15, 0, 0, 0, 0, time.UTC)
		}
	}
	if l.Type == leads.TypeLead && i%5 == 1 {
		// Disqualified, then recycled: new again, with a reason on record.
		l.StatusHistory = []leads.StatusStep{
			{Status: leads.StatusDisqualified, At: base.Add(time.Minute), By: "carol",
				Reason: leads.DisqualifyReasons()[i%len(leads.DisqualifyReasons())]},
			{Status: leads.StatusRecycled, At: base.Add(2 * time.Minute), By: "carol"},
			{Status: leads.StatusNew, At: base.Add(2 * time.Minute)},
		}
	}
	if i%7 == 0 {
		l.Photo = &leads.Photo{ContentType: leads.ContentTypePNG, Data: []byte("\x89PNG\r\n\x1a\n" + fmt.Sprint(i))}
	}
	return l
}

// sampleID returns a fixed ID for sample i, so the sample is reproducible.
func sampleID(i int) uuid.UUID {
	var id uuid.UUID
	n := uint64(i)
	for b := 0; b < 8; b++ {
		id[15-b] = byte(n >> (8 * b))
	}
	id[0], id[6], id[8] = 0x01, 0x70, 0x80 // version 7, RFC 4122 variant
	return id
}
