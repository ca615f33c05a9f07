package main

const reportSynopsis = `Usage: leads report NAME [--format text|csv|html|xlsx] [--out FILE]
       leads report list
       leads report save NAME [--from REPORT] [--columns FIELD,...] [--where COND]
                              [--sort FIELD,-FIELD] [--group FIELD,...] [--type lead|contact|all]
       leads report delete NAME
`

const reportHelp = reportSynopsis + `
Run a report of the category Leads, or list, save and delete saved ones.

Built-in reports, as Business Contact Manager has them:
  Leads by Assigned To             leads grouped by the user they are assigned to
  Leads by Assigned To and Score   by user, and within each by stars, highest first
  Leads by Score                   leads grouped by stars, highest first

report NAME runs the report (built-in or saved; names ignore case, and the
words of a name need no quotes) and prints it:
  --format text   an aligned table with a heading and count per group (default)
  --format csv    one row per record, the group fields as leading columns
  --format html   one self-contained page with a bar chart of the group counts
  --format xlsx   a workbook: the report with its groups, and a chart
  --out FILE      write to FILE instead of standard output
With --json (and no --out), print the result as JSON.

report save NAME saves a custom report. It starts from --from (a built-in or
saved report) or from the columns file_as,company,assigned_to,stars,source
over leads, then changes what the flags give:
  --columns FIELD,...   the columns, in order
  --where COND          the filter, e.g. 'stars>=3 and source="Web"'
  --sort FIELD,-FIELD   the order within groups, '-' for descending
  --group FIELD,...     group by these fields, nested in order (at most 4);
                        --group '' for no grouping
  --type T              lead, contact or all
A name already taken (by a saved or built-in report) is refused.

Conditions: a field, an operator and a value, combined with not, and, or and
parentheses. Operators: = != < <= > >= ~ (contains) contains startswith
prefix 'between A and B' 'in (A, B)' 'is empty' 'is not empty'. Values are
words or double-quoted strings with backslash escapes. Fields: the JSON
field names (file_as, company, assigned_to, source, stars, status, email,
created_at, ...; custom.NAME for a custom field).

report list lists the reports; report delete NAME deletes a saved one.
`
