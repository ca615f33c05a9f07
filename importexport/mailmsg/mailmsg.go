// Package mailmsg makes a lead from an e-mail message: an RFC 5322 message
// as a .eml file, read with github.com/emersion/go-message, which decodes
// MIME parts, transfer encodings and RFC 2047 encoded words in any charset
// that golang.org/x/text knows (registered through go-message's charset
// package; net/mail alone refuses windows-1252).
//
// The sender's display name and address fill a new, unsaved lead. The
// Message summary beside it (subject, date, message ID, body text) is what
// an e-mail history item holds, so that saving the lead can link the
// message to its history.
//
// The sender is found in From, else Sender, else Reply-To, and read
// liberally, because a lead is worth more than a strict parse: when RFC
// 5322 refuses a header (raw 8-bit bytes, unquoted commas in the name, an
// address in parentheses, comments inside the address, encoded words in
// quotes or with spaces or in an unknown charset) the address is looked
// for in the text and the rest becomes the name. A body that breaks off, or
// a header line the MIME reader refuses, keeps the sender. Each such
// adjustment is a line in Message.Warnings; ErrNoSender comes only when
// no address is found in those headers at all.
//
// The work is bounded: a message larger than Options.MaxBytes, MIME parts
// nested deeper than Options.MaxDepth, or more than Options.MaxParts parts
// give an error; body text is cut at Options.MaxTextBytes.
package mailmsg

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/textproto"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/emersion/go-message"
	_ "github.com/emersion/go-message/charset" // decode every charset x/text knows
	"github.com/emersion/go-message/mail"
	"github.com/leadkit/leads"
	"github.com/leadkit/leads/importexport"
)

// Default limits.
const (
	DefaultMaxBytes     = 32 << 20
	DefaultMaxDepth     = 8
	DefaultMaxParts     = 200
	DefaultMaxTextBytes = 1 << 20
)

// Errors of Read.
var (
	// ErrNoSender means that no address can be found in the From, Sender
	// or Reply-To headers, so there is no one to make a lead of.
	ErrNoSender = errors.New("leads/email: the message has no usable sender address")
	// ErrTooLarge means that the message exceeds Options.MaxBytes.
	ErrTooLarge = errors.New("leads/email: message too large")
	// ErrTooDeep means that MIME parts nest deeper than Options.MaxDepth,
	// or that there are more than Options.MaxParts parts.
	ErrTooDeep = errors.New("leads/email: MIME structure too deep or too large")
)

// Options bound the work of Read. Zero values mean the defaults.
type Options struct {
	MaxBytes     int64
	MaxDepth     int
	MaxParts     int
	MaxTextBytes int
}

// Message is the summary of an e-mail message, as an e-mail history item
// records it.
type Message struct {
	Subject   string
	Date      time.Time // zero when the Date header is missing or invalid
	MessageID string    // without angle brackets
	From      leads.Email
	To        []string
	// Text is the body: the text/plain part of a multipart message, else
	// its text/html part reduced to text.
	Text string
	// FromHTML tells that Text was reduced from HTML.
	FromHTML bool
	// Warnings are the adjustments made to find the sender, one line each
	// ("From: ... the address x@y was read from it"): a sender taken from
	// Sender or Reply-To, a header that was not UTF-8, an address list that
	// RFC 5322 refuses, encoded words where they do not belong. They are
	// empty when the headers were read as written. The lead is made all
	// the same; a person may want to check its name.
	Warnings []string
}

// Read parses the message in r and returns a new, unsaved lead for its
// sender, with the message summary.
func Read(r io.Reader, opt Options) (*leads.Lead, *Message, error) {
	opt = opt.withDefaults()
	data, err := io.ReadAll(io.LimitReader(r, opt.MaxBytes+1))
	if err != nil {
		return nil, nil, err
	}
	if int64(len(data)) > opt.MaxBytes {
		return nil, nil, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, opt.MaxBytes)
	}
	if bytes.HasPrefix(data, []byte("From ")) && !bytes.HasPrefix(bytes.TrimLeft(data[5:], " \t"), []byte(":")) {
		// an mbox "From " line before the header, as mail archives keep it
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			data = data[i+1:]
		}
	}
	var warns []string
	e, err := message.ReadWithOptions(bytes.NewReader(data), &message.ReadOptions{MaxHeaderBytes: 1 << 20})
	if err != nil && !message.IsUnknownCharset(err) && !message.IsUnknownEncoding(err) {
		if e, err = salvage(data); err != nil {
			return nil, nil, fmt.Errorf("leads/email: %w", err)
		}
		warns = append(warns, "the header is not valid RFC 5322: its lines were read one by one, the body as plain text")
	}
	h := mail.Header{Header: e.Header}
	msg := &Message{}
	sender, w, err := senderOf(h)
	if err != nil {
		return nil, nil, err
	}
	msg.Warnings = append(warns, w...)
	msg.From = leads.Email{Address: sender.address}
	var serr error
	if msg.Subject, serr = h.Subject(); serr != nil || msg.Subject == "" || !utf8.ValidString(msg.Subject) {
		msg.Subject, _ = rawText(h.Get("Subject"))
		if d, ok := decodeWords(msg.Subject); ok {
			msg.Subject = d
		}
	}
	if d, err := h.Date(); err == nil {
		msg.Date = d
	}
	msg.MessageID, _ = h.MessageID()
	msg.To = addressList(h, "To")

	var plain, html strings.Builder
	parts := 0
	if err := walk(e, 0, &parts, opt, &plain, &html); err != nil {
		if errors.Is(err, ErrTooDeep) {
			return nil, nil, err
		}
		// A broken body does not lose the sender: keep what was read.
		msg.Warnings = append(msg.Warnings, fmt.Sprintf("the body could not be read to its end (%v): the text read before was kept", err))
	}
	switch {
	case plain.Len() > 0:
		msg.Text = strings.TrimSpace(plain.String())
	case html.Len() > 0:
		msg.Text = htmlText(html.String(), opt.MaxTextBytes)
		msg.FromHTML = true
	}

	name := strings.TrimSpace(sender.name)
	if name == "" || strings.EqualFold(name, sender.address) {
		name = importexport.NameFromAddress(sender.address)
	}
	l := &leads.Lead{FullName: name, Emails: []leads.Email{{Address: sender.address}}, Source: "E-mail"}
	return l, msg, nil
}

func (o Options) withDefaults() Options {
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.MaxDepth <= 0 {
		o.MaxDepth = DefaultMaxDepth
	}
	if o.MaxParts <= 0 {
		o.MaxParts = DefaultMaxParts
	}
	if o.MaxTextBytes <= 0 {
		o.MaxTextBytes = DefaultMaxTextBytes
	}
	return o
}

// salvage reads a message whose header the MIME reader refused (a line
// without a colon, a stray byte): every "Name: value" line, with its
// continuation lines, is a field; other lines are skipped. The body,
// after the first empty line, is taken as plain text.
func salvage(data []byte) (*message.Entity, error) {
	head, body, _ := bytes.Cut(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n")), []byte("\n\n"))
	fields := map[string][]string{}
	var key string
	for _, line := range strings.Split(string(head), "\n") {
		if line != "" && (line[0] == ' ' || line[0] == '\t') && key != "" {
			v := fields[key]
			v[len(v)-1] += " " + strings.TrimSpace(line)
			continue
		}
		k, v, ok := strings.Cut(line, ":")
		k = strings.TrimRight(k, " \t") // "From  :", RFC 5322 §4.5
		if !ok || k == "" || strings.ContainsAny(k, " \t") {
			key = ""
			continue
		}
		key = textproto.CanonicalMIMEHeaderKey(k)
		fields[key] = append(fields[key], strings.TrimSpace(v))
	}
	h := message.HeaderFromMap(fields)
	h.Set("Content-Type", "text/plain")
	h.Del("Content-Transfer-Encoding")
	return message.New(h, bytes.NewReader(body))
}

func clip(s string) string {
	if len(s) > 60 {
		return s[:60] + "..."
	}
	return s
}

// walk collects the first text/plain and text/html bodies that are not
// attachments, refusing structures deeper or larger than the limits.
func walk(e *message.Entity, depth int, parts *int, opt Options, plain, html *strings.Builder) error {
	*parts++
	if *parts > opt.MaxParts {
		return fmt.Errorf("%w: more than %d parts", ErrTooDeep, opt.MaxParts)
	}
	if mr := e.MultipartReader(); mr != nil {
		if depth >= opt.MaxDepth {
			return fmt.Errorf("%w: parts nested more than %d deep", ErrTooDeep, opt.MaxDepth)
		}
		for {
			p, err := mr.NextPart()
			if err == io.EOF {
				return nil
			}
			if err != nil && !message.IsUnknownCharset(err) && !message.IsUnknownEncoding(err) {
				return fmt.Errorf("part %d: %w", *parts, err)
			}
			if err := walk(p, depth+1, parts, opt, plain, html); err != nil {
				return err
			}
		}
	}
	if disp, _, _ := e.Header.ContentDisposition(); disp == "attachment" {
		return nil
	}
	ct, _, err := e.Header.ContentType()
	if err != nil {
		ct = "text/plain"
	}
	var dst *strings.Builder
	switch ct {
	case "text/plain":
		dst = plain
	case "text/html":
		dst = html
	default:
		return nil
	}
	if dst.Len() > 0 {
		return nil // the first of each kind
	}
	b, err := io.ReadAll(io.LimitReader(e.Body, int64(opt.MaxTextBytes)))
	dst.Write(bytes.ToValidUTF8(b, []byte("\uFFFD")))
	if err != nil {
		return fmt.Errorf("reading a %s part: %w", ct, err)
	}
	return nil
}

// HistoryItem returns the message as an e-mail history item, unsaved and
// linked to no record yet: Book.Create with leads.WithHistory links it to the lead it
// creates for the sender.
func (m *Message) HistoryItem() *leads.HistoryItem {
	return &leads.HistoryItem{
		Kind:      leads.KindEmail,
		Subject:   m.Subject,
		From:      m.From.Address,
		To:        strings.Join(m.To, ", "),
		Date:      m.Date,
		Text:      m.Text,
		MessageID: m.MessageID,
	}
}
