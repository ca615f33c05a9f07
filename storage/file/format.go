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
//	          fields, opportunities  the numbers of those records, likewise
//	          users     the number of users, likewise
//	leads     ID (16 bytes) -> a lead in the record encoding (codec.go)
//	accounts  ID (16 bytes) -> an account
//	criteria  ID (16 bytes) -> a scoring criterion
//	fields    ID (16 bytes) -> a definition of a user-defined field
//	opportunities  ID (16 bytes) -> an opportunity
//	users     ID (16 bytes) -> a user (codec_user.go)
//
// The users bucket came after the first files of format 1 were written:
// Open adds it, empty, to a file that lacks it (see upgrade).
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
	bucketUsers    = []byte("users")
	bucketFields   = []byte("fields")
	bucketOpps     = []byte("opportunities")

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
	users                           *bolt.Bucket // nil only in a file not yet upgraded
	fields, opportunities           *bolt.Bucket
}

// bucketsOf returns the store's buckets in tx; ok is false if one is
// missing. Writable transactions get the fill percent set.
func bucketsOf(tx *bolt.Tx) (b buckets, ok bool) {
	b = buckets{meta: tx.Bucket(bucketMeta), leads: tx.Bucket(bucketLeads), accounts: tx.Bucket(bucketAccounts),
		criteria: tx.Bucket(bucketCriteria), users: tx.Bucket(bucketUsers),
		fields: tx.Bucket(bucketFields), opportunities: tx.Bucket(bucketOpps)}
	if b.meta == nil || b.leads == nil || b.accounts == nil || b.criteria == nil ||
		b.fields == nil || b.opportunities == nil {
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
		{bucketUsers, make([]byte, 8)},
		{bucketFields, make([]byte, 8)},
		{bucketOpps, make([]byte, 8)},
	} {
		if err := meta.Put(kv[0], kv[1]); err != nil {
			return err
		}
	}
	if _, err := tx.CreateBucket(bucketLeads); err != nil {
		return err
	}
	for _, name := range [][]byte{bucketAccounts, bucketFields, bucketOpps, bucketUsers} {
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

// upgrade adds to a store the buckets that came after its format version
// was fixed and that it lacks: the users bucket, empty, with its count.
// It changes nothing in a store that has them.
func upgrade(tx *bolt.Tx) error {
	if tx.Bucket(bucketUsers) != nil {
		return nil
	}
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		return nil // checkLayout reports it
	}
	if _, err := tx.CreateBucket(bucketUsers); err != nil {
		return err
	}
	return meta.Put(bucketUsers, make([]byte, 8))
}
