package mailmsg

import (
	"encoding/base64"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
)

// rawText makes a header value that may hold raw 8-bit bytes into UTF-8:
// kept when it is UTF-8 already, else read as windows-1252, the charset
// such headers are most often in (and one that decodes every byte). It
// reports whether it had to guess.
func rawText(s string) (string, bool) {
	s = unfold(s)
	if utf8.ValidString(s) {
		return s, false
	}
	d, err := charmap.Windows1252.NewDecoder().String(s)
	if err != nil {
		return strings.ToValidUTF8(s, "\uFFFD"), true
	}
	return d, true
}

// unfold joins a folded header value.
func unfold(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\n ", " ")
	s = strings.ReplaceAll(s, "\n\t", " ")
	return strings.ReplaceAll(s, "\n", " ")
}

// decodeWords decodes RFC 2047 encoded words wherever they stand, which
// is more than the RFC allows and what senders write: inside quoted
// strings, with unencoded spaces in the encoded text, glued to other
// words, in a charset that golang.org/x/text does not know (then the bytes
// are read as UTF-8 if they are, else as windows-1252). White space
// between two encoded words is dropped, as RFC 2047 §6.2 says. It reports
// whether any word was decoded.
func decodeWords(s string) (string, bool) {
	var b strings.Builder
	decoded, prevWord := false, false
	for {
		i := strings.Index(s, "=?")
		if i < 0 {
			break
		}
		word, rest, ok := encodedWord(s[i:])
		if !ok {
			b.WriteString(s[:i+2])
			s, prevWord = s[i+2:], false
			continue
		}
		if !prevWord || strings.TrimSpace(s[:i]) != "" {
			b.WriteString(s[:i])
		}
		b.WriteString(word)
		s, decoded, prevWord = rest, true, true
	}
	b.WriteString(s)
	return b.String(), decoded
}

// encodedWord decodes the encoded word at the start of s
// ("=?charset?Q?text?=") and returns it with the rest of s.
func encodedWord(s string) (word, rest string, ok bool) {
	// =?charset?enc?text?=
	q1 := strings.IndexByte(s[2:], '?')
	if q1 < 1 || q1 > 40 {
		return "", "", false
	}
	charset := s[2 : 2+q1]
	if strings.ContainsAny(charset, " \t") || len(s) < 2+q1+3 || s[2+q1+2] != '?' {
		return "", "", false
	}
	enc := s[2+q1+1]
	body := s[2+q1+3:]
	end := strings.Index(body, "?=")
	if end < 0 {
		return "", "", false
	}
	text := body[:end]
	rest = body[end+2:]
	var raw []byte
	switch enc {
	case 'Q', 'q':
		raw = qDecode(text)
	case 'B', 'b':
		t := strings.Join(strings.Fields(text), "")
		d, err := base64.StdEncoding.DecodeString(t)
		if err != nil {
			d, err = base64.RawStdEncoding.DecodeString(strings.TrimRight(t, "="))
		}
		if err != nil {
			return "", "", false
		}
		raw = d
	default:
		return "", "", false
	}
	if i := strings.IndexByte(charset, '*'); i >= 0 {
		charset = charset[:i] // RFC 2231 language
	}
	if !strings.EqualFold(charset, "utf-8") {
		if e, err := htmlindex.Get(charset); err == nil {
			if d, err := e.NewDecoder().Bytes(raw); err == nil {
				return string(d), rest, true
			}
		}
	}
	if utf8.Valid(raw) {
		return string(raw), rest, true
	}
	d, _ := charmap.Windows1252.NewDecoder().Bytes(raw)
	return string(d), rest, true
}

// qDecode undoes the Q encoding: "_" is a space, "=XX" a byte; an "="
// followed by anything else is kept.
func qDecode(s string) []byte {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '_':
			out = append(out, ' ')
		case c == '=' && i+2 < len(s) && hexPair(s[i+1:i+3]) >= 0:
			out = append(out, byte(hexPair(s[i+1:i+3])))
			i += 2
		default:
			out = append(out, c)
		}
	}
	return out
}

// hexPair returns the byte that the two hexadecimal digits of s write
// ("3D" is '='), or -1 when s is not two such digits.
func hexPair(s string) int {
	v, err := strconv.ParseUint(s, 16, 8)
	if err != nil || len(s) != 2 {
		return -1
	}
	return int(v)
}
