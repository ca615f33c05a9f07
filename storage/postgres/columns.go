package postgres

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/leadkit/leads"
	"github.com/shopspring/decimal"
)

// leadColumns are the columns of the leads table in the order leadValues
// gives them; INSERT, UPDATE and COPY all use this order.
var leadColumns = []string{
	"id", "type",
	"full_name", "full_name_fold", "title", "title_fold", "first_name", "first_name_fold",
	"middle_name", "middle_name_fold", "last_name", "last_name_fold", "suffix", "suffix_fold",
	"job_title", "job_title_fold", "file_as", "file_as_fold", "company", "company_fold",
	"account_id", "assigned_to", "assigned_to_fold", "source", "source_fold", "initiated_by",
	"status", "status_fold", "score_type", "stars", "score",
	"created_at", "created_ns", "created_by", "created_by_fold",
	"updated_at", "updated_ns", "updated_by", "updated_by_fold",
	"version", "photo_type", "photo",
	"emails", "phones", "web_pages", "addresses", "comments", "checks", "custom", "custom_fold",
	"email", "email_fold", "phone", "phone_fold", "web_page", "web_page_fold",
	"street", "street_fold", "city", "city_fold", "state", "state_fold",
	"postal_code", "postal_code_fold", "country", "country_fold",
	// From migration 0002.
	"department", "department_fold", "office", "office_fold", "profession", "profession_fold",
	"manager", "manager_fold", "assistant", "assistant_fold", "nickname", "nickname_fold",
	"spouse", "spouse_fold", "birthday", "birthday_ns", "anniversary", "anniversary_ns",
	"converted_at", "converted_ns",
	// From migration 0004.
	"status_history",
	// From migration 0005.
	"merged_from",
}

// selectColumns are the columns scanLead reads. No output name may equal a
// column name that ORDER BY uses for another value (ORDER BY prefers output
// names), hence score_text.
const selectColumns = `id, type, full_name, title, first_name, middle_name, last_name, suffix,
	job_title, file_as, company, account_id, assigned_to, source, initiated_by, status,
	score_type, stars, score::text AS score_text, created_at, created_ns, created_by, updated_at, updated_ns,
	updated_by, version, photo_type, photo, emails, phones, web_pages, addresses, comments,
	checks, custom, department, office, profession, manager, assistant, nickname, spouse,
	birthday, birthday_ns, anniversary, anniversary_ns, converted_at, converted_ns, status_history,
	merged_from`

// fold is how text compares when case is ignored; it is the root
// package's folding (strings.ToLower), computed here so that the database
// compares exactly what leads.Select compares.
func fold(s string) string { return strings.ToLower(s) }

func foldAll(vs []string) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = fold(v)
	}
	return out
}

// splitTime returns t as the database keeps it: the instant to the
// microsecond (pgx truncates) and the nanoseconds below it.
func splitTime(t time.Time) (time.Time, int16) {
	return t, int16(t.Nanosecond() % 1000)
}

// joinTime undoes splitTime.
func joinTime(t time.Time, ns int16) time.Time {
	return t.Add(time.Duration(ns)).UTC()
}

func nullUUID(id uuid.UUID) any {
	if id == uuid.Nil {
		return nil
	}
	return id
}

// mergedFrom is the merged_from value of ids: NULL for nil, so that nil
// and an empty list both come back as written.
func mergedFrom(ids []uuid.UUID) any {
	if ids == nil {
		return nil
	}
	return ids
}

func jsonValue(v any) ([]byte, error) { return json.Marshal(v) }

// leadValues returns l's row in leadColumns order.
func leadValues(l *leads.Lead) ([]any, error) {
	if err := checkLead(l); err != nil {
		return nil, err
	}
	emails := make([]string, len(l.Emails))
	for i, e := range l.Emails {
		emails[i] = e.Address
	}
	phones := make([]string, len(l.Phones))
	for i, p := range l.Phones {
		phones[i] = p.Number
	}
	webPages := append([]string{}, l.WebPages...)
	var parts [5][]string
	for i := range parts {
		parts[i] = make([]string, len(l.Addresses))
	}
	for i, a := range l.Addresses {
		parts[0][i], parts[1][i], parts[2][i], parts[3][i], parts[4][i] = a.Street, a.City, a.State, a.PostalCode, a.Country
	}
	customFold := make(map[string]string, len(l.Custom))
	for k, v := range l.Custom {
		customFold[k] = fold(v)
	}
	var photoType, photo any
	if l.Photo != nil {
		photoType, photo = l.Photo.ContentType, l.Photo.Data
	}
	js := make([][]byte, 8)
	for i, v := range []any{l.Emails, l.Phones, l.WebPages, l.Addresses, l.Comments, l.Checks, l.Custom, l.StatusHistory} {
		b, err := jsonValue(v)
		if err != nil {
			return nil, fmt.Errorf("leads/postgres: lead %s: %w", l.ID, err)
		}
		js[i] = b
	}
	cf, err := jsonValue(customFold)
	if err != nil {
		return nil, fmt.Errorf("leads/postgres: lead %s: %w", l.ID, err)
	}
	created, createdNs := splitTime(l.CreatedAt)
	updated, updatedNs := splitTime(l.UpdatedAt)
	d := &l.Details
	birthday, birthdayNs := splitTime(d.Birthday)
	anniversary, anniversaryNs := splitTime(d.Anniversary)
	converted, convertedNs := splitTime(l.ConvertedAt)
	return []any{
		l.ID, l.Type.String(),
		l.FullName, fold(l.FullName), l.Title, fold(l.Title), l.FirstName, fold(l.FirstName),
		l.MiddleName, fold(l.MiddleName), l.LastName, fold(l.LastName), l.Suffix, fold(l.Suffix),
		l.JobTitle, fold(l.JobTitle), l.FileAs, fold(l.FileAs), l.Company, fold(l.Company),
		nullUUID(l.AccountID), l.AssignedTo, fold(l.AssignedTo), l.Source, fold(l.Source), nullUUID(l.InitiatedBy),
		string(l.Status), fold(string(l.Status)), l.Score.Type.String(), int16(l.Score.Stars), l.Score.Value.String(),
		created, createdNs, l.CreatedBy, fold(l.CreatedBy),
		updated, updatedNs, l.UpdatedBy, fold(l.UpdatedBy),
		l.Version, photoType, photo,
		js[0], js[1], js[2], js[3], js[4], js[5], js[6], cf,
		emails, foldAll(emails), phones, foldAll(phones), webPages, foldAll(webPages),
		parts[0], foldAll(parts[0]), parts[1], foldAll(parts[1]), parts[2], foldAll(parts[2]),
		parts[3], foldAll(parts[3]), parts[4], foldAll(parts[4]),
		d.Department, fold(d.Department), d.Office, fold(d.Office), d.Profession, fold(d.Profession),
		d.Manager, fold(d.Manager), d.Assistant, fold(d.Assistant), d.Nickname, fold(d.Nickname),
		d.Spouse, fold(d.Spouse), birthday, birthdayNs, anniversary, anniversaryNs,
		converted, convertedNs,
		js[7],
		mergedFrom(l.MergedFrom),
	}, nil
}

// scanLead reads a row of selectColumns.
func scanLead(row pgx.Row) (*leads.Lead, error) {
	var (
		l                    leads.Lead
		typ, status, stype   string
		accountID, initBy    *uuid.UUID
		stars                int16
		score                string
		created, updated     time.Time
		createdNs, updatedNs int16
		photoType            *string
		photo                []byte
		js                   [8][]byte
		dates                [3]time.Time
		datesNs              [3]int16
	)
	d := &l.Details
	err := row.Scan(&l.ID, &typ, &l.FullName, &l.Title, &l.FirstName, &l.MiddleName, &l.LastName, &l.Suffix,
		&l.JobTitle, &l.FileAs, &l.Company, &accountID, &l.AssignedTo, &l.Source, &initBy, &status,
		&stype, &stars, &score, &created, &createdNs, &l.CreatedBy, &updated, &updatedNs,
		&l.UpdatedBy, &l.Version, &photoType, &photo, &js[0], &js[1], &js[2], &js[3], &js[4],
		&js[5], &js[6], &d.Department, &d.Office, &d.Profession, &d.Manager, &d.Assistant,
		&d.Nickname, &d.Spouse, &dates[0], &datesNs[0], &dates[1], &datesNs[1], &dates[2], &datesNs[2], &js[7],
		&l.MergedFrom)
	if err != nil {
		return nil, err
	}
	if l.Type, err = leads.ParseRecordType(typ); err != nil {
		return nil, fmt.Errorf("leads/postgres: lead %s: stored %w", l.ID, err)
	}
	if l.Score.Type, err = leads.ParseScoreType(stype); err != nil {
		return nil, fmt.Errorf("leads/postgres: lead %s: stored %w", l.ID, err)
	}
	if l.Score.Value, err = decimal.NewFromString(score); err != nil {
		return nil, fmt.Errorf("leads/postgres: lead %s: stored score %q: %w", l.ID, score, err)
	}
	l.Score.Stars = leads.Stars(stars)
	l.Status = leads.Status(status)
	if accountID != nil {
		l.AccountID = *accountID
	}
	if initBy != nil {
		l.InitiatedBy = *initBy
	}
	l.CreatedAt, l.UpdatedAt = joinTime(created, createdNs), joinTime(updated, updatedNs)
	d.Birthday, d.Anniversary = joinTime(dates[0], datesNs[0]), joinTime(dates[1], datesNs[1])
	l.ConvertedAt = joinTime(dates[2], datesNs[2])
	if photoType != nil {
		l.Photo = &leads.Photo{ContentType: *photoType, Data: photo}
	}
	for i, dst := range []any{&l.Emails, &l.Phones, &l.WebPages, &l.Addresses, &l.Comments, &l.Checks, &l.Custom, &l.StatusHistory} {
		if err := json.Unmarshal(js[i], dst); err != nil {
			return nil, fmt.Errorf("leads/postgres: lead %s: stored lists: %w", l.ID, err)
		}
	}
	return &l, nil
}
