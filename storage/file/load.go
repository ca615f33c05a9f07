package file

import (
	"bytes"
	"errors"
	"fmt"
	"runtime"
	"sync"

	"github.com/google/uuid"
	"github.com/leadkit/leads/storage/internal/index"
	bolt "go.etcd.io/bbolt"
)

// load lays out a fresh file, or checks an existing one, and reads every
// record into a new Store's index. A read-only store written before a
// bucket joined the layout is read as it is, the records of the missing
// buckets as none.
func load(db *bolt.DB, path string, fresh, readOnly bool) (*Store, error) {
	if fresh {
		// The file was empty or missing when Open looked; unless another
		// process laid it out since, bbolt has just created it empty.
		var empty bool
		err := guardedView(db, path, func(tx *bolt.Tx) error {
			k, _ := tx.Cursor().First()
			empty = k == nil
			return nil
		})
		if err != nil {
			return nil, err
		}
		if empty {
			if err := db.Update(initialize); err != nil {
				return nil, fmt.Errorf("leads/file: create %s: %w", path, err)
			}
		}
	}

	var upgrade bool
	err := guardedView(db, path, func(tx *bolt.Tx) error {
		if _, err := checkLayout(tx, path); err != nil {
			return err
		}
		upgrade = missingBuckets(tx)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if upgrade && !readOnly {
		if err := db.Update(addLaterBuckets); err != nil {
			return nil, fmt.Errorf("leads/file: add buckets to %s: %w", path, err)
		}
	}

	c := &index.Changes{}
	err = guardedView(db, path, func(tx *bolt.Tx) error {
		b, err := checkLayout(tx, path)
		if err != nil {
			return err
		}
		if c.Accounts, err = loadRecords(db, b.accounts, b.meta, path, accountKind()); err != nil {
			return err
		}
		if c.Criteria, err = loadRecords(db, b.criteria, b.meta, path, criterionKind()); err != nil {
			return err
		}
		if c.Users, err = loadRecords(db, b.users, b.meta, path, userKind()); err != nil {
			return err
		}
		if c.FieldDefinitions, err = loadRecords(db, b.fields, b.meta, path, fieldDefKind()); err != nil {
			return err
		}
		if c.Opportunities, err = loadRecords(db, b.opportunities, b.meta, path, opportunityKind()); err != nil {
			return err
		}
		if c.History, err = loadRecords(db, b.history, b.meta, path, historyKind()); err != nil {
			return err
		}
		if c.Reports, err = loadRecords(db, b.reports, b.meta, path, reportKind()); err != nil {
			return err
		}
		c.Leads, err = loadRecords(db, b.leads, b.meta, path, leadKind())
		return err
	})
	if err != nil {
		return nil, err
	}
	return &Store{path: path, db: db, index: index.NewFrom(c), readOnly: readOnly}, nil
}

// record is a key and value of a bucket, pointing into the memory map.
type record struct{ key, val []byte }

// loadRecords decodes every record of kind k in bucket and checks them:
// each must decode, pass its checksum, carry the ID it is filed under, and
// be found by a lookup of that ID; and they must be as many as the count in
// meta says.
//
// The lookups are what catches damage to bbolt's branch pages, which hold
// the keys that guide searches: a cursor walks past them to every record,
// so a damaged one would go unnoticed until a write searched the tree,
// missed a record and filed a new one in the wrong place. They add about a
// tenth to the time of Open.
func loadRecords[T any](db *bolt.DB, bucket, meta *bolt.Bucket, path string, k kind[T]) (map[uuid.UUID]*T, error) {
	if bucket == nil {
		return nil, nil // a bucket of laterBuckets, in an old store opened read-only
	}
	want, ok := readCount(meta, k.bucketName)
	if !ok {
		return nil, damaged(path, "no count of "+k.name+"s", nil, nil)
	}
	// The count is not trusted to size the slice: it may be damaged.
	recs := make([]record, 0, min(want, 1<<20))
	c := bucket.Cursor()
	for key, v := c.First(); key != nil; key, v = c.Next() {
		if len(key) != len(uuid.UUID{}) || len(v) == 0 {
			return nil, damaged(path, fmt.Sprintf("a %s key of %d bytes", k.name, len(key)), k.bucketName, key)
		}
		// A damaged branch page can send the cursor through a page twice,
		// or past one: keys must come in strictly ascending order.
		if n := len(recs); n > 0 && bytes.Compare(recs[n-1].key, key) >= 0 {
			return nil, damaged(path, fmt.Sprintf("%s %x comes out of order: bbolt's branch pages are damaged", k.name, key), nil, nil)
		}
		recs = append(recs, record{key, v})
	}
	if uint64(len(recs)) != want {
		return nil, damaged(path, fmt.Sprintf("it holds %d %ss where its meta data says %d", len(recs), k.name, want), nil, nil)
	}

	// Decoding is most of the work of Open, so it runs on every processor.
	// Each worker looks records up in a read transaction of its own: a
	// bbolt transaction is not for concurrent use.
	out := make([]*T, len(recs))
	workers := max(1, min(runtime.GOMAXPROCS(0), len(recs)/4096))
	errs := make([]error, workers)
	bad := make([]int, workers) // the record each worker failed on, or -1
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := w*len(recs)/workers, (w+1)*len(recs)/workers
		bad[w] = -1
		wg.Go(func() {
			errs[w] = guard(func() error {
				return db.View(func(tx *bolt.Tx) error {
					// Get, not Cursor.Seek, which is cheaper but steps to the
					// next page when a search ends past the last key of one,
					// and so would not notice a search for the first key of a
					// page that ends on the page before.
					own := tx.Bucket(k.bucketName)
					shared := decimals{}
					for i, r := range recs[lo:hi] {
						bad[w] = lo + i
						// The same bytes of the map, or, for a small bucket that
						// bbolt copies out of its page, equal bytes.
						if found := own.Get(r.key); len(found) == 0 || &found[0] != &r.val[0] && !bytes.Equal(found, r.val) {
							return fmt.Errorf("%s %x: a search for it fails: bbolt's branch pages are damaged", k.name, r.key)
						}
						rec, err := k.decode(r.val, shared)
						if err != nil {
							return fmt.Errorf("%s %x: %w", k.name, r.key, err)
						}
						if id := k.id(rec); string(id[:]) != string(r.key) {
							return fmt.Errorf("%s %x: %w: the record is of %s", k.name, r.key, errCorrupt, id)
						}
						out[lo+i] = rec
					}
					bad[w] = -1
					return nil
				})
			})
		})
	}
	wg.Wait()
	for w, err := range errs {
		if err == nil {
			continue
		}
		var key []byte
		if bad[w] >= 0 {
			key = recs[bad[w]].key
		}
		if errors.Is(err, errPanic) {
			// bbolt's panic says nothing a user can act on.
			err = fmt.Errorf("%s %x: unreadable", k.name, key)
		}
		return nil, damaged(path, err.Error(), k.bucketName, key)
	}
	m := make(map[uuid.UUID]*T, len(out))
	for _, r := range out {
		m[k.id(r)] = r
	}
	return m, nil
}
