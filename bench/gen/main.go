// Gen writes N Outlook-style CSV rows for the command-line benchmark
// (bench/cli.sh): accented and Cyrillic names, common names at large
// companies with distinct e-mail addresses, phone extensions written in
// several languages, multi-line notes with quotes and commas. The rows are
// the same for the same -n and -seed.
//
//	go run ./bench/gen -n 1000000 > leads.csv
package main

import (
	"bufio"
	"encoding/csv"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
)

func main() {
	n := flag.Int("n", 100000, "rows to write")
	seed := flag.Uint64("seed", 1, "seed of the rows")
	flag.Parse()
	w := bufio.NewWriterSize(os.Stdout, 1<<20)
	if err := write(w, *n, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func write(w *bufio.Writer, n int, seed uint64) error {
	// Outlook's layout, the columns the rows fill.
	header := []string{"First Name", "Middle Name", "Last Name", "Company", "Job Title", "E-mail Address",
		"Business Phone", "Mobile Phone", "Business Street", "Business City", "Business Postal Code",
		"Business Country/Region", "Notes"}
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	firsts := []string{"Anna", "José", "Zoë", "Björn", "Łukasz", "Ольга", "Дмитрий", "François", "Søren", "Mei", "John", "Maria", "David", "Sarah", "Michael"}
	lasts := []string{"Smith", "Müller", "García", "Иванов", "Nowak", "O'Brien", "Dupont", "Rossi", "Jensen", "Wang", "Kowalski", "Petrova", "Johnson"}
	companies := []string{"Acme Corp", "Globex GmbH", "Initech", "Umbrella S.A.", "ООО Ромашка", "Société Générale d'Exemple", "Contoso Ltd", "Big Bank plc"}
	exts := []string{"", "", "", " ext. 12", " x345", " доб. 123", " Durchwahl 42", " poste 7", " #9", " 内線 204"}
	cities := []string{"London", "München", "Paris", "Москва", "Kraków", "Lisboa", "Zürich"}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(header); err != nil {
		return err
	}
	rec := make([]string, len(header))
	for i := range n {
		first, last := firsts[r.IntN(len(firsts))], lasts[r.IntN(len(lasts))]
		company := companies[r.IntN(len(companies))]
		rec[0], rec[1], rec[2], rec[3] = first, "", last, company
		if r.IntN(5) == 0 {
			rec[1] = string([]rune(firsts[r.IntN(len(firsts))])[:1]) + "."
		}
		rec[4] = []string{"Buyer", "CTO", "Head of Sales", "Engineer", ""}[r.IntN(5)]
		// Namesakes at one company are different people: the address
		// carries the row number.
		rec[5] = "person" + strconv.Itoa(i) + "@example" + strconv.Itoa(r.IntN(50)) + ".com"
		rec[6] = fmt.Sprintf("+%d %d %07d%s", 1+r.IntN(98), 10+r.IntN(89), r.IntN(10_000_000), exts[r.IntN(len(exts))])
		rec[7] = ""
		if r.IntN(3) == 0 {
			rec[7] = fmt.Sprintf("+44 7700 %06d", r.IntN(1_000_000))
		}
		rec[8] = strconv.Itoa(1+r.IntN(200)) + " High Street"
		rec[9] = cities[r.IntN(len(cities))]
		rec[10] = strconv.Itoa(10000 + r.IntN(89999))
		rec[11] = "Example Country"
		rec[12] = ""
		if r.IntN(4) == 0 {
			rec[12] = "Met at the \"Expo\", booth 12.\nFollow up, with pricing;\nlikes: coffee"
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
