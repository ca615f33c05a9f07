package jsonfile_test

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
	"github.com/leadkit/leads/importexport"
	"github.com/leadkit/leads/importexport/jsonfile"
	"github.com/leadkit/leads/storage/memory"
	"github.com/stretchr/testify/require"
)

var png = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")

func richBook(t *testing.T) *leads.Book {
	ctx := leads.WithActor(context.Background(), "jane")
	clock := leads.ClockFunc(func() time.Time { return time.Date(2026, 3, 1, 9, 30, 15, 123456789, time.UTC) })
	book := leads.New(memory.New(), leads.WithClock(clock))
	acct, err := book.Accounts().Create(ctx, &leads.Account{Name: "Analytical Engines", Phones: []leads.Phone{{Label: leads.PhoneBusiness, Number: "+44 1"}}})
	require.NoError(t, err)
	crit, err := book.Criteria().Create(ctx, &leads.Criterion{Name: "Owns a loom", Weight: leads.WeightHigh})
	require.NoError(t, err)
	ada, err := book.Create(ctx, &leads.Lead{FullName: "Dr. Ada M. Lovelace", JobTitle: "Countess", Company: "Engines",
		AccountID: acct.ID, AssignedTo: "jane", Photo: leads.NewPhoto(png), FileAs: "Ada (Engines)",
		Emails:    []leads.Email{{Label: "work", Address: "ada@engines.example"}, {Address: "a@home.example"}},
		Phones:    []leads.Phone{{Label: leads.PhoneMobile, Number: "+44 7700 900123"}},
		WebPages:  []string{"https://engines.example"},
		Addresses: []leads.Address{{Label: leads.AddressHome, Street: "1 Square\nFlat 2", City: "London", Mailing: true}, {Label: leads.AddressBusiness, City: "Leeds"}},
		Source:    "Trade show", Status: leads.StatusQualified,
		Checks:   map[uuid.UUID]bool{crit.ID: true, leads.DefaultCriteria()[0].ID: false},
		Comments: []leads.Comment{{At: time.Date(2026, 2, 1, 8, 0, 0, 0, time.UTC), Author: "bob", Text: "=cmd|' /C calc'!A0"}, {Text: "plain"}},
		Custom:   map[string]string{"Shoe size": "38", "Region": "North"}})
	require.NoError(t, err)
	babbage, err := book.Create(ctx, &leads.Lead{FullName: "Charles Babbage", Type: leads.TypeContact, InitiatedBy: ada.ID,
		Score: leads.ManualScore(4)})
	require.NoError(t, err)
	_, err = book.History().Create(ctx, &leads.HistoryItem{Kind: leads.KindNote, Subject: "Met both", Text: "at the salon",
		Records: []uuid.UUID{ada.ID, babbage.ID}})
	require.NoError(t, err)
	_, err = book.History().Create(ctx, &leads.HistoryItem{Kind: leads.KindPhone, Subject: "Call", Direction: leads.DirectionOut,
		Number: "+44 7700 900123", Start: time.Date(2026, 2, 2, 10, 0, 0, 0, time.UTC), Duration: 90 * time.Second,
		Records: []uuid.UUID{ada.ID}})
	require.NoError(t, err)
	return book
}

func export(t *testing.T, book *leads.Book) []byte {
	var buf bytes.Buffer
	_, err := jsonfile.Export(context.Background(), &buf, book.Store(), nil)
	require.NoError(t, err)
	return buf.Bytes()
}

func TestRoundTrip(t *testing.T) {
	ctx := context.Background()
	src := richBook(t)
	first := export(t, src)

	dst := leads.New(memory.New())
	s, err := jsonfile.Read(bytes.NewReader(first), 0)
	require.NoError(t, err)
	rep, err := (&importexport.Importer{Book: dst}).Import(ctx, s)
	require.NoError(t, err)
	require.Len(t, rep.Created, 2)
	require.Equal(t, 1, rep.Accounts)
	require.Equal(t, 1, rep.Criteria, "the default criteria exist in the new store already")
	require.Equal(t, 2, rep.History, "each history item once, though one links two records")

	second := export(t, dst)
	require.JSONEq(t, string(first), string(second))

	for l, err := range src.List(ctx, leads.Query{}) {
		require.NoError(t, err)
		got, err := dst.Get(ctx, l.ID)
		require.NoError(t, err)
		require.True(t, l.Score.Value.Equal(got.Score.Value))
		want, err := json.Marshal(l)
		require.NoError(t, err)
		have, err := json.Marshal(got)
		require.NoError(t, err)
		require.JSONEq(t, string(want), string(have), "every field, check, comment and custom field")
		require.Equal(t, l.Photo, got.Photo)
		require.Equal(t, len(l.Comments), len(got.Comments))
		require.Equal(t, len(l.Checks), len(got.Checks))
	}

	// Importing the same export again finds every record by ID.
	s, err = jsonfile.Read(bytes.NewReader(first), 0)
	require.NoError(t, err)
	rep, err = (&importexport.Importer{Book: dst}).Import(ctx, s)
	require.NoError(t, err)
	require.Len(t, rep.Skipped, 2)
	require.Equal(t, "id", rep.Skipped[0].Match)
	require.Zero(t, rep.History, "history items already in the store are not written again")
}

func TestHistoryFollowsMergedRows(t *testing.T) {
	ctx := context.Background()
	doc := export(t, richBook(t))
	// The target store knows Ada under another ID and the same e-mail: the
	// import skips her row as a duplicate of that record, and her history
	// and Babbage's link to her as initiator go there.
	dst := leads.New(memory.New())
	other, err := dst.Create(ctx, &leads.Lead{FullName: "Ada Lovelace", Emails: []leads.Email{{Address: "ada@engines.example"}}})
	require.NoError(t, err)
	s, err := jsonfile.Read(bytes.NewReader(doc), 0)
	require.NoError(t, err)
	rep, err := (&importexport.Importer{Book: dst, OnDuplicate: importexport.SkipDuplicates}).Import(ctx, s)
	require.NoError(t, err)
	require.Len(t, rep.Skipped, 1)
	require.Len(t, rep.Created, 1)
	require.Equal(t, 2, rep.History)
	items, err := leads.Collect(dst.History().List(ctx, other.ID, leads.HistoryFilter{}))
	require.NoError(t, err)
	require.Len(t, items, 2, "both items of Ada now link to the record she matched")
	babbage, err := dst.Get(ctx, rep.Created[0].ID)
	require.NoError(t, err)
	require.Equal(t, other.ID, babbage.InitiatedBy)
}

func TestReadErrors(t *testing.T) {
	for in, want := range map[string]string{
		`{"format":"other"}`:                                "not a leads export",
		`{"format":"leads","version":99}`:                   "newer",
		`{"format":"leads","leads":[{"full_name":`:          "leads/json",
		`{"format":"leads","criteria":[{"name":"x"}]}`:      "criteria[0]",
		`{"format":"leads","leads":[{"score":{"type":7}}]}`: "score",
	} {
		_, err := jsonfile.Read(strings.NewReader(in), 0)
		require.ErrorContains(t, err, want, in)
	}
	_, err := jsonfile.Read(strings.NewReader(`{"format":"leads","leads":[]}`+strings.Repeat(" ", 100)), 20)
	require.ErrorIs(t, err, jsonfile.ErrTooLarge)
}

func TestRejectsUnknownReferences(t *testing.T) {
	in := `{"format":"leads","version":1,"leads":[{"full_name":"Ada","account_id":"0190a0b0-0000-7000-8000-000000000001"}]}`
	s, err := jsonfile.Read(strings.NewReader(in), 0)
	require.NoError(t, err)
	rep, err := (&importexport.Importer{Book: leads.New(memory.New())}).Import(context.Background(), s)
	require.ErrorIs(t, err, importexport.ErrRowsRejected)
	require.Equal(t, "account_id", rep.Rejected[0].Column)
	require.Equal(t, 1, rep.Rejected[0].Row)
}

func TestUpdateMergesRowWithNewCriterion(t *testing.T) {
	ctx := context.Background()
	doc := export(t, richBook(t))
	// Ada's row checks a criterion that only the same import creates: the
	// merge must see it inside the import's transaction.
	dst := leads.New(memory.New())
	other, err := dst.Create(ctx, &leads.Lead{FullName: "Ada Lovelace", Emails: []leads.Email{{Address: "ada@engines.example"}}})
	require.NoError(t, err)
	s, err := jsonfile.Read(bytes.NewReader(doc), 0)
	require.NoError(t, err)
	rep, err := (&importexport.Importer{Book: dst, OnDuplicate: importexport.UpdateDuplicates}).Import(ctx, s)
	require.NoError(t, err)
	require.Len(t, rep.Updated, 1)
	require.Equal(t, 1, rep.Criteria)
	require.Equal(t, 2, rep.History)
	merged, err := dst.Get(ctx, other.ID)
	require.NoError(t, err)
	require.Equal(t, "Countess", merged.JobTitle)
	require.Len(t, merged.Checks, 2)
	items, err := leads.Collect(dst.History().List(ctx, other.ID, leads.HistoryFilter{}))
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(items), 2, "Ada's items follow her into the record she was merged into")
}
