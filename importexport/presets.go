package importexport

import (
	"fmt"
	"slices"
	"strings"
)

// Preset is the column mapping of the CSV files one program writes.
type Preset struct {
	Name    string // "outlook", "google", "act", "salesforce", "thunderbird"
	Mapping Mapping
	// marker columns: a header holding one of them was most likely
	// written by this program; used by DetectPreset.
	markers []string
}

// Presets returns the built-in presets: outlook, google, act, salesforce,
// thunderbird.
func Presets() []Preset {
	return []Preset{outlookPreset(), googlePreset(), actPreset(), salesforcePreset(), thunderbirdPreset()}
}

// PresetNamed returns the built-in preset of that name (case-insensitive).
func PresetNamed(name string) (Preset, error) {
	for _, p := range Presets() {
		if strings.EqualFold(p.Name, strings.TrimSpace(name)) {
			return p, nil
		}
	}
	return Preset{}, fmt.Errorf("%w %q (want outlook, google, act, salesforce or thunderbird)", ErrUnknownPreset, name)
}

// DetectPreset returns the preset whose columns best cover header: the one
// that has one of the columns only that program writes ("E-mail Address"
// for Outlook, "E-mail 1 - Value" for Google, "ZIP Code" for ACT!, "Lead
// Source" for Salesforce) and that maps the most columns. ok is false when
// no preset's marker appears; the caller then falls back to GenericMapping, which knows the JSON field names and common aliases.
// Columns count as they match with case, spaces, punctuation and
// accents ignored, but a marker must be written as the program writes it
// (case and surrounding spaces aside): a "zipcode" column is no sign of ACT!.
func DetectPreset(header []string) (p Preset, ok bool) {
	have := make(map[string]bool, len(header))
	written := make(map[string]bool, len(header)) // markers must match as written, case aside
	for _, h := range header {
		have[headerKey(h)] = true
		written[columnKey(h)] = true
	}
	bestScore := 0
	for _, cand := range Presets() {
		score := 0
		for col := range cand.Mapping.Columns {
			if have[headerKey(col)] {
				score++
			}
		}
		for _, m := range cand.markers {
			if written[columnKey(m)] {
				score += 100
			}
		}
		if score > bestScore && score >= 100 {
			p, bestScore, ok = cand, score, true
		}
	}
	return p, ok
}

// GenericMapping maps columns named after the JSON export fields
// ("full_name", "email", ...) and their everyday spellings ("Name", "Full
// Name", "E-mail", "Email Address", "Phone", "Company", "Website", ...). It is
// the mapping of a file that no preset recognizes.
func GenericMapping() Mapping {
	cols := map[string]Target{}
	for f := range scalarFields {
		cols[f] = Target{Field: f}
		cols[strings.ReplaceAll(f, "_", " ")] = Target{Field: f}
	}
	for _, f := range []string{"email", "phone", "web_page", "street", "city", "state", "postal_code", "country", "comments", "status", "type"} {
		cols[f] = Target{Field: f}
		cols[strings.ReplaceAll(f, "_", " ")] = Target{Field: f}
	}
	for k, f := range map[string]string{
		"name": "full_name", "e-mail": "email", "email address": "email", "e-mail address": "email",
		"mail": "email", "telephone": "phone", "phone number": "phone", "website": "web_page",
		"web site": "web_page", "url": "web_page", "organization": "company", "organisation": "company",
		"zip": "postal_code", "zip code": "postal_code", "postcode": "postal_code", "notes": "comments",
		"lead source": "source", "position": "job_title", "address": "street",
	} {
		cols[k] = Target{Field: f}
	}
	cols["mobile"] = Target{Field: "phone", Label: "Mobile"}
	cols["fax"] = Target{Field: "phone", Label: "Fax"}
	return Mapping{Columns: cols}
}

// outlookPreset maps the columns of Outlook's "Export to a file" →
// "Comma Separated Values". Column list: Microsoft, "Create or edit .csv
// files to import into Outlook", support.microsoft.com/en-us/office/
// 4518d70d-8fe9-46ad-94fa-1494247193c7 (the sample file's header, which is
// what Outlook writes); see also OutlookColumns.
func outlookPreset() Preset {
	c := map[string]Target{
		"Title": {Field: "title"}, "First Name": {Field: "first_name"}, "Middle Name": {Field: "middle_name"},
		"Last Name": {Field: "last_name"}, "Suffix": {Field: "suffix"}, "Company": {Field: "company"},
		"Job Title": {Field: "job_title"}, "Notes": {Field: "comments"}, "Web Page": {Field: "web_page"},
		"E-mail Address": {Field: "email"}, "E-mail 2 Address": {Field: "email"}, "E-mail 3 Address": {Field: "email"},
		"Business Phone": {Field: "phone", Label: "Business"}, "Business Phone 2": {Field: "phone", Label: "Business"},
		"Company Main Phone": {Field: "phone", Label: "Business"}, "Assistant's Phone": {Field: "phone", Label: "Other"},
		"Mobile Phone": {Field: "phone", Label: "Mobile"}, "Car Phone": {Field: "phone", Label: "Mobile"},
		"Home Phone": {Field: "phone", Label: "Home"}, "Home Phone 2": {Field: "phone", Label: "Home"},
		"Business Fax": {Field: "phone", Label: "Fax"}, "Home Fax": {Field: "phone", Label: "Fax"}, "Other Fax": {Field: "phone", Label: "Fax"},
		"Other Phone": {Field: "phone", Label: "Other"}, "Primary Phone": {Field: "phone", Label: "Other"},
		"Pager": {Field: "phone", Label: "Other"}, "Callback": {Field: "phone", Label: "Other"},
		"Department": {Field: "custom", Custom: "Department"}, "Categories": {Field: "custom", Custom: "Categories"},
		"Birthday": {Field: "custom", Custom: "Birthday"}, "Anniversary": {Field: "custom", Custom: "Anniversary"},
		"Manager's Name": {Field: "custom", Custom: "Manager's Name"}, "Assistant's Name": {Field: "custom", Custom: "Assistant's Name"},
		"Office Location": {Field: "custom", Custom: "Office Location"}, "Profession": {Field: "custom", Custom: "Profession"},
		"Referred By": {Field: "custom", Custom: "Referred By"},
	}
	for _, g := range []string{"Business", "Home", "Other"} {
		c[g+" Street"] = Target{Field: "street", Label: g}
		c[g+" Street 2"] = Target{Field: "street", Label: g}
		c[g+" Street 3"] = Target{Field: "street", Label: g}
		c[g+" City"] = Target{Field: "city", Label: g}
		c[g+" State"] = Target{Field: "state", Label: g}
		c[g+" Postal Code"] = Target{Field: "postal_code", Label: g}
		c[g+" Country/Region"] = Target{Field: "country", Label: g}
		c[g+" Country"] = Target{Field: "country", Label: g} // older Outlook versions
	}
	// Outlook leaves unmapped columns such as "Priority" or "Sensitivity"
	// at their defaults ("Normal"); keeping them would litter every lead.
	return Preset{Name: "outlook", Mapping: Mapping{Columns: c}, markers: []string{"E-mail Address", "Business Street", "E-mail Display Name"}}
}

// googlePreset maps both layouts of Google Contacts' "Export" → "Google CSV":
// the older one (Name, Given Name, Family Name, E-mail 1 - Type, E-mail 1 -
// Value, Organization 1 - Name, ...) and the one written since 2024 (First
// Name, Last Name, E-mail 1 - Label, Organization Name, ...). Column lists:
// Google Contacts Help, "Import contacts" (support.google.com/contacts/
// answer/1069522), whose template is the exported header, and exports of
// both vintages.
func googlePreset() Preset {
	c := map[string]Target{
		"Name": {Field: "full_name"}, "Given Name": {Field: "first_name"}, "Additional Name": {Field: "middle_name"},
		"Family Name": {Field: "last_name"}, "Name Prefix": {Field: "title"}, "Name Suffix": {Field: "suffix"},
		"First Name": {Field: "first_name"}, "Middle Name": {Field: "middle_name"}, "Last Name": {Field: "last_name"},
		"File As": {Field: "file_as"}, "Notes": {Field: "comments"},
		"Organization 1 - Name": {Field: "company"}, "Organization 1 - Title": {Field: "job_title"},
		"Organization Name": {Field: "company"}, "Organization Title": {Field: "job_title"},
		"Organization 1 - Department": {Field: "custom", Custom: "Department"}, "Organization Department": {Field: "custom", Custom: "Department"},
		"Birthday": {Field: "custom", Custom: "Birthday"}, "Group Membership": {Field: "custom", Custom: "Labels"},
		"Labels": {Field: "custom", Custom: "Labels"}, "Nickname": {Field: "custom", Custom: "Nickname"},
	}
	for i := 1; i <= 5; i++ {
		n := fmt.Sprint(i)
		// The old layout labels with "... - Type", the new with "... - Label".
		labels := func(what string) string { return what + " " + n + " - Type|" + what + " " + n + " - Label" }
		c["E-mail "+n+" - Value"] = Target{Field: "email", LabelColumn: labels("E-mail")}
		c["Phone "+n+" - Value"] = Target{Field: "phone", LabelColumn: labels("Phone")}
		c["Website "+n+" - Value"] = Target{Field: "web_page"}
		grp := "Address " + n
		for col, f := range map[string]string{"Street": "street", "City": "city", "Region": "state", "Postal Code": "postal_code", "Country": "country"} {
			c[grp+" - "+col] = Target{Field: f, Label: "Other", LabelColumn: labels("Address"), Group: grp}
		}
	}
	return Preset{Name: "google", Mapping: Mapping{Columns: c}, markers: []string{"E-mail 1 - Value", "Phone 1 - Value", "Given Name"}}
}

// actPreset maps the columns of an ACT! contact export (File → Export,
// text-delimited, field names as the first row). Column list: the ACT!
// contact field names in Act! Help, "Contact Fields" (Company, Contact,
// First Name, Last Name, Salutation, Title, Department, Phone, Phone
// Extension, Mobile Phone, Fax, Home Phone, E-mail, Address 1-3, City,
// State, ZIP Code, Country, Web Site, ID/Status, Referred By, Home Address
// 1-2, Home City, Home State, Home Zip, Home Country, Alternate Phone, ...).
func actPreset() Preset {
	c := map[string]Target{
		"Contact": {Field: "full_name"}, "First Name": {Field: "first_name"}, "Last Name": {Field: "last_name"},
		"Company": {Field: "company"}, "Title": {Field: "job_title"}, "Salutation": {Field: "custom", Custom: "Salutation"},
		"Department": {Field: "custom", Custom: "Department"}, "ID/Status": {Field: "custom", Custom: "ID/Status"}, // free text ("Prospect"), not our status
		"Referred By": {Field: "source"}, "E-mail": {Field: "email"}, "Web Site": {Field: "web_page"},
		"Phone": {Field: "phone", Label: "Business"}, "Alternate Phone": {Field: "phone", Label: "Other"},
		"Mobile Phone": {Field: "phone", Label: "Mobile"}, "Home Phone": {Field: "phone", Label: "Home"},
		"Fax": {Field: "phone", Label: "Fax"}, "Pager": {Field: "phone", Label: "Other"},
		"Phone Extension": {Field: "custom", Custom: "Phone Extension"},
		"Address 1":       {Field: "street", Label: "Business"}, "Address 2": {Field: "street", Label: "Business"},
		"Address 3": {Field: "street", Label: "Business"}, "City": {Field: "city", Label: "Business"},
		"State": {Field: "state", Label: "Business"}, "ZIP Code": {Field: "postal_code", Label: "Business"},
		"Country":        {Field: "country", Label: "Business"},
		"Home Address 1": {Field: "street", Label: "Home"}, "Home Address 2": {Field: "street", Label: "Home"},
		"Home City": {Field: "city", Label: "Home"}, "Home State": {Field: "state", Label: "Home"},
		"Home Zip": {Field: "postal_code", Label: "Home"}, "Home Country": {Field: "country", Label: "Home"},
		"Last Results": {Field: "comments"},
	}
	return Preset{Name: "act", Mapping: Mapping{Columns: c}, markers: []string{"Contact", "ZIP Code", "ID/Status"}}
}

// salesforcePreset maps a Salesforce Leads export (a Leads report exported
// as CSV, or Data Export's field labels). Column list: Salesforce Help,
// "Lead Fields" (help.salesforce.com, articleView?id=sf.leads_fields.htm):
// Salutation, First Name, Last Name, Company, Title, Email, Phone, Mobile,
// Fax, Website, Lead Source, Lead Status, Rating, Industry, Street, City,
// State/Province, Zip/Postal Code, Country, Description, Lead Owner, ...
func salesforcePreset() Preset {
	c := map[string]Target{
		"Salutation": {Field: "title"}, "First Name": {Field: "first_name"}, "Last Name": {Field: "last_name"},
		"Middle Name": {Field: "middle_name"}, "Suffix": {Field: "suffix"}, "Name": {Field: "full_name"},
		"Company": {Field: "company"}, "Company / Account": {Field: "company"}, "Title": {Field: "job_title"},
		"Email": {Field: "email"}, "Phone": {Field: "phone", Label: "Business"}, "Mobile": {Field: "phone", Label: "Mobile"},
		"Mobile Phone": {Field: "phone", Label: "Mobile"}, "Fax": {Field: "phone", Label: "Fax"},
		"Website": {Field: "web_page"}, "Lead Source": {Field: "source"}, "Lead Owner": {Field: "assigned_to"},
		"Street": {Field: "street", Label: "Business"}, "City": {Field: "city", Label: "Business"},
		"State/Province": {Field: "state", Label: "Business"}, "Zip/Postal Code": {Field: "postal_code", Label: "Business"},
		"Country": {Field: "country", Label: "Business"}, "Description": {Field: "comments"},
		"Lead Status": {Field: "custom", Custom: "Lead Status"}, "Rating": {Field: "custom", Custom: "Rating"},
		"Industry": {Field: "custom", Custom: "Industry"}, "Annual Revenue": {Field: "custom", Custom: "Annual Revenue"},
		"No. of Employees": {Field: "custom", Custom: "No. of Employees"}, "Lead ID": {Field: "custom", Custom: "Salesforce Lead ID"},
	}
	return Preset{Name: "salesforce", Mapping: Mapping{Columns: c}, markers: []string{"Lead Source", "Lead Status", "State/Province", "Zip/Postal Code"}}
}

// thunderbirdPreset maps Thunderbird's address book export (Tools →
// Export, "Comma Separated"). Column list: the header of the export, as in
// Roundcube's test fixture tests/src/Csv2vcard/tb_plain.csv and its
// csv2vcard.inc maps (github.com/roundcube/roundcubemail).
func thunderbirdPreset() Preset {
	c := map[string]Target{
		"First Name": {Field: "first_name"}, "Last Name": {Field: "last_name"}, "Display Name": {Field: "full_name"},
		"Nickname": {Field: "custom", Custom: "Nickname"}, "Primary Email": {Field: "email"},
		"Secondary Email": {Field: "email"}, "Screen Name": {Field: "custom", Custom: "Screen Name"},
		"Work Phone": {Field: "phone", Label: "Business"}, "Home Phone": {Field: "phone", Label: "Home"},
		"Fax Number": {Field: "phone", Label: "Fax"}, "Pager Number": {Field: "phone", Label: "Other"},
		"Mobile Number": {Field: "phone", Label: "Mobile"},
		"Home Address":  {Field: "street", Label: "Home"}, "Home Address 2": {Field: "street", Label: "Home"},
		"Home City": {Field: "city", Label: "Home"}, "Home State": {Field: "state", Label: "Home"},
		"Home ZipCode": {Field: "postal_code", Label: "Home"}, "Home Country": {Field: "country", Label: "Home"},
		"Work Address": {Field: "street", Label: "Business"}, "Work Address 2": {Field: "street", Label: "Business"},
		"Work City": {Field: "city", Label: "Business"}, "Work State": {Field: "state", Label: "Business"},
		"Work ZipCode": {Field: "postal_code", Label: "Business"}, "Work Country": {Field: "country", Label: "Business"},
		"Job Title": {Field: "job_title"}, "Department": {Field: "custom", Custom: "Department"},
		"Organization": {Field: "company"}, "Web Page 1": {Field: "web_page"}, "Web Page 2": {Field: "web_page"},
		"Notes": {Field: "comments"},
	}
	return Preset{Name: "thunderbird", Mapping: Mapping{Columns: c}, markers: []string{"Primary Email", "Secondary Email", "Work ZipCode"}}
}

// OutlookColumns returns the header that Outlook writes and reads, in its
// order (same source as the outlook preset). Export writes every column, so
// Outlook's import maps the file without a question.
func OutlookColumns() []string {
	return slices.Clone(outlookColumns)
}

var outlookColumns = []string{"Title", "First Name", "Middle Name", "Last Name", "Suffix", "Company",
	"Department", "Job Title", "Business Street", "Business Street 2", "Business Street 3", "Business City",
	"Business State", "Business Postal Code", "Business Country/Region", "Home Street", "Home Street 2",
	"Home Street 3", "Home City", "Home State", "Home Postal Code", "Home Country/Region", "Other Street",
	"Other Street 2", "Other Street 3", "Other City", "Other State", "Other Postal Code",
	"Other Country/Region", "Assistant's Phone", "Business Fax", "Business Phone", "Business Phone 2",
	"Callback", "Car Phone", "Company Main Phone", "Home Fax", "Home Phone", "Home Phone 2", "ISDN",
	"Mobile Phone", "Other Fax", "Other Phone", "Pager", "Primary Phone", "Radio Phone", "TTY/TDD Phone",
	"Telex", "Account", "Anniversary", "Assistant's Name", "Billing Information", "Birthday",
	"Business Address PO Box", "Categories", "Children", "Directory Server", "E-mail Address", "E-mail Type",
	"E-mail Display Name", "E-mail 2 Address", "E-mail 2 Type", "E-mail 2 Display Name", "E-mail 3 Address",
	"E-mail 3 Type", "E-mail 3 Display Name", "Gender", "Government ID Number", "Hobby",
	"Home Address PO Box", "Initials", "Internet Free Busy", "Keywords", "Language", "Location",
	"Manager's Name", "Mileage", "Notes", "Office Location", "Organizational ID Number",
	"Other Address PO Box", "Priority", "Private", "Profession", "Referred By", "Sensitivity", "Spouse",
	"User 1", "User 2", "User 3", "User 4", "Web Page"}
