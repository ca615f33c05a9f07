-- Indexes on text by a bounded prefix, so that every value that
-- validation accepts stores (leads.MaxLength).
--
-- A B-tree entry holds at most about 2,700 bytes: a company of 3,000
-- characters failed with "index row size ... exceeds btree maximum" while
-- the other stores took it. The text columns that a B-tree indexed whole
-- and that may be long (File As up to 2,000 characters, a company and an
-- account's name up to 1,000, each up to four bytes) are now indexed by
-- their first 200 characters, left(col, 200): at most 800 bytes.
--
-- Order and results stay exact. In byte order (COLLATE "C") the prefixes
-- of two values compare as the values do unless they are equal, so the
-- queries order by (left(col, 200), col, ...): the index gives the first
-- key, and PostgreSQL sorts only the runs of equal prefixes (incremental
-- sort). Conditions test the full value; a bound on the prefix only
-- narrows the scan.
--
-- Not changed: assigned_to (a user's name, at most 256 characters) and
-- the names of users and reports (at most 256) fit whole; e-mail
-- addresses (320) and phone numbers (100) fit a GIN entry; lead_keys
-- stores long match keys as digests (keys.go).

DROP INDEX leads_file_as;
CREATE INDEX leads_file_as ON leads (left(file_as_fold, 200), id);

DROP INDEX leads_assigned_stars;
CREATE INDEX leads_assigned_stars ON leads (assigned_to, stars DESC, left(file_as_fold, 200), id);

DROP INDEX leads_stars;
CREATE INDEX leads_stars ON leads (stars DESC, left(file_as_fold, 200), id);

DROP INDEX leads_company;
CREATE INDEX leads_company ON leads (left(company_fold, 200), left(file_as_fold, 200), id);

DROP INDEX accounts_name;
CREATE INDEX accounts_name ON accounts (left(name, 200), id);
