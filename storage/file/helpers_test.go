package file

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
)

var ctx = context.Background()

// TestMain removes the large stores that benchmarks share.
func TestMain(m *testing.M) {
	code := m.Run()
	removeShared()
	os.Exit(code)
}

// seqID returns the ID of lead n of the deterministic set: a UUID v7 whose
// time part grows with n, as the IDs of a Book do.
func seqID(n int) uuid.UUID {
	var id uuid.UUID
	binary.BigEndian.PutUint64(id[:8], uint64(1_700_000_000_000+n)<<16)
	binary.BigEndian.PutUint64(id[8:], uint64(n)*0x9E3779B97F4A7C15)
	id[6] = 0x70 | id[6]&0x0F // version 7
	id[8] = 0x80 | id[8]&0x3F // RFC 4122 variant
	return id
}

// criteria are the scoring criteria that sample leads are checked against.
var criteria = []uuid.UUID{
	uuid.MustParse("0190a000-0000-7000-8000-000000000001"),
	uuid.MustParse("0190a000-0000-7000-8000-000000000002"),
	uuid.MustParse("0190a000-0000-7000-8000-000000000003"),
}

// sampleLead returns lead n of a deterministic set, as a Book would have
// stored it (UTC times, derived name parts), with most fields set and the
// contents varying with n. Its Version is 0, ready for Create.
func sampleLead(n int) *leads.Lead {
	first := []string{"Ada", "Grace", "Alan", "Edsger", "Barbara", "Ken", "Zoë", "Пётр", "José", "Hedy"}[n%10]
	last := []string{"Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Thompson", "Ångström", "Чайковский", "García", "Lamarr"}[n/10%10]
	at := time.Unix(1_767_225_600+int64(n)*61, int64(n%1000)*1_000_000).UTC()
	stars := leads.Stars(n % 6)
	l := &leads.Lead{
		ID:         seqID(n),
		Type:       leads.RecordType(n % 3 / 2),
		FullName:   fmt.Sprintf("%s %s %d", first, last, n),
		FirstName:  first,
		MiddleName: fmt.Sprint(n),
		LastName:   last,
		JobTitle:   []string{"Buyer", "CTO", "Head of Sales", ""}[n%4],
		FileAs:     fmt.Sprintf("%s, %s %d", last, first, n),
		Company:    fmt.Sprintf("Company %03d", n%97),
		AssignedTo: []string{"alice", "bob", "carol", ""}[n%4],
		Emails: []leads.Email{
			{Label: "work", Address: fmt.Sprintf("user%d@example%d.com", n, n%13)},
			{Address: fmt.Sprintf("u%d@mail.example", n)},
		},
		Phones:   []leads.Phone{{Label: leads.PhoneBusiness, Number: fmt.Sprintf("+1 555 %04d", n%10000)}},
		WebPages: []string{fmt.Sprintf("https://example%d.com", n%13)},
		Addresses: []leads.Address{{
			Label: leads.AddressBusiness, Street: fmt.Sprintf("%d Main Street", n%500), City: "Springfield",
			State: "IL", PostalCode: fmt.Sprintf("%05d", n%100000), Country: "USA", Mailing: true,
		}},
		Source:   leads.Sources()[n%len(leads.Sources())],
		Status:   []leads.Status{leads.StatusNew, leads.StatusContacted, leads.StatusQualified}[n%3],
		Score:    leads.Score{Stars: stars, Value: decimal.New(int64(n%51), -1)},
		Checks:   map[uuid.UUID]bool{criteria[0]: n%2 == 0, criteria[1]: n%3 == 0, criteria[2]: true},
		Comments: []leads.Comment{{At: at, Author: "alice", Text: fmt.Sprintf("Met at the fair, day %d.", n%365)}},
		Custom:   map[string]string{"region": []string{"north", "south", "east", "west"}[n%4], "tier": fmt.Sprint(n % 3)},

		CreatedAt: at,
		CreatedBy: "alice",
		UpdatedAt: at,
		UpdatedBy: "alice",
	}
	if n%5 == 0 {
		l.Score = leads.ManualScore(stars)
	}
	if n%100 == 7 {
		l.Photo = &leads.Photo{ContentType: leads.ContentTypePNG, Data: append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 300)...)}
	}
	return l
}

// storedLead is sampleLead(n) as the store gives it back after Create.
func storedLead(n int) *leads.Lead {
	l := sampleLead(n)
	l.Version = 1
	return l
}

// fullLead returns a lead with every field set, awkward values included.
func fullLead() *leads.Lead {
	at := time.Date(2026, 11, 27, 9, 30, 15, 123456789, time.UTC)
	return &leads.Lead{
		ID:         uuid.MustParse("01936d2a-7c4e-7b3a-9f10-2c3d4e5f6a7b"),
		Type:       leads.TypeContact,
		FullName:   "Dr. Ada M. Lovelace Jr.",
		Title:      "Dr.",
		FirstName:  "Ada",
		MiddleName: "M.",
		LastName:   "Lovelace",
		Suffix:     "Jr.",
		JobTitle:   "Analyst",
		FileAs:     "Lovelace, Ada",
		Company:    "Analytical Engines Ltd\x00\xff", // NUL and invalid UTF-8 are kept
		AccountID:  uuid.MustParse("01936d2a-7c4e-7b3a-9f10-000000000001"),
		AssignedTo: "alice",
		Photo:      &leads.Photo{ContentType: leads.ContentTypeGIF, Data: []byte("GIF89a\x01\x00\x01\x00")},
		Emails:     []leads.Email{{Label: "work", Address: "ada@example.com"}, {Address: "ada@home.example"}},
		Phones:     []leads.Phone{{Label: leads.PhoneMobile, Number: "+44 20 7946 0000"}, {Label: leads.PhoneFax}},
		WebPages:   []string{"https://example.com/ada", ""},
		Addresses: []leads.Address{
			{Label: leads.AddressBusiness, Street: "1 Engine Way\nFloor 2", City: "London", State: "", PostalCode: "N1 9GU", Country: "UK"},
			{Label: leads.AddressHome, City: "Marylebone", Mailing: true},
		},
		Source:      "Trade show",
		InitiatedBy: uuid.MustParse("01936d2a-7c4e-7b3a-9f10-000000000002"),
		Status:      leads.StatusQualified,
		StatusHistory: []leads.StatusStep{
			{Status: leads.StatusDisqualified, At: at, By: "alice", Reason: "Bad timing\n(call in spring)"},
			{Status: leads.StatusRecycled, At: at.Add(time.Nanosecond)},
			{Status: leads.StatusQualified, At: at.Add(time.Hour), By: "bob"},
		},
		Score:  leads.Score{Type: leads.ScoreAuto, Stars: 4, Value: decimal.RequireFromString("3.750")},
		Checks: map[uuid.UUID]bool{criteria[0]: true, criteria[1]: false},
		Comments: []leads.Comment{
			{At: at, Author: "alice", Text: "Called; very interested."},
			{Text: "A note without a time stamp"},
			{At: time.Date(1815, 12, 10, 0, 0, 0, 0, time.UTC), Text: "born"},
		},
		Custom: map[string]string{"region": "north", "": "empty key", "emoji": "🚀"},
		Details: leads.Details{Department: "Engines", Office: "B2", Profession: "Mathematician",
			Manager: "Charles Babbage", Assistant: "Mary", Nickname: "Enchantress", Spouse: "William",
			Birthday: time.Date(1815, 12, 10, 0, 0, 0, 0, time.UTC), Anniversary: time.Date(1835, 7, 8, 0, 0, 0, 0, time.UTC)},
		ConvertedAt: at.Add(30 * time.Minute),
		CreatedAt:   at,
		CreatedBy:   "alice",
		UpdatedAt:   at.Add(time.Hour),
		UpdatedBy:   "bob",
		Version:     7,
	}
}

// tempPath returns the path of a store file in a new temporary directory.
func tempPath(t testing.TB) string {
	return filepath.Join(t.TempDir(), "leads.db")
}

// openT opens a store at path and closes it when the test ends.
func openT(t testing.TB, path string, opts *Options) *Store {
	t.Helper()
	s, err := Open(path, opts)
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	return s
}

// hashFile returns the SHA-256 of a file's bytes.
func hashFile(t testing.TB, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return sha256.Sum256(b)
}

// allLeads returns every lead of s, in ID order.
func allLeads(t testing.TB, s leads.Store) []*leads.Lead {
	t.Helper()
	var out []*leads.Lead
	for l, err := range s.Leads().List(ctx, leads.Query{Sort: []leads.SortKey{leads.Asc(leads.FieldID)}}) {
		require.NoError(t, err)
		out = append(out, l)
	}
	return out
}

// key returns the bbolt key of a record.
func key(id uuid.UUID) []byte { return id[:] }
