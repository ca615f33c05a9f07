// Package xlsxfile reads leads from Excel workbooks and writes them in the
// Outlook column layout.
//
// The reader reads the worksheet's XML as a stream, a row at a time, so
// that its memory does not grow with the workbook: a few buffers the size of
// the largest value, and the shared strings table (the text of the
// workbook, which cells refer to by number, read first and kept, within
// Options.MaxSharedStringBytes). A workbook is a zip archive, so a small
// file may inflate to gigabytes (a zip bomb): the reader refuses a file
// larger than Options.MaxFileBytes and stops when what it inflates passes
// Options.MaxUnzippedBytes, whatever the parts declare. (A reader that can
// seek and read at an offset, such as an *os.File, is read in place; any
// other is read into memory first.) It refuses a value
// over Options.MaxValueBytes (1 MiB, the limit the CSV reader sets on a
// record), a row whose values together pass it, and rows and columns beyond
// Excel's (1,048,576 rows, 16,384 columns, to XFD), with a *LimitError
// naming the sheet and the cell or row.
//
// What a cell gives: its text as written; a number as Excel's General
// format shows it (15 significant digits); a number whose format is a date
// or a time as ISO 8601 ("2024-03-15", "2024-03-15 09:30:00", "09:30:00");
// TRUE or FALSE; an error value as written ("#N/A"); the cached value of a
// formula. Other number formats (currency, percent, thousands separators)
// are not applied: the value is kept exactly.
//
// The writer (Export) uses github.com/xuri/excelize/v2.
package xlsxfile
