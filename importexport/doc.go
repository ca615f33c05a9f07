// Package importexport moves leads in and out of a Book: the format-neutral
// part of import (column mappings and presets, duplicate matching, the
// all-or-nothing write, dry runs and the report of rejected rows) and of
// export (the Outlook column layout, formula neutralization).
//
// An import is liberal in what it accepts and never loses a person: a row
// is rejected only when it has no name, no e-mail address and no phone;
// every value adjusted to keep one (several addresses in one field, a phone
// field holding a word, a value no store can hold) is reported as a Warning
// beside the rejections. Importer.Strict rejects those rows instead.
//
// The file formats live in sub-packages, which produce a Source for
// Importer.Import or write what Records yields:
//
//	importexport/csvfile    CSV (Outlook, Google, ACT!, Salesforce, Excel)
//	importexport/xlsxfile   Excel workbooks
//	importexport/vcardfile  vCard 2.1, 3.0 and 4.0
//	importexport/jsonfile   the lossless JSON export
//	importexport/mailmsg    a lead from an e-mail message (.eml)
//
// This package imports no file format, so a host application links only the
// formats it uses.
package importexport
