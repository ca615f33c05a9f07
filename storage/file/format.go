package file

import (
	"encoding/binary"

	"github.com/leadkit/leads"

	bolt "go.etcd.io/bbolt"
)

// The layout of a store inside its bbolt file:
//
//	meta      magic     "leadkit/leads store"
//	          format    formatVersion, one uvarint
//	          leads     the number of leads, 8 bytes big-endian
//	          accounts  the number of accounts, likewise
//	          criteria  the number of scoring criteria, likewise
//	          reports   the number of saved reports, likewise
//	leads     ID (16 bytes) -> a lead in the record encoding (codec.go)
//	accounts  ID (16 bytes) -> an account
//	criteria  ID (16 bytes) -> a scoring criterion
//	reports   ID (16 bytes) -> a saved report (JSON inside the record frame)
//
// A new store starts with the default criteria (leads.DefaultCriteria).
//
// The magic value tells our files from other bbolt files; the format
// version lets a later version change the layout and lets this one refuse
// files it cannot read. The counts let Open notice records lost to damage
// that bbolt itself does not detect.
const formatVersion = 1

var (
	bucketMeta     = []byte("meta")
	bucketLeads    = []byte("leads")
	bucketAccounts = []byte("accounts")
	bucketCriteria = []byte("criteria")
	bucketReports  = []byte("reports")

	keyMagic  = []byte("magic")
	keyFormat = []byte("format")
	magic     = []byte("leadkit/leads store")
)

// fillPercent is how full bbolt packs the pages of the record buckets.
// Records get UUID v7 IDs, which grow with time, so new records mostly
// append at the end of the tree: packing pages fuller than bbolt's default
// of one half keeps the file, and the open time, about half as large.
const fillPercent = 0.9

// readCount returns the count at key; ok is false if there is none.
func readCount(meta *bolt.Bucket, key []byte) (n uint64, ok bool) {
	v := meta.Get(key)
	if len(v) != 8 {
		return 0, false
	}
	return binary.BigEndian.Uint64(v), true
}

// addCount adds delta to the count at key.
func addCount(meta *bolt.Bucket, key []byte, delta int) error {
	if delta == 0 {
		return nil
	}
	n, _ := readCount(meta, key)
	return meta.Put(key, binary.BigEndian.AppendUint64(nil, n+uint64(delta)))
}

// buckets are the buckets of a store within one bbolt transaction.
type buckets struct {
	meta, leads, accounts, criteria, reports *bolt.Bucket
}

// bucketsOf returns the store's buckets in tx; ok is false if one is
// missing. Writable transactions get the fill percent set.
func bucketsOf(tx *bolt.Tx) (b buckets, ok bool) {
	b = buckets{meta: tx.Bucket(bucketMeta), leads: tx.Bucket(bucketLeads), accounts: tx.Bucket(bucketAccounts),
		criteria: tx.Bucket(bucketCriteria), reports: tx.Bucket(bucketReports)}
	if b.meta == nil || b.leads == nil || b.accounts == nil || b.criteria == nil || b.reports == nil {
		return b, false
	}
	if tx.Writable() {
		b.leads.FillPercent = fillPercent
		b.accounts.FillPercent = fillPercent
	}
	return b, true
}

// initialize lays out a new store in an empty bbolt file.
func initialize(tx *bolt.Tx) error {
	meta, err := tx.CreateBucket(bucketMeta)
	if err != nil {
		return err
	}
	for _, kv := range [][2][]byte{
		{keyMagic, magic},
		{keyFormat, binary.AppendUvarint(nil, formatVersion)},
		{bucketLeads, make([]byte, 8)},
		{bucketAccounts, make([]byte, 8)},
		{bucketCriteria, make([]byte, 8)},
		{bucketReports, make([]byte, 8)},
	} {
		if err := meta.Put(kv[0], kv[1]); err != nil {
			return err
		}
	}
	if _, err := tx.CreateBucket(bucketLeads); err != nil {
		return err
	}
	if _, err = tx.CreateBucket(bucketAccounts); err != nil {
		return err
	}
	if _, err = tx.CreateBucket(bucketReports); err != nil {
		return err
	}
	criteria, err := tx.CreateBucket(bucketCriteria)
	if err != nil {
		return err
	}
	for _, c := range leads.DefaultCriteria() {
		c.Version = 1
		if err := criteria.Put(c.ID[:], encodeCriterion(&c)); err != nil {
			return err
		}
	}
	return addCount(meta, bucketCriteria, len(leads.DefaultCriteria()))
}

// lacksOnlyReports reports whether tx sees a store of ours, of a format
// this code reads, whose only missing bucket is that of saved reports.
func lacksOnlyReports(tx *bolt.Tx) bool {
	b, _ := bucketsOf(tx)
	if b.meta == nil || string(b.meta.Get(keyMagic)) != string(magic) {
		return false
	}
	if f, n := binary.Uvarint(b.meta.Get(keyFormat)); n <= 0 || f == 0 || f > formatVersion {
		return false
	}
	return b.reports == nil && b.leads != nil && b.accounts != nil && b.criteria != nil
}

// addReportsBucket adds the bucket of saved reports, and its count, to a
// store made before reports were saved. It touches only files with our
// magic value that lack the bucket, so a foreign file stays untouched.
func addReportsBucket(db *bolt.DB) error {
	needed := false
	err := guard(func() error {
		return db.View(func(tx *bolt.Tx) error {
			needed = lacksOnlyReports(tx)
			return nil
		})
	})
	if err != nil || !needed {
		return nil // checkLayout reports problems of the file
	}
	return db.Update(func(tx *bolt.Tx) error {
		if _, err := tx.CreateBucket(bucketReports); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Put(bucketReports, make([]byte, 8))
	})
}
