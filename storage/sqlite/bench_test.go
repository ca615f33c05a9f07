package sqlite

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/file"
	"github.com/shopspring/decimal"
)

// The benchmarks compare this store with storage/file on one set of
// 100,000 generated leads, each store built once per run through its bulk
// path (leads.CreateMany) in a directory that TestMain removes.

const benchLeads = 100_000

var shared struct {
	mu    sync.Mutex
	dir   string
	paths map[string]string
	rate  map[string]float64 // import rows/s of each store's build
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared.dir != "" {
		os.RemoveAll(shared.dir)
	}
	os.Exit(code)
}

var (
	firstNames = []string{"Anna", "Jörg", "Zoë", "Ольга", "Иван", "François", "Mary", "José", "Søren", "Li"}
	lastNames  = []string{"Müller", "Smith", "Petrov", "Дмитриев", "García", "O'Brien", "Nguyen", "Łukasz", "Brown", "Rossi"}
	companies  = []string{"Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark", "Wayne", "Cyberdyne", "Tyrell", "Soylent"}
	statuses   = []leads.Status{"New", "Contacted", "Qualified", "Lost", "Won"}
	sources    = []string{"Web", "Fair", "Phone", "Mail", "Partner"}
)

// benchLead returns lead n of the generated set.
func benchLead(n int) *leads.Lead {
	r := rand.New(rand.NewPCG(uint64(n), 7))
	first, last := firstNames[r.IntN(len(firstNames))], lastNames[r.IntN(len(lastNames))]
	company := companies[r.IntN(len(companies))]
	if n%3 == 0 {
		company = fmt.Sprintf("%s %d", company, r.IntN(2500))
	}
	stars := leads.Stars(r.IntN(6))
	created := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(r.Int64N(int64(5 * 365 * 24 * time.Hour))))
	var id uuid.UUID
	copy(id[:], fmt.Sprintf("%016x", n)) // stable, distinct
	id[6], id[8] = 0x70|id[6]&0x0f, 0x80|id[8]&0x3f
	l := &leads.Lead{
		ID: id, Type: leads.TypeLead,
		FirstName: first, LastName: last, FullName: first + " " + last, FileAs: fmt.Sprintf("%s, %s %d", last, first, n),
		Company: company, JobTitle: "Buyer", AssignedTo: fmt.Sprintf("user%02d", r.IntN(20)),
		Source: sources[r.IntN(len(sources))], Status: statuses[r.IntN(len(statuses))],
		Score:  leads.Score{Type: leads.ScoreAuto, Stars: stars, Value: decimal.NewFromInt(int64(stars) * 20)},
		Emails: []leads.Email{{Label: "work", Address: fmt.Sprintf("p%d@mail.example", n)}, {Label: "home", Address: fmt.Sprintf("x%d@home.example", n)}},
		Phones: []leads.Phone{{Label: leads.PhoneBusiness, Number: fmt.Sprintf("+49 30 %07d ext. %d", n, r.IntN(100))}},
		Addresses: []leads.Address{{Label: leads.AddressBusiness, Street: fmt.Sprintf("%d Main St\nFloor 2", n%500),
			City: "Berlin", PostalCode: "10115", Country: "Germany"}},
		Custom:    map[string]string{"Region": "North", "Budget": fmt.Sprint(r.IntN(100000))},
		CreatedAt: created, UpdatedAt: created, CreatedBy: "import", UpdatedBy: "import",
	}
	return l
}

// sharedPath returns a store of benchLeads leads of the kind ("sqlite" or
// "file"), built on first use.
func sharedPath(b *testing.B, kind string) string {
	b.Helper()
	shared.mu.Lock()
	defer shared.mu.Unlock()
	if p, ok := shared.paths[kind]; ok {
		return p
	}
	if shared.dir == "" {
		dir, err := os.MkdirTemp("", "leads-sqlite-bench-")
		if err != nil {
			b.Fatal(err)
		}
		shared.dir, shared.paths, shared.rate = dir, map[string]string{}, map[string]float64{}
	}
	path := filepath.Join(shared.dir, "leads-"+kind)
	s := openKind(b, kind, path)
	defer s.Close()
	start := time.Now()
	const batch = 10_000
	for lo := 0; lo < benchLeads; lo += batch {
		ls := make([]*leads.Lead, 0, batch)
		for i := lo; i < min(lo+batch, benchLeads); i++ {
			ls = append(ls, benchLead(i))
		}
		if err := leads.CreateMany(context.Background(), s, ls); err != nil {
			b.Fatal(err)
		}
	}
	shared.rate[kind] = benchLeads / time.Since(start).Seconds()
	shared.paths[kind] = path
	return path
}

func openKind(b *testing.B, kind, path string) leads.Store {
	var (
		s   leads.Store
		err error
	)
	if kind == "sqlite" {
		s, err = Open(context.Background(), path, nil)
	} else {
		s, err = file.Open(path, nil)
	}
	if err != nil {
		b.Fatal(err)
	}
	return s
}

var benchKinds = []string{"sqlite", "file"}

// BenchmarkOpenGet opens the store of 100k leads, reads one lead by ID
// and closes it: what `leads show ID` does.
func BenchmarkOpenGet(b *testing.B) {
	for _, kind := range benchKinds {
		b.Run(kind, func(b *testing.B) {
			path := sharedPath(b, kind)
			i := 0
			for b.Loop() {
				s := openKind(b, kind, path)
				if _, err := s.Leads().Get(context.Background(), benchLead(i*7919%benchLeads).ID); err != nil {
					b.Fatal(err)
				}
				s.Close()
				i++
			}
		})
	}
}

// BenchmarkFirstPage lists the first 20 leads of 100k in the sorts of the
// list screens, on an open store.
func BenchmarkFirstPage(b *testing.B) {
	sorts := map[string][]leads.SortKey{
		"FileAs":   nil,
		"Score":    {leads.Desc(leads.FieldScore)},
		"Stars":    {leads.Desc(leads.FieldStars)},
		"Assigned": {leads.Asc(leads.FieldAssignedTo)},
	}
	for _, kind := range benchKinds {
		for _, name := range []string{"FileAs", "Score", "Stars", "Assigned"} {
			b.Run(kind+"/"+name, func(b *testing.B) {
				s := openKind(b, kind, sharedPath(b, kind))
				defer s.Close()
				q := leads.Query{Sort: sorts[name], Limit: 20}
				for b.Loop() {
					n := 0
					for _, err := range s.Leads().List(context.Background(), q) {
						if err != nil {
							b.Fatal(err)
						}
						n++
					}
					if n != 20 {
						b.Fatalf("%d leads", n)
					}
				}
			})
		}
	}
}

// BenchmarkLookup looks one e-mail key up among 100k leads.
func BenchmarkLookup(b *testing.B) {
	for _, kind := range benchKinds {
		b.Run(kind, func(b *testing.B) {
			s := openKind(b, kind, sharedPath(b, kind))
			defer s.Close()
			i := 0
			for b.Loop() {
				l := benchLead(i * 7919 % benchLeads)
				key := leads.MatchKeys(l)[0]
				n := 0
				for _, err := range s.Leads().Lookup(context.Background(), key, 10) {
					if err != nil {
						b.Fatal(err)
					}
					n++
				}
				if n == 0 {
					b.Fatalf("key %q found nothing", key)
				}
				i++
			}
		})
	}
}

// BenchmarkImport reports the rows/s of the bulk build of each store's
// 100k leads (leads.CreateMany in batches of 10,000), done once.
func BenchmarkImport(b *testing.B) {
	for _, kind := range benchKinds {
		b.Run(kind, func(b *testing.B) {
			sharedPath(b, kind)
			for b.Loop() {
			}
			b.ReportMetric(shared.rate[kind], "rows/s")
		})
	}
}

// BenchmarkCreateMany stores batches of 1,000 new leads into a store that
// grows with each batch, as an import does.
func BenchmarkCreateMany(b *testing.B) {
	s := newT(b)
	next := 0
	for b.Loop() {
		ls := make([]*leads.Lead, 1000)
		for i := range ls {
			ls[i] = benchLead(next)
			next++
		}
		if err := s.Leads().(leads.BulkCreator).CreateMany(context.Background(), ls); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(next)/b.Elapsed().Seconds(), "rows/s")
}
