package file

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"maps"
	"math"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
	"github.com/shopspring/decimal"
)

// Records are stored in a compact binary form, chosen because a store is
// read whole on every open: decoding it must be much cheaper than JSON.
// A stored record is a frame:
//
//	version  1 byte, recordVersion
//	n        uvarint, the length of body
//	body     n bytes: the fields in a fixed order (see appendLead)
//	blob     the photo's bytes (leads only; empty otherwise)
//	crc      4 bytes, little-endian CRC-32C of everything before it
//
// The decoder turns the whole body into one string and slices every text
// field out of it, so a record costs one allocation for all its text rather
// than one per field. The photo sits outside the body so that its bytes are
// not kept twice, once in that string and once in Photo.Data.
//
// The checksum lets Open tell a damaged record from a good one: bbolt
// checks its meta pages but not the pages that hold our values.
//
// Inside the body:
//
//   - text is a uvarint length and the bytes;
//   - IDs are their 16 bytes;
//   - whole numbers are zig-zag varints (unsigned ones plain uvarints);
//   - times are seconds since year 1 (zig-zag varint) and nanoseconds
//     (uvarint); they decode in UTC, which is how a Book writes them;
//   - decimals are text: "" for the zero decimal.Decimal, else the
//     coefficient and the exponent ("50e-2"), so 0.50 comes back as 0.50
//     and not 0.5;
//   - slices and maps start with a uvarint count plus one, 0 meaning nil:
//     a store gives back nil where it was given nil and empty where it was
//     given empty;
//   - maps are written in key order, so that equal records encode equally;
//   - a lead's status history, if not nil, follows its version, as a
//     count plus one and per step the status, time, user and reason;
//   - the photo is a byte: 0 for none, 1 for a photo whose Data is nil, 2
//     for one whose Data is the blob; its content type follows, if any.
const recordVersion = 1

// castagnoli is the CRC-32C table; the processor computes it in hardware.
var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// unixToInternal is the number of seconds from year 1 to 1970, so that the
// zero time.Time encodes as 0 and takes one byte.
const unixToInternal int64 = (1969*365 + 1969/4 - 1969/100 + 1969/400) * 24 * 60 * 60

// errCorrupt is the cause of every decoding failure.
var errCorrupt = errors.New("corrupt record")

// encodeLead returns the stored form of l.
func encodeLead(l *leads.Lead) []byte {
	var blob []byte
	if l.Photo != nil {
		blob = l.Photo.Data
	}
	return frame(appendLead(make([]byte, 0, 512), l), blob)
}

// decodeLead decodes a stored lead. shared may be nil; see decimals.
func decodeLead(rec []byte, shared decimals) (*leads.Lead, error) {
	body, blob, err := unframe(rec)
	if err != nil {
		return nil, err
	}
	return decodeLeadBody(body, blob, shared)
}

// encodeAccount returns the stored form of a.
func encodeAccount(a *leads.Account) []byte {
	return frame(appendAccount(make([]byte, 0, 256), a), nil)
}

// decodeAccount decodes a stored account. Accounts hold no decimals; the
// second argument makes the signature that of decodeLead.
func decodeAccount(rec []byte, _ decimals) (*leads.Account, error) {
	body, blob, err := unframe(rec)
	if err != nil {
		return nil, err
	}
	if len(blob) > 0 {
		return nil, fmt.Errorf("%w: %d stray bytes after an account", errCorrupt, len(blob))
	}
	return decodeAccountBody(body)
}

// encodeCriterion returns the stored form of c.
func encodeCriterion(c *leads.Criterion) []byte {
	b := append(make([]byte, 0, 64), c.ID[:]...)
	b = appendString(b, c.Name)
	b = append(b, byte(c.Weight))
	return frame(binary.AppendVarint(b, c.Version), nil)
}

// decodeCriterion decodes a stored criterion.
func decodeCriterion(rec []byte, _ decimals) (*leads.Criterion, error) {
	body, blob, err := unframe(rec)
	if err != nil {
		return nil, err
	}
	if len(blob) > 0 {
		return nil, fmt.Errorf("%w: %d stray bytes after a criterion", errCorrupt, len(blob))
	}
	d := &decoder{s: string(body)}
	c := &leads.Criterion{ID: d.id(), Name: d.text()}
	c.Weight = leads.Weight(d.byte())
	c.Version = d.varint()
	if err := d.end(); err != nil {
		return nil, err
	}
	if !c.Weight.Valid() {
		return nil, fmt.Errorf("%w: criterion weight %d", errCorrupt, c.Weight)
	}
	return c, nil
}

// indexedBit marks an indexed definition in the byte of its type.
const indexedBit = 0x80

// encodeFieldDefinition returns the stored form of a user-defined field's
// definition.
func encodeFieldDefinition(f *leads.FieldDefinition) []byte {
	b := append(make([]byte, 0, 64), f.ID[:]...)
	b = append(b, byte(f.RecordType))
	b = appendString(b, f.Name)
	// The type's high bit says Indexed; files written before it existed
	// never set it.
	t := byte(f.Type)
	if f.Indexed {
		t |= indexedBit
	}
	b = append(b, t)
	b = appendStrings(b, f.Choices)
	return frame(binary.AppendVarint(b, f.Version), nil)
}

// decodeFieldDefinition decodes a stored definition.
func decodeFieldDefinition(rec []byte, _ decimals) (*leads.FieldDefinition, error) {
	body, blob, err := unframe(rec)
	if err != nil {
		return nil, err
	}
	if len(blob) > 0 {
		return nil, fmt.Errorf("%w: %d stray bytes after a field definition", errCorrupt, len(blob))
	}
	d := &decoder{s: string(body)}
	f := &leads.FieldDefinition{ID: d.id(), RecordType: leads.RecordType(d.byte()), Name: d.text()}
	t := d.byte()
	f.Type, f.Indexed = leads.CustomType(t&^indexedBit), t&indexedBit != 0
	f.Choices = d.texts()
	f.Version = d.varint()
	if err := d.end(); err != nil {
		return nil, err
	}
	if !f.Type.Valid() || f.RecordType > leads.TypeContact {
		return nil, fmt.Errorf("%w: field definition of type %d for record type %d", errCorrupt, f.Type, f.RecordType)
	}
	return f, nil
}

// encodeOpportunity returns the stored form of o.
func encodeOpportunity(o *leads.Opportunity) []byte {
	b := append(make([]byte, 0, 256), o.ID[:]...)
	b = append(b, o.RecordID[:]...)
	b = appendString(b, o.Title)
	b = appendString(b, string(o.Stage))
	b = binary.AppendVarint(b, int64(o.Probability))
	b = appendTime(b, o.CloseDate)
	b = appendString(b, o.Currency)
	b = appendCount(b, o.Lines == nil, len(o.Lines))
	for _, li := range o.Lines {
		b = appendString(b, li.Product)
		b = appendDecimal(b, li.Quantity)
		b = appendDecimal(b, li.UnitPrice)
		b = appendDecimal(b, li.Discount)
	}
	b = appendTime(b, o.CreatedAt)
	b = appendTime(b, o.UpdatedAt)
	return frame(binary.AppendVarint(b, o.Version), nil)
}

// decodeOpportunity decodes a stored opportunity.
func decodeOpportunity(rec []byte, _ decimals) (*leads.Opportunity, error) {
	body, blob, err := unframe(rec)
	if err != nil {
		return nil, err
	}
	if len(blob) > 0 {
		return nil, fmt.Errorf("%w: %d stray bytes after an opportunity", errCorrupt, len(blob))
	}
	return decodeOpportunityBody(body)
}

func decodeOpportunityBody(body []byte) (*leads.Opportunity, error) {
	d := &decoder{s: string(body)}
	o := &leads.Opportunity{ID: d.id(), RecordID: d.id(), Title: d.text(), Stage: leads.Stage(d.text())}
	p := d.varint()
	if p < math.MinInt32 || p > math.MaxInt32 {
		d.fail("probability %d out of range", p)
	}
	o.Probability = int(p)
	o.CloseDate = d.time()
	o.Currency = d.text()
	if n, isNil := d.count(4); !isNil {
		o.Lines = make([]leads.LineItem, n)
		for i := range o.Lines {
			o.Lines[i] = leads.LineItem{Product: d.text(), Quantity: d.decimal(), UnitPrice: d.decimal(), Discount: d.decimal()}
		}
	}
	o.CreatedAt = d.time()
	o.UpdatedAt = d.time()
	o.Version = d.varint()
	if err := d.end(); err != nil {
		return nil, err
	}
	return o, nil
}

// frame wraps a body and a blob into a stored record.
func frame(body, blob []byte) []byte {
	out := make([]byte, 0, 1+binary.MaxVarintLen64+len(body)+len(blob)+4)
	out = append(out, recordVersion)
	out = binary.AppendUvarint(out, uint64(len(body)))
	out = append(out, body...)
	out = append(out, blob...)
	return binary.LittleEndian.AppendUint32(out, crc32.Checksum(out, castagnoli))
}

// unframe checks a stored record and splits it into body and blob, which
// alias rec.
func unframe(rec []byte) (body, blob []byte, err error) {
	if len(rec) < 1+1+4 {
		return nil, nil, fmt.Errorf("%w: %d bytes is too short", errCorrupt, len(rec))
	}
	data, sum := rec[:len(rec)-4], binary.LittleEndian.Uint32(rec[len(rec)-4:])
	if crc32.Checksum(data, castagnoli) != sum {
		return nil, nil, fmt.Errorf("%w: checksum mismatch", errCorrupt)
	}
	if data[0] != recordVersion {
		return nil, nil, fmt.Errorf("%w: unknown record version %d", errCorrupt, data[0])
	}
	n, k := binary.Uvarint(data[1:])
	if k <= 0 || n > uint64(len(data)-1-k) {
		return nil, nil, fmt.Errorf("%w: bad body length", errCorrupt)
	}
	body = data[1+k : 1+k+int(n)]
	return body, data[1+k+int(n):], nil
}

// The field encoders append to a body.

func appendLead(b []byte, l *leads.Lead) []byte {
	b = append(b, l.ID[:]...)
	b = binary.AppendUvarint(b, uint64(l.Type))
	for _, s := range [...]string{l.FullName, l.Title, l.FirstName, l.MiddleName,
		l.LastName, l.Suffix, l.JobTitle, l.FileAs, l.Company} {
		b = appendString(b, s)
	}
	b = append(b, l.AccountID[:]...)
	b = appendString(b, l.AssignedTo)
	switch {
	case l.Photo == nil:
		b = append(b, 0)
	case l.Photo.Data == nil:
		b = append(b, 1)
		b = appendString(b, l.Photo.ContentType)
	default:
		b = append(b, 2)
		b = appendString(b, l.Photo.ContentType)
	}
	b = appendCount(b, l.Emails == nil, len(l.Emails))
	for _, e := range l.Emails {
		b = appendString(b, e.Label)
		b = appendString(b, e.Address)
	}
	b = appendPhones(b, l.Phones)
	b = appendStrings(b, l.WebPages)
	b = appendAddresses(b, l.Addresses)
	b = appendString(b, l.Source)
	b = append(b, l.InitiatedBy[:]...)
	b = appendString(b, string(l.Status))
	b = binary.AppendUvarint(b, uint64(l.Score.Type))
	b = binary.AppendVarint(b, int64(l.Score.Stars))
	b = appendDecimal(b, l.Score.Value)
	b = appendCount(b, l.Checks == nil, len(l.Checks))
	for _, id := range slices.SortedFunc(maps.Keys(l.Checks), func(x, y uuid.UUID) int {
		return strings.Compare(string(x[:]), string(y[:]))
	}) {
		b = append(b, id[:]...)
		b = appendBool(b, l.Checks[id])
	}
	b = appendCount(b, l.Comments == nil, len(l.Comments))
	for _, c := range l.Comments {
		b = appendTime(b, c.At)
		b = appendString(b, c.Author)
		b = appendString(b, c.Text)
	}
	b = appendCount(b, l.Custom == nil, len(l.Custom))
	for _, k := range slices.Sorted(maps.Keys(l.Custom)) {
		b = appendString(b, k)
		b = appendString(b, l.Custom[k])
	}
	if l.Details.IsZero() {
		b = append(b, 0)
	} else {
		b = append(b, 1)
		d := &l.Details
		for _, s := range [...]string{d.Department, d.Office, d.Profession, d.Manager, d.Assistant, d.Nickname, d.Spouse} {
			b = appendString(b, s)
		}
		b = appendTime(b, d.Birthday)
		b = appendTime(b, d.Anniversary)
	}
	b = appendTime(b, l.ConvertedAt)
	b = appendTime(b, l.CreatedAt)
	b = appendString(b, l.CreatedBy)
	b = appendTime(b, l.UpdatedAt)
	b = appendString(b, l.UpdatedBy)
	b = binary.AppendVarint(b, l.Version)
	// The status history trails the record, and only when there is one,
	// so records written before it existed read as they were.
	// The IDs merged into the record trail it in turn; a record that has
	// them but no status history writes a nil history (0) first.
	if l.StatusHistory != nil || l.MergedFrom != nil {
		b = appendCount(b, l.StatusHistory == nil, len(l.StatusHistory))
		for _, s := range l.StatusHistory {
			b = appendString(b, string(s.Status))
			b = appendTime(b, s.At)
			b = appendString(b, s.By)
			b = appendString(b, s.Reason)
		}
	}
	if l.MergedFrom != nil {
		b = appendCount(b, false, len(l.MergedFrom))
		for _, id := range l.MergedFrom {
			b = append(b, id[:]...)
		}
	}
	return b
}

func appendAccount(b []byte, a *leads.Account) []byte {
	b = append(b, a.ID[:]...)
	b = appendString(b, a.Name)
	b = appendPhones(b, a.Phones)
	b = appendStrings(b, a.WebPages)
	b = appendAddresses(b, a.Addresses)
	b = appendTime(b, a.CreatedAt)
	b = appendTime(b, a.UpdatedAt)
	return binary.AppendVarint(b, a.Version)
}

func appendPhones(b []byte, ps []leads.Phone) []byte {
	b = appendCount(b, ps == nil, len(ps))
	for _, p := range ps {
		b = appendString(b, string(p.Label))
		b = appendString(b, p.Number)
	}
	return b
}

func appendStrings(b []byte, ss []string) []byte {
	b = appendCount(b, ss == nil, len(ss))
	for _, s := range ss {
		b = appendString(b, s)
	}
	return b
}

func appendAddresses(b []byte, as []leads.Address) []byte {
	b = appendCount(b, as == nil, len(as))
	for _, a := range as {
		for _, s := range [...]string{string(a.Label), a.Street, a.City, a.State, a.PostalCode, a.Country} {
			b = appendString(b, s)
		}
		b = appendBool(b, a.Mailing)
	}
	return b
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// appendCount writes the length of a slice or map, keeping nil apart from
// empty.
func appendCount(b []byte, isNil bool, n int) []byte {
	if isNil {
		return append(b, 0)
	}
	return binary.AppendUvarint(b, uint64(n)+1)
}

func appendBool(b []byte, v bool) []byte {
	if v {
		return append(b, 1)
	}
	return append(b, 0)
}

func appendTime(b []byte, t time.Time) []byte {
	b = binary.AppendVarint(b, t.Unix()+unixToInternal)
	return binary.AppendUvarint(b, uint64(t.Nanosecond()))
}

func appendDecimal(b []byte, d decimal.Decimal) []byte {
	if d == (decimal.Decimal{}) {
		return appendString(b, "")
	}
	return appendString(b, d.Coefficient().String()+"e"+strconv.Itoa(int(d.Exponent())))
}

// decoder reads a body. Text fields are substrings of s, the body as one
// string. The first error sticks: later reads return zero values, so
// decoding functions check d.err once at the end.
type decoder struct {
	s      string
	off    int
	err    error
	shared decimals // may be nil
}

// decimals holds decoded decimals by their stored text, for decoding many
// records. Scores take few values, so a store holds the same decimals over
// and over; sharing them saves Open two allocations a lead. Sharing is safe:
// a decimal.Decimal never changes its coefficient, and Lead.Clone shares
// it too.
type decimals map[string]decimal.Decimal

// maxShared bounds a decimals map.
const maxShared = 1024

func (d *decoder) fail(format string, args ...any) {
	if d.err == nil {
		d.err = fmt.Errorf("%w: %s at byte %d", errCorrupt, fmt.Sprintf(format, args...), d.off)
	}
	d.off = len(d.s)
}

func (d *decoder) left() int { return len(d.s) - d.off }

func (d *decoder) byte() byte {
	if d.off >= len(d.s) {
		d.fail("unexpected end")
		return 0
	}
	c := d.s[d.off]
	d.off++
	return c
}

func (d *decoder) uvarint() uint64 {
	var x uint64
	for shift := uint(0); shift < 64; shift += 7 {
		if d.off >= len(d.s) {
			d.fail("unexpected end")
			return 0
		}
		c := d.s[d.off]
		d.off++
		if c < 0x80 {
			if shift == 63 && c > 1 {
				break
			}
			return x | uint64(c)<<shift
		}
		x |= uint64(c&0x7f) << shift
	}
	d.fail("varint overflows 64 bits")
	return 0
}

func (d *decoder) varint() int64 {
	u := d.uvarint()
	x := int64(u >> 1)
	if u&1 != 0 {
		x = ^x
	}
	return x
}

func (d *decoder) text() string {
	n := d.uvarint()
	if n > uint64(d.left()) {
		d.fail("text of %d bytes overruns the record", n)
		return ""
	}
	s := d.s[d.off : d.off+int(n)]
	d.off += int(n)
	return s
}

func (d *decoder) id() uuid.UUID {
	var id uuid.UUID
	if d.left() < len(id) {
		d.fail("unexpected end")
		return id
	}
	copy(id[:], d.s[d.off:])
	d.off += len(id)
	return id
}

func (d *decoder) bool() bool {
	switch d.byte() {
	case 0:
		return false
	case 1:
		return true
	}
	d.fail("bad boolean")
	return false
}

// count reads the length of a slice or map whose elements take at least
// minSize bytes each; nil reports a nil slice or map. Bounding the count by
// what is left keeps a damaged length from allocating gigabytes.
func (d *decoder) count(minSize int) (n int, isNil bool) {
	c := d.uvarint()
	if c == 0 {
		return 0, true
	}
	if c-1 > uint64(d.left()/minSize) {
		d.fail("count %d overruns the record", c-1)
		return 0, false
	}
	return int(c - 1), false
}

func (d *decoder) time() time.Time {
	sec := d.varint() - unixToInternal
	nsec := d.uvarint()
	if nsec >= 1e9 {
		d.fail("nanoseconds %d out of range", nsec)
		return time.Time{}
	}
	return time.Unix(sec, int64(nsec)).UTC()
}

func (d *decoder) decimal() decimal.Decimal {
	s := d.text()
	if s == "" || d.err != nil {
		return decimal.Decimal{}
	}
	if v, ok := d.shared[s]; ok {
		return v
	}
	v := d.parseDecimal(s)
	if d.shared != nil && d.err == nil && len(d.shared) < maxShared {
		d.shared[s] = v
	}
	return v
}

func (d *decoder) parseDecimal(s string) decimal.Decimal {
	coef, exp, ok := strings.Cut(s, "e")
	e, err := strconv.ParseInt(exp, 10, 32)
	if !ok || err != nil {
		d.fail("bad decimal %q", s)
		return decimal.Decimal{}
	}
	// decimal.New builds the value as decimal.NewFromInt and arithmetic on
	// small numbers do, so records come back equal, not just equivalent.
	if c, err := strconv.ParseInt(coef, 10, 64); err == nil {
		return decimal.New(c, int32(e))
	}
	c, ok := new(big.Int).SetString(coef, 10)
	if !ok {
		d.fail("bad decimal %q", s)
		return decimal.Decimal{}
	}
	return decimal.NewFromBigInt(c, int32(e))
}

func (d *decoder) int8() int8 {
	v := d.varint()
	if v < math.MinInt8 || v > math.MaxInt8 {
		d.fail("%d out of range", v)
		return 0
	}
	return int8(v)
}

func (d *decoder) uint8() uint8 {
	v := d.uvarint()
	if v > math.MaxUint8 {
		d.fail("%d out of range", v)
		return 0
	}
	return uint8(v)
}

// end checks that the whole body was read.
func (d *decoder) end() error {
	if d.err == nil && d.off != len(d.s) {
		d.fail("%d stray bytes", len(d.s)-d.off)
	}
	return d.err
}

func decodeLeadBody(body, blob []byte, shared decimals) (*leads.Lead, error) {
	d := &decoder{s: string(body), shared: shared}
	l := &leads.Lead{}
	l.ID = d.id()
	l.Type = leads.RecordType(d.uint8())
	l.FullName = d.text()
	l.Title = d.text()
	l.FirstName = d.text()
	l.MiddleName = d.text()
	l.LastName = d.text()
	l.Suffix = d.text()
	l.JobTitle = d.text()
	l.FileAs = d.text()
	l.Company = d.text()
	l.AccountID = d.id()
	l.AssignedTo = d.text()
	switch photo := d.byte(); photo {
	case 0:
	case 1, 2:
		l.Photo = &leads.Photo{ContentType: d.text()}
		if photo == 2 {
			l.Photo.Data = append([]byte{}, blob...)
		}
	default:
		d.fail("bad photo flag %d", photo)
	}
	if (l.Photo == nil || l.Photo.Data == nil) && len(blob) > 0 {
		d.fail("%d stray bytes after the record", len(blob))
	}
	if n, isNil := d.count(2); !isNil {
		l.Emails = make([]leads.Email, n)
		for i := range l.Emails {
			l.Emails[i] = leads.Email{Label: d.text(), Address: d.text()}
		}
	}
	l.Phones = d.phones()
	l.WebPages = d.texts()
	l.Addresses = d.addresses()
	l.Source = d.text()
	l.InitiatedBy = d.id()
	l.Status = leads.Status(d.text())
	l.Score.Type = leads.ScoreType(d.uint8())
	l.Score.Stars = leads.Stars(d.int8())
	l.Score.Value = d.decimal()
	if n, isNil := d.count(17); !isNil {
		l.Checks = make(map[uuid.UUID]bool, n)
		for range n {
			id := d.id()
			l.Checks[id] = d.bool()
		}
	}
	if n, isNil := d.count(4); !isNil {
		l.Comments = make([]leads.Comment, n)
		for i := range l.Comments {
			l.Comments[i] = leads.Comment{At: d.time(), Author: d.text(), Text: d.text()}
		}
	}
	if n, isNil := d.count(2); !isNil {
		l.Custom = make(map[string]string, n)
		for range n {
			k := d.text()
			l.Custom[k] = d.text()
		}
	}
	switch flag := d.byte(); flag {
	case 0:
	case 1:
		l.Details = leads.Details{Department: d.text(), Office: d.text(), Profession: d.text(),
			Manager: d.text(), Assistant: d.text(), Nickname: d.text(), Spouse: d.text(),
			Birthday: d.time(), Anniversary: d.time()}
		if l.Details.IsZero() && d.err == nil {
			d.fail("empty details flagged as present") // it would encode as 0
		}
	default:
		d.fail("bad details flag %d", flag)
	}
	l.ConvertedAt = d.time()
	l.CreatedAt = d.time()
	l.CreatedBy = d.text()
	l.UpdatedAt = d.time()
	l.UpdatedBy = d.text()
	l.Version = d.varint()
	if d.err == nil && d.left() > 0 {
		n, isNil := d.count(5)
		switch {
		case isNil && d.left() == 0:
			d.fail("nil status history written") // a nil history is left out
		case !isNil:
			l.StatusHistory = make([]leads.StatusStep, n)
			for i := range l.StatusHistory {
				l.StatusHistory[i] = leads.StatusStep{Status: leads.Status(d.text()), At: d.time(), By: d.text(), Reason: d.text()}
			}
		}
	}
	if d.err == nil && d.left() > 0 {
		n, isNil := d.count(16)
		if isNil {
			d.fail("nil merged IDs written")
		} else {
			l.MergedFrom = make([]uuid.UUID, n)
			for i := range l.MergedFrom {
				l.MergedFrom[i] = d.id()
			}
		}
	}
	if err := d.end(); err != nil {
		return nil, err
	}
	return l, nil
}

func decodeAccountBody(body []byte) (*leads.Account, error) {
	d := &decoder{s: string(body)}
	a := &leads.Account{}
	a.ID = d.id()
	a.Name = d.text()
	a.Phones = d.phones()
	a.WebPages = d.texts()
	a.Addresses = d.addresses()
	a.CreatedAt = d.time()
	a.UpdatedAt = d.time()
	a.Version = d.varint()
	if err := d.end(); err != nil {
		return nil, err
	}
	return a, nil
}

func (d *decoder) phones() []leads.Phone {
	n, isNil := d.count(2)
	if isNil {
		return nil
	}
	ps := make([]leads.Phone, n)
	for i := range ps {
		ps[i] = leads.Phone{Label: leads.PhoneLabel(d.text()), Number: d.text()}
	}
	return ps
}

func (d *decoder) texts() []string {
	n, isNil := d.count(1)
	if isNil {
		return nil
	}
	ss := make([]string, n)
	for i := range ss {
		ss[i] = d.text()
	}
	return ss
}

func (d *decoder) addresses() []leads.Address {
	n, isNil := d.count(7)
	if isNil {
		return nil
	}
	as := make([]leads.Address, n)
	for i := range as {
		as[i] = leads.Address{
			Label:      leads.AddressLabel(d.text()),
			Street:     d.text(),
			City:       d.text(),
			State:      d.text(),
			PostalCode: d.text(),
			Country:    d.text(),
			Mailing:    d.bool(),
		}
	}
	return as
}
