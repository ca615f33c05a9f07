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
// The work is bounded: a message larger than Options.MaxBytes, MIME parts
// nested deeper than Options.MaxDepth, or more than Options.MaxParts parts
// give an error; body text is cut at Options.MaxTextBytes.
package mailmsg

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"

	"github.com/emersion/go-message"
	_ "github.com/emersion/go-message/charset" // decode every charset x/text knows
	"github.com/emersion/go-message/mail"
	"github.com/leadkit/leads"
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
	// ErrNoSender means that the message has no usable From (or Sender)
	// address, so there is no one to make a lead of.
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
	e, err := message.ReadWithOptions(bytes.NewReader(data), &message.ReadOptions{MaxHeaderBytes: 1 << 20})
	if err != nil && !message.IsUnknownCharset(err) && !message.IsUnknownEncoding(err) {
		return nil, nil, fmt.Errorf("leads/email: %w", err)
	}
	h := mail.Header{Header: e.Header}
	msg := &Message{}
	msg.Subject, _ = h.Subject()
	if msg.Subject == "" {
		msg.Subject = h.Get("Subject")
	}
	if d, err := h.Date(); err == nil {
		msg.Date = d
	}
	msg.MessageID, _ = h.MessageID()
	if to, err := h.AddressList("To"); err == nil {
		for _, a := range to {
			msg.To = append(msg.To, a.Address)
		}
	}
	sender, err := senderOf(h)
	if err != nil {
		return nil, nil, err
	}
	msg.From = leads.Email{Address: sender.Address}

	var plain, html strings.Builder
	parts := 0
	if err := walk(e, 0, &parts, opt, &plain, &html); err != nil {
		return nil, nil, err
	}
	switch {
	case plain.Len() > 0:
		msg.Text = strings.TrimSpace(plain.String())
	case html.Len() > 0:
		msg.Text = htmlText(html.String(), opt.MaxTextBytes)
		msg.FromHTML = true
	}

	name := strings.TrimSpace(sender.Name)
	if name == "" || strings.EqualFold(name, sender.Address) {
		name = nameFromAddress(sender.Address)
	}
	l := &leads.Lead{FullName: name, Emails: []leads.Email{{Address: sender.Address}}, Source: "E-mail"}
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

// senderOf returns the From address, else the Sender address.
func senderOf(h mail.Header) (*mail.Address, error) {
	var problems []string
	for _, key := range []string{"From", "Sender"} {
		raw := h.Get(key)
		if strings.TrimSpace(raw) == "" {
			continue
		}
		list, err := h.AddressList(key)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s %q: %v", key, clip(raw), err))
			continue
		}
		for _, a := range list {
			if a != nil && strings.Contains(a.Address, "@") {
				return a, nil
			}
		}
		problems = append(problems, fmt.Sprintf("%s %q holds no address", key, clip(raw)))
	}
	if len(problems) == 0 {
		return nil, fmt.Errorf("%w (no From header)", ErrNoSender)
	}
	return nil, fmt.Errorf("%w: %s", ErrNoSender, strings.Join(problems, "; "))
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
				return fmt.Errorf("leads/email: part %d: %w", *parts, err)
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
	if err != nil {
		return fmt.Errorf("leads/email: reading a %s part: %w", ct, err)
	}
	dst.Write(bytes.ToValidUTF8(b, []byte("\uFFFD")))
	return nil
}

// nameFromAddress guesses a name from an address without a display name:
// "ada.lovelace@x" gives "Ada Lovelace".
func nameFromAddress(addr string) string {
	local, _, _ := strings.Cut(addr, "@")
	words := strings.FieldsFunc(local, func(r rune) bool { return r == '.' || r == '_' || r == '-' || r == '+' })
	for i, w := range words {
		r := []rune(w)
		r[0] = unicode.ToUpper(r[0])
		words[i] = string(r)
	}
	if len(words) == 0 {
		return addr
	}
	return strings.Join(words, " ")
}

// HistoryItem returns the message as an e-mail history item, unsaved and
// linked to no record yet: Book.CreateWithHistory links it to the lead it
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
