package main

const noteSynopsis = `Usage: leads note ID TEXT
`

const noteHelp = noteSynopsis + `
Add a comment to a record, stamped with the time and the acting user
($LEADS_USER, else $USER), and print it (with --json, the comment). Words
after the ID are joined by spaces, so quoting TEXT is optional.
`

const historySynopsis = `Usage: leads history add ID --kind note|phone|appointment|task|email --subject S [FLAGS]
       leads history ID [--kind K]... [--since T] [--until T] [--limit N]
`

const historyHelp = historySynopsis + `
history add links a new item of communication history to the record ID (and
to more records with --link) and prints its ID (with --json, the item).

  --kind K            note (a business note), phone (a phone log), appointment,
                      task or email; required
  --subject S         what it is about
  --text T            the note, the call's notes, the e-mail's body
  --link ID           link the item to another record too; repeat for several
  --at T              when a note was written (default: now)
  phone:        --direction in|out  --number N  --start T  --duration D
  appointment:  --start T  --end T  --location L
  task:         --due T  --priority low|normal|high  --done
  email:        --from ADDR  --to ADDR  --date T  --message-id ID

Times are RFC 3339 ("2026-12-01T15:00:00+01:00") or "2006-01-02 15:04" in
local time; durations are "15m", "1h30m" or a number of minutes.

history ID lists the record's history, newest first, as a table (with --json,
a JSON array of items). It includes the change log: an item of kind "change"
for every update of the record, naming who changed which field from what to
what.

  --kind K            only items of kind K (also "change"); repeat or give a
                      comma-separated list for several
  --since T           only items at T or later
  --until T           only items before T
  --limit N           print at most N items
`
