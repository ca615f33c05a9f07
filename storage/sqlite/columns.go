package sqlite

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/internal/sqlq"
	"github.com/shopspring/decimal"
)

// leadColumns are the columns of the leads table in the order leadValues
// gives them; INSERT and UPDATE use this order.
var leadColumns = []string{
	"id", "type",
	"full_name", "full_name_fold", "title", "title_fold", "first_name", "first_name_fold",
	"middle_name", "middle_name_fold", "last_name", "last_name_fold", "suffix", "suffix_fold",
	"job_title", "job_title_fold", "file_as", "file_as_fold", "company", "company_fold",
	"account_id", "assigned_to", "assigned_to_fold", "source", "source_fold", "initiated_by",
	"status", "status_fold", "score_type", "stars", "score", "score_text",
	"created_at", "created_ns", "created_by", "created_by_fold",
	"updated_at", "updated_ns", "updated_by", "updated_by_fold",
	"version", "photo_type", "photo",
	"emails", "phones", "web_pages", "addresses", "comments", "checks", "custom", "custom_fold",
	"email", "email_fold", "phone", "phone_fold", "web_page", "web_page_fold",
	"street", "street_fold", "city", "city_fold", "state", "state_fold",
	"postal_code", "postal_code_fold", "country", "country_fold",
	"department", "department_fold", "office", "office_fold", "profession", "profession_fold",
	"manager", "manager_fold", "assistant", "assistant_fold", "nickname", "nickname_fold",
	"spouse", "spouse_fold", "birthday", "birthday_ns", "anniversary", "anniversary_ns",
	"converted_at", "converted_ns",
	"status_history", "merged_from",
}

// selectColumns are the columns scanLead reads.
const selectColumns = `id, type, full_name, title, first_name, middle_name, last_name, suffix,
	job_title, file_as, company, account_id, assigned_to, source, initiated_by, status,
	score_type, stars, score_text, created_at, created_ns, created_by, updated_at, updated_ns,
	updated_by, version, photo_type, photo, emails, phones, web_pages, addresses, comments,
	checks, custom, department, office, profession, manager, assistant, nickname, spouse,
	birthday, birthday_ns, anniversary, anniversary_ns, converted_at, converted_ns, status_history,
	merged_from`

// fold is how text compares when case is ignored: the root package's
// folding, so that the file compares exactly what leads.Select compares.
func fold(s string) string { return strings.ToLower(s) }

func nullUUID(id uuid.UUID) any {
	if id == uuid.Nil {
		return nil
	}
	return id
}

// jsonText is the JSON of v as text.
func jsonText(v any) (string, error) {
	b, err := json.Marshal(v)
	return string(b), err
}

// listValues returns the JSON arrays of vs as stored and folded.
func listValues(vs []string) (raw, folded string) {
	fs := make([]string, len(vs))
	for i, v := range vs {
		fs[i] = fold(v)
	}
	r, _ := jsonText(vs) // strings always encode
	f, _ := jsonText(fs)
	return r, f
}

// leadValues returns l's row in leadColumns order.
func leadValues(l *leads.Lead) ([]any, error) {
	if err := sqlq.CheckLead(l); err != nil {
		return nil, err
	}
	lists := [8][]string{}
	for _, e := range l.Emails {
		lists[0] = append(lists[0], e.Address)
	}
	for _, p := range l.Phones {
		lists[1] = append(lists[1], p.Number)
	}
	lists[2] = append([]string{}, l.WebPages...)
	for _, a := range l.Addresses {
		lists[3] = append(lists[3], a.Street)
		lists[4] = append(lists[4], a.City)
		lists[5] = append(lists[5], a.State)
		lists[6] = append(lists[6], a.PostalCode)
		lists[7] = append(lists[7], a.Country)
	}
	var listCols []any
	for _, vs := range lists {
		if vs == nil {
			vs = []string{}
		}
		r, f := listValues(vs)
		listCols = append(listCols, r, f)
	}
	customFold := make(map[string]string, len(l.Custom))
	for k, v := range l.Custom {
		customFold[k] = fold(v)
	}
	var photoType, photo any
	if l.Photo != nil {
		photoType, photo = l.Photo.ContentType, l.Photo.Data
		if l.Photo.Data == nil {
			photo = []byte{}
		}
	}
	js := make([]any, 9)
	for i, v := range []any{l.Emails, l.Phones, l.WebPages, l.Addresses, l.Comments, l.Checks, l.Custom, customFold, l.StatusHistory} {
		b, err := jsonText(v)
		if err != nil {
			return nil, fmt.Errorf("leads/sqlite: lead %s: %w", l.ID, err)
		}
		js[i] = b
	}
	var merged any
	if l.MergedFrom != nil {
		merged, _ = jsonText(l.MergedFrom)
	}
	score, _ := l.Score.Value.Float64()
	created, createdNs := splitTime(l.CreatedAt)
	updated, updatedNs := splitTime(l.UpdatedAt)
	d := &l.Details
	birthday, birthdayNs := splitTime(d.Birthday)
	anniversary, anniversaryNs := splitTime(d.Anniversary)
	converted, convertedNs := splitTime(l.ConvertedAt)
	vals := []any{
		l.ID, l.Type.String(),
		l.FullName, fold(l.FullName), l.Title, fold(l.Title), l.FirstName, fold(l.FirstName),
		l.MiddleName, fold(l.MiddleName), l.LastName, fold(l.LastName), l.Suffix, fold(l.Suffix),
		l.JobTitle, fold(l.JobTitle), l.FileAs, fold(l.FileAs), l.Company, fold(l.Company),
		nullUUID(l.AccountID), l.AssignedTo, fold(l.AssignedTo), l.Source, fold(l.Source), nullUUID(l.InitiatedBy),
		string(l.Status), fold(string(l.Status)), l.Score.Type.String(), int64(l.Score.Stars), score, l.Score.Value.String(),
		created, createdNs, l.CreatedBy, fold(l.CreatedBy),
		updated, updatedNs, l.UpdatedBy, fold(l.UpdatedBy),
		l.Version, photoType, photo,
	}
	vals = append(vals, js[:8]...)
	vals = append(vals, listCols...)
	return append(vals,
		d.Department, fold(d.Department), d.Office, fold(d.Office), d.Profession, fold(d.Profession),
		d.Manager, fold(d.Manager), d.Assistant, fold(d.Assistant), d.Nickname, fold(d.Nickname),
		d.Spouse, fold(d.Spouse), birthday, birthdayNs, anniversary, anniversaryNs,
		converted, convertedNs,
		js[8], merged,
	), nil
}

// scanLead reads a row of selectColumns.
func scanLead(row scanner) (*leads.Lead, error) {
	var (
		l                    leads.Lead
		typ, status, stype   string
		accountID, initBy    uuid.NullUUID
		stars                int64
		score                string
		created, updated     int64
		createdNs, updatedNs int64
		photoType            *string
		photo                []byte
		js                   [8]string
		dates                [3]int64
		datesNs              [3]int64
		merged               *string
	)
	d := &l.Details
	err := row.Scan(&l.ID, &typ, &l.FullName, &l.Title, &l.FirstName, &l.MiddleName, &l.LastName, &l.Suffix,
		&l.JobTitle, &l.FileAs, &l.Company, &accountID, &l.AssignedTo, &l.Source, &initBy, &status,
		&stype, &stars, &score, &created, &createdNs, &l.CreatedBy, &updated, &updatedNs,
		&l.UpdatedBy, &l.Version, &photoType, &photo, &js[0], &js[1], &js[2], &js[3], &js[4],
		&js[5], &js[6], &d.Department, &d.Office, &d.Profession, &d.Manager, &d.Assistant,
		&d.Nickname, &d.Spouse, &dates[0], &datesNs[0], &dates[1], &datesNs[1], &dates[2], &datesNs[2], &js[7],
		&merged)
	if err != nil {
		return nil, err
	}
	if l.Type, err = leads.ParseRecordType(typ); err != nil {
		return nil, fmt.Errorf("leads/sqlite: lead %s: stored %w", l.ID, err)
	}
	if l.Score.Type, err = leads.ParseScoreType(stype); err != nil {
		return nil, fmt.Errorf("leads/sqlite: lead %s: stored %w", l.ID, err)
	}
	if l.Score.Value, err = decimal.NewFromString(score); err != nil {
		return nil, fmt.Errorf("leads/sqlite: lead %s: stored score %q: %w", l.ID, score, err)
	}
	l.Score.Stars = leads.Stars(stars)
	l.Status = leads.Status(status)
	l.AccountID, l.InitiatedBy = accountID.UUID, initBy.UUID
	l.CreatedAt, l.UpdatedAt = joinTime(created, createdNs), joinTime(updated, updatedNs)
	d.Birthday, d.Anniversary = joinTime(dates[0], datesNs[0]), joinTime(dates[1], datesNs[1])
	l.ConvertedAt = joinTime(dates[2], datesNs[2])
	if photoType != nil {
		l.Photo = &leads.Photo{ContentType: *photoType, Data: photo}
	}
	for i, dst := range []any{&l.Emails, &l.Phones, &l.WebPages, &l.Addresses, &l.Comments, &l.Checks, &l.Custom, &l.StatusHistory} {
		if err := json.Unmarshal([]byte(js[i]), dst); err != nil {
			return nil, fmt.Errorf("leads/sqlite: lead %s: stored lists: %w", l.ID, err)
		}
	}
	if merged != nil {
		if err := json.Unmarshal([]byte(*merged), &l.MergedFrom); err != nil {
			return nil, fmt.Errorf("leads/sqlite: lead %s: stored merged_from: %w", l.ID, err)
		}
	}
	return &l, nil
}
