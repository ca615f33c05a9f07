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
//	          fields, opportunities, history, reports  the numbers of those records, likewise
//	          users     the number of users, likewise
//	leads     ID (16 bytes) -> a lead in the record encoding (codec.go)
//	accounts  ID (16 bytes) -> an account
//	criteria  ID (16 bytes) -> a scoring criterion
//	fields    ID (16 bytes) -> a definition of a user-defined field
//	opportunities  ID (16 bytes) -> an opportunity
//	history   ID (16 bytes) -> a history item (codec_history.go)
//	reports   ID (16 bytes) -> a saved report (JSON inside the record frame)
//	users     ID (16 bytes) -> a user (codec_user.go)
//
// A new store starts with the default criteria (leads.DefaultCriteria).
// A store written before a bucket joined the layout (laterBuckets) lacks
// it and its count; Open adds both (see addLaterBuckets).
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
	bucketUsers    = []byte("users")
	bucketFields   = []byte("fields")
	bucketOpps     = []byte("opportunities")
	bucketHistory  = []byte("history")
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
	meta, leads, accounts, criteria *bolt.Bucket
	// The buckets added to the layout later (laterBuckets) are nil only
	// while Open has not yet added them to an older store.
	fields, opportunities, history, reports, users *bolt.Bucket
}

// bucketsOf returns the store's buckets in tx; ok is false if one is
// missing. Writable transactions get the fill percent set.
func bucketsOf(tx *bolt.Tx) (b buckets, ok bool) {
	b = buckets{meta: tx.Bucket(bucketMeta), leads: tx.Bucket(bucketLeads), accounts: tx.Bucket(bucketAccounts),
		criteria: tx.Bucket(bucketCriteria), fields: tx.Bucket(bucketFields), opportunities: tx.Bucket(bucketOpps),
		history: tx.Bucket(bucketHistory), reports: tx.Bucket(bucketReports), users: tx.Bucket(bucketUsers)}
	if b.meta == nil || b.leads == nil || b.accounts == nil || b.criteria == nil {
		return b, false
	}
	if tx.Writable() {
		b.leads.FillPercent = fillPercent
		b.accounts.FillPercent = fillPercent
		for _, later := range []*bolt.Bucket{b.fields, b.opportunities, b.history, b.reports} {
			if later != nil {
				later.FillPercent = fillPercent
			}
		}
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
		{bucketUsers, make([]byte, 8)},
		{bucketFields, make([]byte, 8)},
		{bucketOpps, make([]byte, 8)},
		{bucketHistory, make([]byte, 8)},
		{bucketReports, make([]byte, 8)},
	} {
		if err := meta.Put(kv[0], kv[1]); err != nil {
			return err
		}
	}
	if _, err := tx.CreateBucket(bucketLeads); err != nil {
		return err
	}
	for _, name := range append([][]byte{bucketAccounts}, laterBuckets()...) {
		if _, err = tx.CreateBucket(name); err != nil {
			return err
		}
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

// laterBuckets are the record buckets added to the layout after the
// first: meta, leads, accounts and criteria.
func laterBuckets() [][]byte {
	return [][]byte{bucketFields, bucketOpps, bucketHistory, bucketReports, bucketUsers}
}

// missingBuckets reports whether a store lacks one of laterBuckets.
func missingBuckets(tx *bolt.Tx) bool {
	for _, name := range laterBuckets() {
		if tx.Bucket(name) == nil {
			return true
		}
	}
	return false
}

// addLaterBuckets adds the buckets of laterBuckets, with a count of zero,
// to a store written before they existed. It leaves alone those it has.
func addLaterBuckets(tx *bolt.Tx) error {
	meta := tx.Bucket(bucketMeta)
	for _, name := range laterBuckets() {
		if tx.Bucket(name) != nil {
			continue
		}
		if _, err := tx.CreateBucket(name); err != nil {
			return err
		}
		if err := meta.Put(name, make([]byte, 8)); err != nil {
			return err
		}
	}
	return nil
}
