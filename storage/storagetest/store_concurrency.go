package storagetest

import (
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
)

// testText stores text that breaks naive encoders: quotes, SQL, control
// characters, long strings and every script.
func testText(t *testing.T, s leads.Store) {
	long := make([]byte, 1<<20)
	for i := range long {
		long[i] = "abc;'\"\\\n"[i%8]
	}
	l := Sample(40)
	l.FullName = `Robert'); DROP TABLE leads;-- "Bobby" \ Tables`
	l.Company = "Ω≈ç√∫ 😀 مرحبا 日本語 \t\r\n"
	l.Comments = append(l.Comments, leads.Comment{Text: string(long)})
	l.Custom["quote'd \"key\""] = "value; SELECT 1"
	create(t, s, l)
	got, err := s.Leads().Get(ctx, l.ID)
	mustNoError(t, err)
	requireSame(t, l, got)
	found := collect(t, s, leads.Query{Where: leads.Contains(leads.FieldFullName, "drop table")})
	mustEqual(t, []uuid.UUID{l.ID}, ids(found))
}

func testConcurrentCreate(t *testing.T, s leads.Store) {
	const workers, each = 8, 25
	var wg sync.WaitGroup
	errs := make(chan error, workers*each)
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				errs <- s.Leads().Create(ctx, Sample(1000+w*each+i))
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		mustNoError(t, err)
	}
	n, err := s.Leads().Count(ctx, leads.Query{})
	mustNoError(t, err)
	mustEqual(t, workers*each, n)
	for i := range workers * each {
		want := Sample(1000 + i)
		want.Version = 1
		got, err := s.Leads().Get(ctx, want.ID)
		mustNoError(t, err)
		requireSame(t, want, got)
	}
}

// testConcurrentUpdate has many goroutines edit overlapping records, both
// through functions (which always apply) and by saving copies they read
// earlier (which may conflict and then retry). Every edit that reported
// success must be in the store: none is lost.
func testConcurrentUpdate(t *testing.T, s leads.Store) {
	const records, workers, each = 4, 8, 20
	for i := range records {
		l := Sample(i)
		l.Custom = map[string]string{}
		create(t, s, l)
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	applied := map[string]bool{}
	conflicts := 0
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				id := Sample((w + i) % records).ID
				mark := fmt.Sprintf("w%d-%d", w, i)
				var err error
				if i%2 == 0 {
					_, err = s.Leads().Update(ctx, id, func(l *leads.Lead) error {
						l.Custom[mark] = "1"
						return nil
					})
				} else {
					for {
						var read *leads.Lead
						read, err = s.Leads().Get(ctx, id)
						if err != nil {
							break
						}
						read.Custom[mark] = "1"
						_, err = s.Leads().Update(ctx, id, func(l *leads.Lead) error { *l = *read.Clone(); return nil })
						if !errors.Is(err, leads.ErrConflict) {
							break
						}
						mu.Lock()
						conflicts++
						mu.Unlock()
					}
				}
				mu.Lock()
				if err == nil {
					applied[mark] = true
				} else {
					t.Errorf("update %s: %v", mark, err)
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	var total int64
	for i := range records {
		got, err := s.Leads().Get(ctx, Sample(i).ID)
		mustNoError(t, err)
		total += got.Version - 1
		for mark := range got.Custom {
			mustTrue(t, applied[mark], "mark %s was stored but not reported", mark)
			delete(applied, mark)
		}
	}
	mustEmpty(t, applied, "every reported update is stored")
	mustEqualValues(t, workers*each, total, "one version per applied update")
	t.Logf("%d conflicts retried", conflicts)
}

func testConcurrentReadWrite(t *testing.T, s leads.Store) {
	querySet(t, s, 30)
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for range 3 {
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				q := leads.Query{Where: leads.StarsBetween(2, 5), Sort: []leads.SortKey{leads.Desc(leads.FieldScore)}}
				for l, err := range s.Leads().List(ctx, q) {
					if err != nil {
						t.Error(err)
						return
					}
					l.Custom["reader"] = "scribble" // copies, so no race
				}
			}
		})
	}
	for i := range 40 {
		id := Sample(i % 30).ID
		_, err := s.Leads().Update(ctx, id, func(l *leads.Lead) error {
			l.Score.Stars = leads.Stars(i % 6)
			return nil
		})
		mustNoError(t, err)
		mustNoError(t, s.Leads().Create(ctx, Sample(500+i)))
	}
	close(stop)
	wg.Wait()
}
