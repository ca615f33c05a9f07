package storagetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
)

func testCreateGet(t *testing.T, s leads.Store) {
	for i := range 8 { // covers a contact, a manual score and a photo
		want := Sample(i)
		mustNoError(t, s.Leads().Create(ctx, want))
		mustEqualValues(t, 1, want.Version, "Create sets the caller's Version to 1")
		got, err := s.Leads().Get(ctx, want.ID)
		mustNoError(t, err)
		requireSame(t, want, got)
	}
	minimal := &leads.Lead{ID: uuid.Must(uuid.NewV7()), FullName: "Only A. Name"}
	create(t, s, minimal)
	got, err := s.Leads().Get(ctx, minimal.ID)
	mustNoError(t, err)
	requireSame(t, minimal, got)

	_, err = s.Leads().Get(ctx, uuid.Must(uuid.NewV7()))
	mustErrorIs(t, err, leads.ErrNotFound)
}

func testCreateRejects(t *testing.T, s leads.Store) {
	l := Sample(1)
	create(t, s, l)
	err := s.Leads().Create(ctx, Sample(1))
	mustErrorIs(t, err, leads.ErrConflict, "a second record with the same ID")
	got, err := s.Leads().Get(ctx, l.ID)
	mustNoError(t, err)
	requireSame(t, l, got, "the first record is untouched")

	err = s.Leads().Create(ctx, &leads.Lead{FullName: "No ID"})
	mustErrorIs(t, err, leads.ErrInvalid, "a record without an ID")
	n, err := s.Leads().Count(ctx, leads.Query{})
	mustNoError(t, err)
	mustEqual(t, 1, n)
}

func testUpdate(t *testing.T, s leads.Store) {
	l := Sample(2)
	create(t, s, l)
	got, err := s.Leads().Update(ctx, l.ID, func(cur *leads.Lead) error {
		mustEqualValues(t, 1, cur.Version)
		cur.JobTitle = "Chief Buyer"
		cur.Emails = append(cur.Emails, leads.Email{Address: "new@example.com"})
		delete(cur.Custom, "region")
		return nil
	})
	mustNoError(t, err)
	mustEqualValues(t, 2, got.Version)
	want := l.Clone()
	want.JobTitle = "Chief Buyer"
	want.Emails = append(want.Emails, leads.Email{Address: "new@example.com"})
	delete(want.Custom, "region")
	want.Version = 2
	requireSame(t, want, got, "Update returns what it stored")
	stored, err := s.Leads().Get(ctx, l.ID)
	mustNoError(t, err)
	requireSame(t, want, stored)

	_, err = s.Leads().Update(ctx, uuid.Must(uuid.NewV7()), func(*leads.Lead) error { return nil })
	mustErrorIs(t, err, leads.ErrNotFound)
}

func testUpdateFails(t *testing.T, s leads.Store) {
	l := Sample(3)
	create(t, s, l)
	errVeto := errors.New("veto")
	_, err := s.Leads().Update(ctx, l.ID, func(cur *leads.Lead) error {
		cur.FullName = "Changed"
		cur.Emails[0].Address = "changed@example.com"
		cur.Custom["region"] = "changed"
		return fmt.Errorf("wrapped: %w", errVeto)
	})
	mustErrorIs(t, err, errVeto, "Update returns the function's error")
	got, err := s.Leads().Get(ctx, l.ID)
	mustNoError(t, err)
	requireSame(t, l, got, "a failed update writes nothing")

	_, err = s.Leads().Update(ctx, l.ID, func(cur *leads.Lead) error {
		cur.ID = uuid.Must(uuid.NewV7())
		return nil
	})
	mustErrorIs(t, err, leads.ErrInvalid, "an update cannot change the ID")
	got, err = s.Leads().Get(ctx, l.ID)
	mustNoError(t, err)
	requireSame(t, l, got)
}

func testStaleVersion(t *testing.T, s leads.Store) {
	l := Sample(4)
	create(t, s, l)
	read1, err := s.Leads().Get(ctx, l.ID)
	mustNoError(t, err)
	read2, err := s.Leads().Get(ctx, l.ID)
	mustNoError(t, err)

	read1.JobTitle = "first writer"
	_, err = s.Leads().Update(ctx, l.ID, func(cur *leads.Lead) error { *cur = *read1.Clone(); return nil })
	mustNoError(t, err)

	read2.JobTitle = "second writer"
	_, err = s.Leads().Update(ctx, l.ID, func(cur *leads.Lead) error { *cur = *read2.Clone(); return nil })
	mustErrorIs(t, err, leads.ErrConflict, "the second writer read version 1, stored is 2")
	var ce *leads.ConflictError
	mustErrorAs(t, err, &ce)

	got, err := s.Leads().Get(ctx, l.ID)
	mustNoError(t, err)
	mustEqual(t, "first writer", got.JobTitle, "the first write is not lost")
	mustEqualValues(t, 2, got.Version)
}

func testDelete(t *testing.T, s leads.Store) {
	a, b := Sample(5), Sample(6)
	create(t, s, a, b)
	mustNoError(t, s.Leads().Delete(ctx, a.ID))
	_, err := s.Leads().Get(ctx, a.ID)
	mustErrorIs(t, err, leads.ErrNotFound)
	mustErrorIs(t, s.Leads().Delete(ctx, a.ID), leads.ErrNotFound)
	got, err := s.Leads().Get(ctx, b.ID)
	mustNoError(t, err)
	requireSame(t, b, got)
	_, err = s.Leads().Update(ctx, a.ID, func(*leads.Lead) error { return nil })
	mustErrorIs(t, err, leads.ErrNotFound, "a deleted record cannot be updated")
	// The ID is free again.
	create(t, s, Sample(5))
}

func testAliasing(t *testing.T, s leads.Store) {
	l := Sample(7) // has a photo
	want := l.Clone()
	create(t, s, l)
	want.Version = 1

	// Changing what was passed to Create does not reach the store.
	l.Emails[0].Address = "x@x.example"
	l.Custom["region"] = "x"
	l.Checks[uuid.Nil] = true
	l.Photo.Data[0] = 'X'
	l.Comments[0].Text = "x"

	got, err := s.Leads().Get(ctx, want.ID)
	mustNoError(t, err)
	requireSame(t, want, got)

	// Changing what Get returned does not reach the store.
	got.Emails[0].Address = "y@y.example"
	got.Phones[0].Number = "0"
	got.WebPages[0] = "y"
	got.Addresses[0].City = "y"
	got.Custom["region"] = "y"
	got.Checks[uuid.Nil] = true
	got.Photo.Data[0] = 'Y'
	got.Comments[0].Text = "y"

	// Nor does changing what Update returned, or the function's lead after
	// the update.
	var kept *leads.Lead
	updated, err := s.Leads().Update(ctx, want.ID, func(cur *leads.Lead) error {
		kept = cur
		cur.JobTitle = "updated"
		return nil
	})
	mustNoError(t, err)
	want.JobTitle, want.Version = "updated", 2
	updated.Emails[0].Address = "z@z.example"
	kept.Emails[0].Address = "w@w.example"
	kept.Custom["region"] = "w"

	// Nor what List returned.
	for l, err := range s.Leads().List(ctx, leads.Query{}) {
		mustNoError(t, err)
		l.Emails[0].Address = "v@v.example"
		l.Custom["region"] = "v"
	}

	got, err = s.Leads().Get(ctx, want.ID)
	mustNoError(t, err)
	requireSame(t, want, got)
}

// querySet is the sample the query tests run over.
func querySet(t *testing.T, s leads.Store, n int) []*leads.Lead {
	t.Helper()
	var all []*leads.Lead
	for i := range n {
		l := Sample(i)
		switch i % 5 {
		case 1:
			l.Emails = nil
			l.Source = ""
		case 2:
			l.Company = "ÅNGSTRÖM Ltd"
			l.JobTitle = ""
		}
		create(t, s, l)
		all = append(all, l)
	}
	return all
}

func collect(t *testing.T, s leads.Store, q leads.Query) []*leads.Lead {
	t.Helper()
	var out []*leads.Lead
	for l, err := range s.Leads().List(ctx, q) {
		mustNoError(t, err)
		out = append(out, l)
	}
	return out
}

func ids(ls []*leads.Lead) []uuid.UUID {
	out := make([]uuid.UUID, len(ls))
	for i, l := range ls {
		out[i] = l.ID
	}
	return out
}

// queryCases are the queries every store must answer as leads.Select does.
func queryCases() map[string]leads.Query {
	t0 := time.Date(2026, 1, 1, 9, 30, 0, 0, time.UTC)
	return map[string]leads.Query{
		"all":                {},
		"leads only":         {Types: []leads.RecordType{leads.TypeLead}},
		"contacts only":      {Types: []leads.RecordType{leads.TypeContact}},
		"eq company":         {Where: leads.Eq(leads.FieldCompany, "Company 005")},
		"eq is exact":        {Where: leads.Eq(leads.FieldCompany, "company 005")},
		"in assigned":        {Where: leads.In(leads.FieldAssignedTo, "alice", "carol")},
		"contains any case":  {Where: leads.Contains(leads.FieldCompany, "ångström")},
		"prefix name":        {Where: leads.Prefix(leads.FieldFullName, "ada")},
		"prefix cyrillic":    {Where: leads.Prefix(leads.FieldLastName, "ЧАЙ")},
		"email contains":     {Where: leads.Contains(leads.FieldEmail, "EXAMPLE3.com")},
		"email empty":        {Where: leads.Empty(leads.FieldEmail)},
		"source not empty":   {Where: leads.NotEmpty(leads.FieldSource)},
		"job empty":          {Where: leads.Empty(leads.FieldJobTitle)},
		"city eq":            {Where: leads.Eq(leads.FieldCity, "Zürich")},
		"custom eq":          {Where: leads.Eq(leads.CustomField("region"), "east")},
		"custom missing":     {Where: leads.Empty(leads.CustomField("nothing"))},
		"stars 3 to 5":       {Where: leads.StarsBetween(3, 5)},
		"stars at least 4":   {Where: leads.Between(leads.FieldStars, "4", "")},
		"score range":        {Where: leads.Between(leads.FieldScore, "0.05", "0.2")},
		"created before":     {Where: leads.TimeBetween(leads.FieldCreatedAt, time.Time{}, t0)},
		"created date range": {Where: leads.Between(leads.FieldCreatedAt, "2026-01-01", "2026-01-02")},
		"and or not": {Where: leads.And(
			leads.Or(leads.Eq(leads.FieldAssignedTo, "bob"), leads.StarsBetween(5, 5)),
			leads.Not(leads.Eq(leads.FieldCity, "Boston")))},
		"sort stars desc":        {Sort: []leads.SortKey{leads.Desc(leads.FieldStars)}},
		"sort multi":             {Sort: []leads.SortKey{leads.Asc(leads.FieldAssignedTo), leads.Desc(leads.FieldScore), leads.Asc(leads.FieldCreatedAt)}},
		"sort list field":        {Sort: []leads.SortKey{leads.Desc(leads.FieldEmail)}},
		"sort custom":            {Sort: []leads.SortKey{leads.Asc(leads.CustomField("region"))}},
		"limit":                  {Sort: []leads.SortKey{leads.Asc(leads.FieldFullName)}, Limit: 7},
		"offset limit":           {Sort: []leads.SortKey{leads.Desc(leads.FieldUpdatedAt)}, Offset: 5, Limit: 4},
		"offset past end":        {Offset: 1000},
		"filter sort page":       {Types: []leads.RecordType{leads.TypeLead}, Where: leads.StarsBetween(1, 4), Sort: []leads.SortKey{leads.Desc(leads.FieldStars)}, Offset: 2, Limit: 5},
		"matches nothing":        {Where: leads.Eq(leads.FieldFullName, "Nobody")},
		"status in":              {Where: leads.In(leads.FieldStatus, "new")},
		"type eq":                {Where: leads.Eq(leads.FieldType, "contact")},
		"score type eq":          {Where: leads.Eq(leads.FieldScoreType, "manual")},
		"version range":          {Where: leads.Between(leads.FieldVersion, "1", "1")},
		"not of zero cond":       {Where: leads.Not(leads.Cond{})},
		"and of nothing":         {Where: leads.And()},
		"or of nothing":          {Where: leads.Or()},
		"phone prefix":           {Where: leads.Prefix(leads.FieldPhone, "+1 555 001")},
		"id eq":                  {Where: leads.Eq(leads.FieldID, Sample(3).ID.String())},
		"updated by not empty":   {Where: leads.NotEmpty(leads.FieldUpdatedBy)},
		"country eq empty value": {Where: leads.Eq(leads.FieldCountry, "")},
		"department eq":          {Where: leads.Eq(leads.FieldDepartment, "IT")},
		"details empty":          {Where: leads.Empty(leads.FieldManager)},
		"birthday range":         {Where: leads.Between(leads.FieldBirthday, "1970-01-01", "1989-12-31")},
		"sort anniversary":       {Sort: []leads.SortKey{leads.Desc(leads.FieldAnniversary)}},
		"converted at not empty": {Types: []leads.RecordType{leads.TypeContact}, Where: leads.NotEmpty(leads.FieldConvertedAt)},
	}
}

func testQuery(t *testing.T, s leads.Store) {
	all := querySet(t, s, 60)
	for name, q := range queryCases() {
		t.Run(name, func(t *testing.T) {
			want, err := leads.Select(q, slices.Values(all))
			mustNoError(t, err)
			got := collect(t, s, q)
			mustEqual(t, ids(want), ids(got), "order and content as leads.Select gives")
			for i := range got {
				requireSame(t, want[i], got[i])
			}
			if q.Offset == 0 && q.Limit == 0 && q.After == "" {
				// Without paging, Unordered may drop the order, not records.
				unordered := q
				unordered.Unordered = true
				mustElementsMatch(t, ids(want), ids(collect(t, s, unordered)))
			}
			n, err := s.Leads().Count(ctx, q)
			mustNoError(t, err)
			unpaged := q
			unpaged.Offset, unpaged.Limit = 0, 0
			wantAll, err := leads.Select(unpaged, slices.Values(all))
			mustNoError(t, err)
			mustEqual(t, len(wantAll), n, "Count ignores paging")
		})
	}
}

func testQueryInvalid(t *testing.T, s leads.Store) {
	create(t, s, Sample(1))
	bad := map[string]leads.Query{
		"unknown field":    {Where: leads.Eq("shoe_size", "9")},
		"unknown op":       {Where: leads.Cond{Op: "like", Field: leads.FieldCompany, Values: []string{"x"}}},
		"wrong kind":       {Where: leads.Eq(leads.FieldStars, "three")},
		"contains number":  {Where: leads.Contains(leads.FieldStars, "3")},
		"bad sort":         {Sort: []leads.SortKey{leads.Asc("shoe_size")}},
		"negative limit":   {Limit: -1},
		"bad cursor":       {After: "not a cursor"},
		"range upside":     {Where: leads.StarsBetween(4, 2)},
		"nested bad field": {Where: leads.And(leads.Eq(leads.FieldCompany, "x"), leads.Or(leads.Eq("nope", "x")))},
	}
	for name, q := range bad {
		t.Run(name, func(t *testing.T) {
			var errs int
			for _, err := range s.Leads().List(ctx, q) {
				mustErrorIs(t, err, leads.ErrInvalid)
				var fe *leads.FieldError
				mustErrorAs(t, err, &fe)
				mustContain(t, fe.Field, "query")
				errs++
			}
			mustEqual(t, 1, errs, "an invalid query yields exactly one error")
			_, err := s.Leads().Count(ctx, q)
			mustErrorIs(t, err, leads.ErrInvalid)
		})
	}
}

func testCursorPaging(t *testing.T, s leads.Store) {
	all := querySet(t, s, 40)
	q := leads.Query{Sort: []leads.SortKey{leads.Desc(leads.FieldStars), leads.Asc(leads.FieldCompany)}}
	want, err := leads.Select(q, slices.Values(all))
	mustNoError(t, err)

	var got []*leads.Lead
	page := q
	page.Limit = 6
	deleted := false
	for {
		batch := collect(t, s, page)
		if len(batch) == 0 {
			break
		}
		got = append(got, batch...)
		last := batch[len(batch)-1]
		page.After, err = leads.Cursor(q, last)
		mustNoError(t, err)
		if !deleted {
			// Removing a record already listed must not shift the pages.
			mustNoError(t, s.Leads().Delete(ctx, batch[0].ID))
			deleted = true
		}
	}
	mustEqual(t, ids(want), ids(got))

	n, err := s.Leads().Count(ctx, page)
	mustNoError(t, err)
	mustEqual(t, len(all)-1, n, "Count ignores the cursor as it ignores paging")
}

func testListStopsEarly(t *testing.T, s leads.Store) {
	querySet(t, s, 20)
	n := 0
	for _, err := range s.Leads().List(ctx, leads.Query{}) {
		mustNoError(t, err)
		n++
		if n == 3 {
			break
		}
	}
	mustEqual(t, 3, n)
	// The store still works after an abandoned iteration.
	create(t, s, Sample(100))
}

func testAtomicCommits(t *testing.T, s leads.Store) {
	keep, gone := Sample(10), Sample(11)
	create(t, s, keep, gone)
	added := Sample(12)
	err := s.Atomic(ctx, func(tx leads.Tx) error {
		mustNoError(t, tx.Leads().Create(ctx, added))
		_, err := tx.Leads().Update(ctx, keep.ID, func(l *leads.Lead) error { l.JobTitle = "in tx"; return nil })
		mustNoError(t, err)
		mustNoError(t, tx.Leads().Delete(ctx, gone.ID))

		// Reads inside the transaction see its own writes.
		got, err := tx.Leads().Get(ctx, keep.ID)
		mustNoError(t, err)
		mustEqual(t, "in tx", got.JobTitle)
		_, err = tx.Leads().Get(ctx, gone.ID)
		mustErrorIs(t, err, leads.ErrNotFound)
		listed := collect(t, txStore{tx}, leads.Query{})
		mustElementsMatch(t, []uuid.UUID{keep.ID, added.ID}, ids(listed))
		n, err := tx.Leads().Count(ctx, leads.Query{})
		mustNoError(t, err)
		mustEqual(t, 2, n)
		return nil
	})
	mustNoError(t, err)
	got := collect(t, s, leads.Query{})
	mustElementsMatch(t, []uuid.UUID{keep.ID, added.ID}, ids(got))
	k, err := s.Leads().Get(ctx, keep.ID)
	mustNoError(t, err)
	mustEqual(t, "in tx", k.JobTitle)
	mustEqualValues(t, 2, k.Version)
}

// txStore lets collect read through a Tx.
type txStore struct{ leads.Tx }

func (txStore) Atomic(context.Context, func(leads.Tx) error) error { return nil }
func (txStore) Close() error                                       { return nil }

func testAtomicRollsBack(t *testing.T, s leads.Store) {
	keep := Sample(13)
	create(t, s, keep)
	acct := &leads.Account{ID: uuid.Must(uuid.NewV7()), Name: "Acme"}
	errStop := errors.New("stop")
	err := s.Atomic(ctx, func(tx leads.Tx) error {
		for i := 20; i < 30; i++ {
			mustNoError(t, tx.Leads().Create(ctx, Sample(i)))
		}
		_, err := tx.Leads().Update(ctx, keep.ID, func(l *leads.Lead) error { l.JobTitle = "lost"; return nil })
		mustNoError(t, err)
		mustNoError(t, tx.Accounts().Create(ctx, acct))
		return errStop
	})
	mustErrorIs(t, err, errStop, "Atomic returns the function's error")
	got := collect(t, s, leads.Query{})
	mustEqual(t, []uuid.UUID{keep.ID}, ids(got), "nothing of the failed transaction was written")
	requireSame(t, keep, got[0])
	_, err = s.Accounts().Get(ctx, acct.ID)
	mustErrorIs(t, err, leads.ErrNotFound)

	// A failing write inside the transaction also rolls back what came before.
	err = s.Atomic(ctx, func(tx leads.Tx) error {
		if err := tx.Leads().Create(ctx, Sample(31)); err != nil {
			return err
		}
		return tx.Leads().Delete(ctx, uuid.Must(uuid.NewV7()))
	})
	mustErrorIs(t, err, leads.ErrNotFound)
	_, err = s.Leads().Get(ctx, Sample(31).ID)
	mustErrorIs(t, err, leads.ErrNotFound)
}
