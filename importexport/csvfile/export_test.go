package csvfile

// WriteRecord exposes writeRecord to the tests.
var WriteRecord = writeRecord
