package main

// The help texts. The spelling of the commands and flags is a contract
// (docs and scripts depend on it): see "Command-line tool: cmd/leads" in
// the design.

const mainSynopsis = `Usage: leads [--store PATH|postgres://URL] [--json] COMMAND [ARGS]
`

const mainHelp = `leads manages sales leads: the people and companies that might buy.

Usage:
  leads [--store PATH|postgres://URL] [--json] COMMAND [ARGS]

Global flags (before the command; they may also follow it):
  --store PATH   where the records live: a file (the embedded file store) or a
                 postgres:// URL; default $LEADS_STORE, else ./leads.db
  --json         print JSON, with the field names of the JSON export
  --lock-timeout D
                 how long to wait for another command that has the file store
                 open ("30s", "2m", or seconds); 0 fails at once; default
                 $LEADS_LOCK_TIMEOUT, else 10s
  --create       make a new store in an existing empty file; without it an
                 empty file is refused (it may be a store lost to a failed
                 copy), and a new store is made only where no file exists

Commands that only read (show, list, report, export) open a file store
read-only: several may run at once, and a store you may not write serves
them. Commands that write wait for them, and they for a writer.

Commands:
  demo                          load a sample data set into the store, print Leads by Score
  add --name NAME [--company C] [--title T] [--email E]... [--phone LABEL=NUMBER]...
      [--web URL] [--source S] [--initiated-by ID] [--assign USER]
                                create a lead; prints the new ID
  show ID                       print one record
  list [--type lead|contact|all] [--assigned USER] [--source S] [--min-stars N]
       [--sort FIELD,-FIELD] [--limit N]
                                list records, filed by File As
  edit ID --FIELD VALUE...      change fields of a record
  delete ID...                  delete records: all of them, or none, with their history
  users [list] | users add NAME [--email E] | users rename OLD NEW
        | users remove NAME [--reassign USER | --unassign]
                                the members of the team who share the database
  assign USER ID... | assign --none ID...
                                assign records to a member, or to nobody
  bulk-edit --field FIELD (--value V | --clear) ID...
                                set or clear one field of many records
  criteria [list] | criteria add --name TEXT --weight low|normal|high
           | criteria edit CID [--name TEXT] [--weight W] | criteria delete CID
                                the scoring criteria; changes rescore every record
  score ID [--check CID]... [--uncheck CID]... | score ID --manual N | score ID --auto
                                check criteria, fix or free the stars; prints why
  rescore [--type lead|contact] [ID...]
                                recompute automatic scores
  convert ID [--account NAME] [--opportunity TITLE]
                                make a lead a business contact, optionally with
                                an account and an opportunity
  opportunity add ID --title T [--line "PRODUCT;QTY;UNIT_PRICE[;DISCOUNT_%]"]...
              | opportunity list [ID]
                                what a lead or contact might buy, with exact totals
  fields [list] | fields add NAME --type T [--choice C]... [--for lead|contact]
         | fields rename NAME NEW | fields delete NAME
                                user-defined fields: typed custom values
  note ID TEXT                  add a comment with a time stamp
  status ID new|contacted|qualified|disqualified|recycled [--reason R] [--note TEXT]
                                move a lead along the status rules; kept with its time
  duplicates ID [--threshold N] [--limit N] [--region CC]
                                the records that may be the same person, with the reasons
  history add ID --kind note|phone|appointment|task|email --subject S ...
                                add a history item linked to the record
  history ID [--kind K]... [--since T] [--until T] [--limit N]
                                list a record's history, newest first
  merge SURVIVOR ID... [--preview] [--field NAME=POLICY]... [--default POLICY]
                                merge 2 to 5 records of one person, losing nothing
  import FILE [--format csv|xlsx|vcard|json] [--preset outlook|google|thunderbird|act|salesforce]
       [--map COLUMN=FIELD]... [--on-duplicate skip|update|create] [--dry-run] [--skip-bad-rows] [--strict]
                                import leads from a file
  export FILE [--format csv|xlsx|vcard|json] [--type lead|contact|all]
                                export records to a file
  from-email FILE [--save]      a lead from an e-mail message's sender
  report NAME [--format text|csv|html|xlsx] [--out FILE] | report list
         | report save NAME [--columns ...] [--where ...] [--sort ...] [--group ...]
         | report delete NAME
                                run, list, save and delete lead reports
  help [COMMAND]                print this help, or a command's

An ID... of the commands delete, assign, bulk-edit, convert and merge may
be "-": the IDs on standard input, one per line ("leads delete - < ids.txt").

Exit status: 0 done; 1 the operation failed (stderr names the field, row or
record); 2 usage.

Environment:
  LEADS_STORE   the store when --store is not given
  LEADS_USER    who is acting, recorded as creator and updater; else $USER
  LEADS_LOCK_TIMEOUT
                how long to wait for the file store's lock when
                --lock-timeout is not given

Run 'leads help COMMAND' for the flags of a command.
`

const demoSynopsis = `Usage: leads demo
`

const demoHelp = `Usage: leads demo

Load a sample data set of twelve leads into the store and print the report
Leads by Score: the store's leads grouped by stars, highest first, each
group in File As order. Running demo again adds only the samples that are
missing (they carry the custom field "demo"), so nothing is duplicated.
The samples are assigned to three users, akim, mgarcia and tbecker, whom
demo adds to the team first if they are missing.

With --json, print the leads of the report as a JSON array, in its order.
`

const addSynopsis = `Usage: leads add --name NAME [--company C] [--title T] [--email E]... [--phone LABEL=NUMBER]...
                 [--web URL] [--source S] [--initiated-by ID] [--assign USER]
                 [--duplicates allow|warn|block] [--region CC]
`

const addHelp = addSynopsis + `
Create a lead and print its ID (with --json, the lead).

  --name NAME           the full name, as typed ("Dr. Ada M. Lovelace"); required.
                        The name parts, the title (Dr., Mr.) among them, are
                        derived from it; change them with edit.
  --company C           the company
  --title T             the job title ("Purchasing Manager"); also --job-title
  --email E             an e-mail address; repeat for several
  --phone LABEL=NUMBER  a phone number with its label: Business, Home, Mobile,
                        Fax or Other, in any case ("mobile=+1 555 0100"). A
                        NUMBER without LABEL= is a Business number. Repeat for
                        several.
  --web URL             a web page; repeat for several
  --source S            where the lead came from: Advertisement, Cold call,
                        E-mail campaign, Employee referral, External referral,
                        Partner, Public relations, Seminar, Trade show, Web,
                        Word of mouth, Other, or any other text
  --initiated-by ID     the lead or business contact who brought this one in
  --assign USER         the user who owns the lead
  --custom KEY=VALUE    a custom field; repeat for several
  --duplicates POLICY   what to do when the new lead looks like stored
                        records (see leads help duplicates): warn (the
                        default) creates it and names them on stderr; block
                        refuses it, writing nothing (exit status 1); allow
                        does not look
  --region CC           the country of phone numbers written without a
                        country code (default $LEADS_REGION)
`

const showSynopsis = `Usage: leads show ID
`

const showHelp = showSynopsis + `
Print one record (with --json, the record as JSON).
`

const listSynopsis = `Usage: leads list [--type lead|contact|all] [--assigned USER] [--source S] [--min-stars N]
                  [--sort FIELD,-FIELD] [--limit N]
`

const listHelp = listSynopsis + `
List records as a table (with --json, a JSON array of records). Full IDs are
printed, ready to paste into show, edit and delete.

  --type T          lead (the default), contact or all
  --assigned USER   only the records assigned to USER
  --source S        only the records whose source is S
  --min-stars N     only the records scored N stars (0 to 5) or more
  --sort FIELD,...  the order: field names as in the JSON export, list fields in
                    the singular (email, phone, web_page, city, ...), stars,
                    score, custom.NAME; a leading - sorts descending
                    ("-stars,company"). Ties are filed by File As.
  --limit N         print at most N records
`

const editSynopsis = `Usage: leads edit ID --FIELD VALUE...
`

const editHelp = editSynopsis + `
Change fields of a record and print it (with --json, the record as JSON).
Fields are named as in the JSON export, with - or _ (--job-title or
--job_title). An empty value clears a field.

  --full_name NAME       also --name; name parts that were derived from the
                         old name follow the new one
  --title T              the title of the name (Dr., Mr.)
  --first_name, --middle_name, --last_name, --suffix
  --job_title T          the job title
  --file_as S            how the record files; empty derives it again
  --company C
  --account_id ID        the linked account, which must exist
  --assigned_to USER     also --assign
  --source S
  --initiated_by ID      the lead or business contact who brought this one in
  --status S             new, contacted, qualified, disqualified, recycled or
                         converted
  --email E              e-mail addresses; repeat for several
  --phone LABEL=NUMBER   phone numbers; a NUMBER without LABEL= is Business
  --web URL              web pages
                         Each list flag replaces the whole list; give it once
                         with an empty value to clear the list.
  --custom KEY=VALUE     set a custom field; an empty VALUE removes it
`

const deleteSynopsis = `Usage: leads delete ID...
`

const deleteHelp = deleteSynopsis + `
Delete records: all of them, or, if one is missing, none. With --json, print
{"deleted": [IDs]}.
` + idsHelp

const criteriaSynopsis = `Usage: leads criteria [list]
       leads criteria add --name TEXT --weight low|normal|high
       leads criteria edit CID [--name TEXT] [--weight low|normal|high]
       leads criteria delete CID
`

const criteriaHelp = criteriaSynopsis + `
The scoring criteria of the database: the questions a lead's automatic
score answers, each with a weight (low 1, normal 2, high 3). A new store
starts with six default criteria. CID is a criterion's ID or its name.

Adding, editing or deleting a criterion rescores every record whose score
is automatic, all at once; deleting one also removes its checks.
`

const scoreSynopsis = `Usage: leads score ID [--check CID]... [--uncheck CID]...
       leads score ID --manual N
       leads score ID --auto
`

const scoreHelp = scoreSynopsis + `
Record which criteria a record meets (--check) or not (--uncheck), fix its
score at N stars from 0 to 5 (--manual), or switch it back to automatic
(--auto). Then print the score and its explanation: every criterion with
its weight, whether it is met, and its share of the 5 stars.

The automatic score is 5 x (weights met) / (all weights), rounded half up
to whole stars. CID is a criterion's ID or its name.
`

const rescoreSynopsis = `Usage: leads rescore [--type lead|contact] [ID...]
`

const rescoreHelp = rescoreSynopsis + `
Recompute the automatic scores of every record, of every record of one
type, or of the records given, and print how many changed. Manual scores
are left alone. All or nothing: an unknown ID changes nothing.
`

const convertSynopsis = `Usage: leads convert ID [--account NAME | --new-account] [--opportunity TITLE
                      [--line "PRODUCT;QTY;UNIT_PRICE[;DISCOUNT_%]"]... [--currency EUR] [--stage S]]
`

const convertHelp = convertSynopsis + `
Make a lead a business contact. The record keeps its ID and every field,
check, score, comment and custom value; its status becomes "converted". It
then lists among contacts (list --type contact), no longer among leads.
Everything below happens in the same write: on any error nothing changed.

  --account NAME        link the contact to an account: NAME is an account ID,
                        or the name of an existing account (any case), or else
                        the name of a new account, which is created
  --new-account         create an account named after the record's company
  --opportunity TITLE   add an opportunity with this title; --line, --currency,
                        --stage, --probability and --close describe it as for
                        "opportunity add"

Converting a business contact fails ("already converted"), as does an
unknown ID. With --json, print the contact, the account and the opportunity.

An ID of "-" reads the ID from standard input: one line, blank lines and
spaces ignored.
`

const opportunitySynopsis = `Usage: leads opportunity add ID --title T [--line "PRODUCT;QTY;UNIT_PRICE[;DISCOUNT_%]"]...
                         [--currency EUR] [--stage S] [--probability N] [--close YYYY-MM-DD]
       leads opportunity list [ID]
       leads opportunity delete OID
`

const opportunityHelp = opportunitySynopsis + `
Opportunities are what a lead or business contact might buy. Amounts are
exact decimals, never floating point.

add ID prints the ID of a new opportunity of record ID (with --json, the
opportunity, its total included).

  --title T             what is being sold; required
  --line "PRODUCT;QTY;UNIT_PRICE[;DISCOUNT_%]"
                        one line item: "Engine;2;1999.50;10" is two engines at
                        1999.50 less 10 %. Repeat for several lines. Quantities
                        may have decimals ("1.5" hours); the unit price may not
                        have more decimal places than the currency (2 for EUR,
                        0 for JPY, 3 for BHD); the discount is from 0 to 100.
  --currency EUR        an ISO 4217 code; default EUR
  --stage S             prospecting (default), qualification, proposal,
                        negotiation, closed won or closed lost
  --probability N       the chance of winning, 0 to 100 percent
  --close YYYY-MM-DD    the expected close date

A line total is QTY × UNIT_PRICE × (1 − DISCOUNT/100), rounded half up to the
currency's minor units; the opportunity's total is the sum of its lines.

list prints the opportunities of record ID, or of every record, with their
lines and totals. delete OID deletes one opportunity.
`

const fieldsSynopsis = `Usage: leads fields [list] [--for lead|contact]
       leads fields add NAME --type text|number|date|yes/no|choice [--choice C]... [--for lead|contact]
       leads fields rename NAME NEW [--for lead|contact]
       leads fields delete NAME [--for lead|contact]
`

const fieldsHelp = fieldsSynopsis + `
User-defined fields give custom values (add --custom NAME=VALUE, edit
--custom NAME=VALUE) a type, per record type (--for, default lead):

  text      anything
  number    an exact decimal: 12, -3.50
  date      YYYY-MM-DD
  yes/no    yes or no (y, true, n, false are accepted and stored as yes, no)
  choice    one of the --choice values (repeat --choice for each)

A value that does not fit its field is refused, naming custom.NAME. Custom
values without a field stay free-form text.

add refuses a field that records already hold values for that do not fit.
rename renames the values of every record too; delete deletes them. Each
is one write: on error nothing changed.
`
