// Package csvfile reads and writes leads as CSV files: the files that
// Outlook, Google Contacts, ACT!, Salesforce and Excel write, and the Outlook
// layout that Outlook and Excel read back.
//
// What the reader accepts:
//
//   - UTF-8 with or without a byte order mark; UTF-16 LE or BE with a byte
//     order mark (Outlook's and Excel's "Unicode text") or without one
//     (found by its NUL bytes). A value whose bytes are not valid UTF-8 is
//     read in a fallback character set guessed from the first 64 KiB:
//     Windows-1252 (what Excel writes on Western European Windows),
//     Windows-1250 or ISO-8859-2, Windows-1251 or KOI8-R, or Shift_JIS (see
//     charset.go for the rule). The decision is made per value, so one
//     stray byte cannot garble a file, and what was guessed is reported as
//     a file warning (RecordReader.FileWarnings, passed on by the source).
//   - Comma, semicolon (Excel in much of Europe) or tab delimiters, detected
//     from the header line (the one that occurs most outside quotes).
//   - Quoted fields holding delimiters, quotes and line breaks, the line
//     breaks kept as written (CR, LF or CRLF); stray quotes inside
//     unquoted fields (LazyQuotes).
//   - Blank rows, skipped; ragged rows (see importexport.TableSource: short
//     rows are padded, extra cells are ignored when empty and reject the
//     row otherwise).
//
// A record longer than Options.MaxRecordBytes (1 MiB by default) stops the
// import with ErrRecordTooLong after reading at most that much more, so a
// file with an endless line or an unclosed quote cannot exhaust memory.
package csvfile
