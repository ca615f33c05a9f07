//go:build race

package xlsxfile_test

const raceEnabled = true
