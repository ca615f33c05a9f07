//go:build !race

package xlsxfile_test

const raceEnabled = false
