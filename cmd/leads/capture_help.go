package main

const importSynopsis = `Usage: leads import FILE [--format csv|xlsx|vcard|json] [--preset outlook|google|thunderbird|act|salesforce]
            [--map COLUMN=FIELD]... [--on-duplicate skip|update|create] [--dry-run] [--skip-bad-rows]
            [--keep-unmapped] [--strict]
`

const importHelp = importSynopsis + `
Import leads from a file: CSV (Outlook, Google Contacts, ACT!, Salesforce,
Excel; UTF-8, UTF-16 or Windows-1252; comma, semicolon or tab), an Excel
workbook, vCard 2.1/3.0/4.0, or the JSON export.

A JSON export imported into a store that holds no records yet is restored
whole, as the backup it is: users, criteria, field definitions, accounts,
saved reports, records, opportunities and history, with their IDs and
stamps. Into a store that has records, its records and history are merged
as any import's are (duplicates by ID, e-mail address, name and company).

  --format F         csv, xlsx, vcard or json; default from the extension
  --preset P         the column layout of outlook, google, thunderbird, act or salesforce;
                     default: detected from the header
  --map COL=FIELD    read column COL into FIELD, a JSON export field name
                     (full_name, company, job_title, email, phone:Mobile,
                     street:Home, custom.NAME, ...); repeatable
  --on-duplicate P   skip (default), update or create a row that is the same
                     person as a stored record or an earlier row: the same ID
                     or a shared e-mail address
  --dry-run          report what would be created, updated, skipped and
                     rejected, and how each column is read; change nothing
  --skip-bad-rows    import the good rows and report the bad ones; by default
                     one bad row means nothing is imported
  --keep-unmapped    keep the columns no mapping names as custom fields named
                     after the column; by default they are ignored
  --strict           reject the rows that would otherwise be kept with a
                     warning, as earlier versions did

Every person that can be told is imported. A row is rejected only when it
has no name, no e-mail address and no phone. What was changed to keep a
person is a warning on stderr, apart from rejections
(warning: row 3, column "Phone": ...): several addresses in one e-mail field become several
e-mails, "Name <address>" gives the address (and the name when the row has
none), a phone field without digits and values that cannot be stored are
left out, a row without a name is named after its company, e-mail address
or phone.

Two rows are the same person when they share an ID or an e-mail address.
Namesakes at the same company with different addresses are two people and
both are created. The same name at the same company where one of the two
has no address is created and listed as a possible duplicate; compare with
"leads duplicates ID" and join with "leads merge".

A file from which no record can be read (no row under the header, no
column naming a person) is an error, never "created 0".

Each rejected row is reported on stderr with its row number and column.
With --json the report has the arrays created, updated, skipped, rejected,
warnings, possible_duplicates and columns.
`

const exportSynopsis = `Usage: leads export FILE [--format csv|xlsx|vcard|json] [--type lead|contact|all]
`

const exportHelp = exportSynopsis + `
Export records to FILE (- for standard output). CSV and XLSX use Outlook's
column layout, so Outlook and Excel import them.

JSON is the backup: "leads export backup.json" writes everything the store
holds (records with every field, users, criteria, field definitions,
accounts, saved reports, opportunities, history and the change log), and
"leads import backup.json" into a new store restores it all. It is written
as a stream, so a large book is backed up in little memory.

  --format F   csv, xlsx, vcard or json; default from the extension
  --type T     lead, contact or all (default)
`

const fromEmailSynopsis = `Usage: leads from-email FILE [--save]
`

const fromEmailHelp = fromEmailSynopsis + `
Make a lead from an e-mail message (.eml): the sender's name and address.
Without --save it prints the lead and the message summary; with --save it
creates the lead and prints its ID.

The sender is taken from From, else Sender, else Reply-To. Headers that
break the rules (8-bit bytes, unquoted commas, misplaced encoded words)
are read as well as can be; each adjustment is printed as a warning on
stderr (in "message.warnings" with --json). It fails only when no address
is found in those headers.
`
