-- Leads, accounts and scoring criteria.
--
-- Every text field that queries read has two columns: the value as stored
-- and its *_fold twin, the value folded to lower case by Go (strings.ToLower)
-- when the record is written. Conditions that ignore case and every sort
-- compare the folded twin byte by byte (COLLATE "C"), so that results are
-- identical to leads.Select whatever the server's locale. List fields keep
-- their records in JSONB and their values, as stored and folded, in text
-- arrays for queries. Times are timestamptz (microseconds) plus the
-- nanoseconds below the microsecond in a *_ns column, so that Go times
-- round-trip exactly and order exactly.

CREATE TABLE leads (
	id               uuid PRIMARY KEY,
	type             text NOT NULL,
	full_name        text NOT NULL,
	full_name_fold   text COLLATE "C" NOT NULL,
	title            text NOT NULL,
	title_fold       text COLLATE "C" NOT NULL,
	first_name       text NOT NULL,
	first_name_fold  text COLLATE "C" NOT NULL,
	middle_name      text NOT NULL,
	middle_name_fold text COLLATE "C" NOT NULL,
	last_name        text NOT NULL,
	last_name_fold   text COLLATE "C" NOT NULL,
	suffix           text NOT NULL,
	suffix_fold      text COLLATE "C" NOT NULL,
	job_title        text NOT NULL,
	job_title_fold   text COLLATE "C" NOT NULL,
	file_as          text NOT NULL,
	file_as_fold     text COLLATE "C" NOT NULL,
	company          text NOT NULL,
	company_fold     text COLLATE "C" NOT NULL,
	account_id       uuid,
	assigned_to      text NOT NULL,
	assigned_to_fold text COLLATE "C" NOT NULL,
	source           text NOT NULL,
	source_fold      text COLLATE "C" NOT NULL,
	initiated_by     uuid,
	status           text NOT NULL,
	status_fold      text COLLATE "C" NOT NULL,
	score_type       text NOT NULL,
	stars            smallint NOT NULL,
	score            numeric NOT NULL,
	created_at       timestamptz NOT NULL,
	created_ns       smallint NOT NULL,
	created_by       text NOT NULL,
	created_by_fold  text COLLATE "C" NOT NULL,
	updated_at       timestamptz NOT NULL,
	updated_ns       smallint NOT NULL,
	updated_by       text NOT NULL,
	updated_by_fold  text COLLATE "C" NOT NULL,
	version          bigint NOT NULL,
	photo_type       text,
	photo            bytea,
	emails           jsonb NOT NULL,
	phones           jsonb NOT NULL,
	web_pages        jsonb NOT NULL,
	addresses        jsonb NOT NULL,
	comments         jsonb NOT NULL,
	checks           jsonb NOT NULL,
	custom           jsonb NOT NULL,
	custom_fold      jsonb NOT NULL,
	email            text[] NOT NULL,
	email_fold       text[] COLLATE "C" NOT NULL,
	phone            text[] NOT NULL,
	phone_fold       text[] COLLATE "C" NOT NULL,
	web_page         text[] NOT NULL,
	web_page_fold    text[] COLLATE "C" NOT NULL,
	street           text[] NOT NULL,
	street_fold      text[] COLLATE "C" NOT NULL,
	city             text[] NOT NULL,
	city_fold        text[] COLLATE "C" NOT NULL,
	state            text[] NOT NULL,
	state_fold       text[] COLLATE "C" NOT NULL,
	postal_code      text[] NOT NULL,
	postal_code_fold text[] COLLATE "C" NOT NULL,
	country          text[] NOT NULL,
	country_fold     text[] COLLATE "C" NOT NULL
);

-- Indexes serve the listings, reports and look-ups that every screen
-- uses; each one slows imports (COPY), so there are no more than these.
-- The default listing: File As, then ID (and every sort's tie-break).
CREATE INDEX leads_file_as ON leads (file_as_fold, id);
-- Leads by Assigned To (and Score), and "my leads, hot first"
-- (assigned_to = $1 ORDER BY stars DESC, File As, ID).
CREATE INDEX leads_assigned_stars ON leads (assigned_to, stars DESC, file_as_fold, id);
-- Leads by Score, and the "hot leads first" sort.
CREATE INDEX leads_stars ON leads (stars DESC, file_as_fold, id);
-- Sorting and prefix search by company (folded, byte order).
CREATE INDEX leads_company ON leads (company_fold, file_as_fold, id);
-- Recently changed records.
CREATE INDEX leads_updated ON leads (updated_at, updated_ns);
-- Links from other records (rarely set, hence partial).
CREATE INDEX leads_account ON leads (account_id) WHERE account_id IS NOT NULL;
CREATE INDEX leads_initiated_by ON leads (initiated_by) WHERE initiated_by IS NOT NULL;
-- "Any e-mail address / phone equals" (duplicate detection): array
-- overlap (&&) uses these.
CREATE INDEX leads_email ON leads USING gin (email);
CREATE INDEX leads_phone ON leads USING gin (phone);

CREATE TABLE accounts (
	id         uuid PRIMARY KEY,
	name       text COLLATE "C" NOT NULL,
	phones     jsonb NOT NULL,
	web_pages  jsonb NOT NULL,
	addresses  jsonb NOT NULL,
	created_at timestamptz NOT NULL,
	created_ns smallint NOT NULL,
	updated_at timestamptz NOT NULL,
	updated_ns smallint NOT NULL,
	version    bigint NOT NULL
);

CREATE INDEX accounts_name ON accounts (name, id);

CREATE TABLE criteria (
	id      uuid PRIMARY KEY,
	name    text NOT NULL,
	weight  smallint NOT NULL,
	version bigint NOT NULL
);
