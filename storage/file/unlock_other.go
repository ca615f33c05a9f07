//go:build !unix

package file

import "os"

// unlock does nothing where bbolt's lock ends with the file.
func unlock(*os.File) {}
