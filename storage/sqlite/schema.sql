-- The schema of a leads SQLite file (PRAGMA user_version 1).
--
-- As in storage/postgres: every text field that queries read has two
-- columns, the value as stored and its *_fold twin folded to lower case by
-- Go; folded text compares byte by byte (SQLite's BINARY collation). List
-- fields keep their records as JSON and their values, as stored and
-- folded, as JSON arrays of text. Times are INTEGER microseconds since
-- 1970 (UTC) plus the nanoseconds below the microsecond in a *_ns column.
-- IDs are UUIDs in their canonical text form, which sorts as their bytes.

CREATE TABLE leads (
	id               TEXT PRIMARY KEY,
	type             TEXT NOT NULL,
	full_name        TEXT NOT NULL,
	full_name_fold   TEXT NOT NULL,
	title            TEXT NOT NULL,
	title_fold       TEXT NOT NULL,
	first_name       TEXT NOT NULL,
	first_name_fold  TEXT NOT NULL,
	middle_name      TEXT NOT NULL,
	middle_name_fold TEXT NOT NULL,
	last_name        TEXT NOT NULL,
	last_name_fold   TEXT NOT NULL,
	suffix           TEXT NOT NULL,
	suffix_fold      TEXT NOT NULL,
	job_title        TEXT NOT NULL,
	job_title_fold   TEXT NOT NULL,
	file_as          TEXT NOT NULL,
	file_as_fold     TEXT NOT NULL,
	company          TEXT NOT NULL,
	company_fold     TEXT NOT NULL,
	account_id       TEXT,
	assigned_to      TEXT NOT NULL,
	assigned_to_fold TEXT NOT NULL,
	source           TEXT NOT NULL,
	source_fold      TEXT NOT NULL,
	initiated_by     TEXT,
	status           TEXT NOT NULL,
	status_fold      TEXT NOT NULL,
	score_type       TEXT NOT NULL,
	stars            INTEGER NOT NULL,
	score            REAL NOT NULL,
	score_text       TEXT NOT NULL,
	created_at       INTEGER NOT NULL,
	created_ns       INTEGER NOT NULL,
	created_by       TEXT NOT NULL,
	created_by_fold  TEXT NOT NULL,
	updated_at       INTEGER NOT NULL,
	updated_ns       INTEGER NOT NULL,
	updated_by       TEXT NOT NULL,
	updated_by_fold  TEXT NOT NULL,
	version          INTEGER NOT NULL,
	photo_type       TEXT,
	photo            BLOB,
	emails           TEXT NOT NULL,
	phones           TEXT NOT NULL,
	web_pages        TEXT NOT NULL,
	addresses        TEXT NOT NULL,
	comments         TEXT NOT NULL,
	checks           TEXT NOT NULL,
	custom           TEXT NOT NULL,
	custom_fold      TEXT NOT NULL,
	email            TEXT NOT NULL,
	email_fold       TEXT NOT NULL,
	phone            TEXT NOT NULL,
	phone_fold       TEXT NOT NULL,
	web_page         TEXT NOT NULL,
	web_page_fold    TEXT NOT NULL,
	street           TEXT NOT NULL,
	street_fold      TEXT NOT NULL,
	city             TEXT NOT NULL,
	city_fold        TEXT NOT NULL,
	state            TEXT NOT NULL,
	state_fold       TEXT NOT NULL,
	postal_code      TEXT NOT NULL,
	postal_code_fold TEXT NOT NULL,
	country          TEXT NOT NULL,
	country_fold     TEXT NOT NULL,
	department       TEXT NOT NULL,
	department_fold  TEXT NOT NULL,
	office           TEXT NOT NULL,
	office_fold      TEXT NOT NULL,
	profession       TEXT NOT NULL,
	profession_fold  TEXT NOT NULL,
	manager          TEXT NOT NULL,
	manager_fold     TEXT NOT NULL,
	assistant        TEXT NOT NULL,
	assistant_fold   TEXT NOT NULL,
	nickname         TEXT NOT NULL,
	nickname_fold    TEXT NOT NULL,
	spouse           TEXT NOT NULL,
	spouse_fold      TEXT NOT NULL,
	birthday         INTEGER NOT NULL,
	birthday_ns      INTEGER NOT NULL,
	anniversary      INTEGER NOT NULL,
	anniversary_ns   INTEGER NOT NULL,
	converted_at     INTEGER NOT NULL,
	converted_ns     INTEGER NOT NULL,
	status_history   TEXT NOT NULL,
	merged_from      TEXT
);

-- The indexes of storage/postgres and two more (score, assignee), every
-- one ending with the ID (the tie-break of every sort). Source and status have none: a condition on
-- them with a sort that has an index reads the index and tests the rows,
-- which for a first page is what the study measured fastest.
CREATE INDEX leads_file_as ON leads (file_as_fold, id);
-- The built-in reports by Assigned To (and Score) read the leads in
-- these orders.
CREATE INDEX leads_assigned_stars ON leads (assigned_to_fold, stars DESC, file_as_fold, id);
CREATE INDEX leads_stars ON leads (stars DESC, file_as_fold, id);
-- Leads by score, and the first page of a list sorted by assignee.
CREATE INDEX leads_score ON leads (score DESC, file_as_fold, id);
CREATE INDEX leads_assigned ON leads (assigned_to_fold, file_as_fold, id);
CREATE INDEX leads_company ON leads (company_fold, file_as_fold, id);
CREATE INDEX leads_created ON leads (created_at, created_ns, file_as_fold, id);
CREATE INDEX leads_updated ON leads (updated_at, updated_ns, file_as_fold, id);
CREATE INDEX leads_account ON leads (account_id) WHERE account_id IS NOT NULL;
CREATE INDEX leads_initiated_by ON leads (initiated_by) WHERE initiated_by IS NOT NULL;

-- Match keys (leads.MatchKeys) for Lookup, written with the lead.
CREATE TABLE lead_keys (
	key     TEXT NOT NULL,
	lead_id TEXT NOT NULL,
	PRIMARY KEY (key, lead_id)
) WITHOUT ROWID;

CREATE INDEX lead_keys_lead ON lead_keys (lead_id);

CREATE TRIGGER leads_delete_keys AFTER DELETE ON leads BEGIN
	DELETE FROM lead_keys WHERE lead_id = old.id;
END;

CREATE TABLE accounts (
	id         TEXT PRIMARY KEY,
	name       TEXT NOT NULL,
	phones     TEXT NOT NULL,
	web_pages  TEXT NOT NULL,
	addresses  TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	created_ns INTEGER NOT NULL,
	updated_at INTEGER NOT NULL,
	updated_ns INTEGER NOT NULL,
	version    INTEGER NOT NULL
);

CREATE INDEX accounts_name ON accounts (name, id);

CREATE TABLE criteria (
	id      TEXT PRIMARY KEY,
	name    TEXT NOT NULL,
	weight  INTEGER NOT NULL,
	version INTEGER NOT NULL
);

CREATE TABLE users (
	id        TEXT PRIMARY KEY,
	name      TEXT NOT NULL,
	name_fold TEXT NOT NULL,
	email     TEXT NOT NULL,
	active    INTEGER NOT NULL,
	last_turn INTEGER NOT NULL,
	version   INTEGER NOT NULL
);

CREATE INDEX users_name ON users (name_fold, id);

CREATE TABLE field_definitions (
	id      TEXT PRIMARY KEY,
	doc     TEXT NOT NULL,
	version INTEGER NOT NULL
);

CREATE TABLE opportunities (
	id        TEXT PRIMARY KEY,
	record_id TEXT NOT NULL,
	doc       TEXT NOT NULL,
	version   INTEGER NOT NULL
);

CREATE INDEX opportunities_record ON opportunities (record_id, id);

CREATE TABLE history (
	id      TEXT PRIMARY KEY,
	kind    TEXT NOT NULL,
	at      INTEGER NOT NULL,
	at_ns   INTEGER NOT NULL,
	doc     TEXT NOT NULL,
	version INTEGER NOT NULL
);

CREATE TABLE history_records (
	history_id TEXT NOT NULL,
	record_id  TEXT NOT NULL,
	at         INTEGER NOT NULL,
	at_ns      INTEGER NOT NULL,
	PRIMARY KEY (history_id, record_id)
) WITHOUT ROWID;

CREATE INDEX history_records_record ON history_records (record_id, at DESC, at_ns DESC, history_id DESC);

CREATE TRIGGER history_delete_records AFTER DELETE ON history BEGIN
	DELETE FROM history_records WHERE history_id = old.id;
END;

CREATE TABLE reports (
	id      TEXT PRIMARY KEY,
	name    TEXT NOT NULL,
	doc     TEXT NOT NULL,
	version INTEGER NOT NULL
);

CREATE INDEX reports_name ON reports (name, id);
