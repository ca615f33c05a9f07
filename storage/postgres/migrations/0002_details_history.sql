-- The Details page and conversion time of leads; field definitions,
-- opportunities, history and saved reports.
--
-- The new lead fields follow 0001's rules: text has a *_fold twin, times a
-- *_ns column. Rows written before this migration get the empty values
-- (empty text, the zero time 0001-01-01 UTC), which is what they held.
--
-- The other kinds are kept whole as JSON documents (type json, not jsonb:
-- json keeps the text as written, so the JSON values of a change log
-- entry come back byte for byte), beside the columns that look-ups and
-- listings need.

ALTER TABLE leads
	ADD COLUMN department      text NOT NULL DEFAULT '',
	ADD COLUMN department_fold text COLLATE "C" NOT NULL DEFAULT '',
	ADD COLUMN office          text NOT NULL DEFAULT '',
	ADD COLUMN office_fold     text COLLATE "C" NOT NULL DEFAULT '',
	ADD COLUMN profession      text NOT NULL DEFAULT '',
	ADD COLUMN profession_fold text COLLATE "C" NOT NULL DEFAULT '',
	ADD COLUMN manager         text NOT NULL DEFAULT '',
	ADD COLUMN manager_fold    text COLLATE "C" NOT NULL DEFAULT '',
	ADD COLUMN assistant       text NOT NULL DEFAULT '',
	ADD COLUMN assistant_fold  text COLLATE "C" NOT NULL DEFAULT '',
	ADD COLUMN nickname        text NOT NULL DEFAULT '',
	ADD COLUMN nickname_fold   text COLLATE "C" NOT NULL DEFAULT '',
	ADD COLUMN spouse          text NOT NULL DEFAULT '',
	ADD COLUMN spouse_fold     text COLLATE "C" NOT NULL DEFAULT '',
	ADD COLUMN birthday        timestamptz NOT NULL DEFAULT '0001-01-01 00:00:00+00',
	ADD COLUMN birthday_ns     smallint NOT NULL DEFAULT 0,
	ADD COLUMN anniversary     timestamptz NOT NULL DEFAULT '0001-01-01 00:00:00+00',
	ADD COLUMN anniversary_ns  smallint NOT NULL DEFAULT 0,
	ADD COLUMN converted_at    timestamptz NOT NULL DEFAULT '0001-01-01 00:00:00+00',
	ADD COLUMN converted_ns    smallint NOT NULL DEFAULT 0;

-- User-defined fields, listed by ID (the order they were added in).
CREATE TABLE field_definitions (
	id      uuid PRIMARY KEY,
	version bigint NOT NULL,
	doc     json NOT NULL
);

-- Opportunities, listed by record and ID.
CREATE TABLE opportunities (
	id        uuid PRIMARY KEY,
	record_id uuid NOT NULL,
	version   bigint NOT NULL,
	doc       json NOT NULL
);

CREATE INDEX opportunities_record ON opportunities (record_id, id);

-- History items. history_records links an item to each record it names
-- (once, even if the item names it twice) and repeats the item's time, so
-- that a record's history, newest first, is one range of one index and
-- costs what that history holds, not what all history holds.
CREATE TABLE history (
	id      uuid PRIMARY KEY,
	kind    text NOT NULL,
	at      timestamptz NOT NULL,
	at_ns   smallint NOT NULL,
	version bigint NOT NULL,
	doc     json NOT NULL
);

CREATE TABLE history_records (
	history_id uuid NOT NULL REFERENCES history (id) ON DELETE CASCADE,
	record_id  uuid NOT NULL,
	at         timestamptz NOT NULL,
	at_ns      smallint NOT NULL,
	PRIMARY KEY (history_id, record_id)
);

CREATE INDEX history_records_record ON history_records (record_id, at DESC, at_ns DESC, history_id DESC);

-- Saved reports, listed by name (byte order, as Go compares) and ID.
CREATE TABLE reports (
	id      uuid PRIMARY KEY,
	name    text COLLATE "C" NOT NULL,
	version bigint NOT NULL,
	doc     json NOT NULL
);

CREATE INDEX reports_name ON reports (name, id);
