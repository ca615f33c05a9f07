package vcardfile

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// logicalLine is one property as written, its folds undone.
type logicalLine struct {
	text  string
	line  int      // the physical line it starts on
	notes []string // adjustments made while unfolding, for warnings
}

// physical returns the next physical line without its line end.
func (s *Source) physical() (string, error) {
	if s.havePend {
		s.havePend = false
		return s.pending, nil
	}
	max := s.maxLine()
	var buf []byte
	for {
		chunk, err := s.br.ReadSlice('\n')
		if len(buf)+len(chunk) > max {
			return "", fmt.Errorf("%w: line %d is longer than %d bytes", ErrLineTooLong, s.line+1, max)
		}
		buf = append(buf, chunk...)
		if err == bufio.ErrBufferFull {
			continue
		}
		if err == io.EOF && len(buf) > 0 {
			break
		}
		if err != nil {
			return "", err
		}
		break
	}
	s.line++
	return strings.TrimRight(string(buf), "\r\n"), nil
}

func (s *Source) maxLine() int {
	if s.MaxLine <= 0 {
		return DefaultMaxLineBytes
	}
	return s.MaxLine
}

// foldWidth is the length from which a physical line is taken to have been
// folded by its writer (RFC 6350 folds at 75 octets, most writers at 72 to
// 76): a continuation line that lost its leading space is then joined
// without a separator, whereas after a shorter line the line break was the
// writer's own (an unescaped newline in a note) and is kept as "\n".
const foldWidth = 60

// logical returns the next property line, unfolded. Besides the standard
// folds (a continuation line begins with a space or tab) and 2.1's
// quoted-printable soft line breaks (a value ending in "="), it repairs
// what writers get wrong:
//
//   - a line that is not a property ("NAME[;params]:value" with a known
//     or X- name) continues the previous property, as when the leading
//     space of a fold was lost or a newline was written unescaped;
//   - a 2.1 value ending in a backslash continues on the next line;
//   - a line starting with "#" is a comment and is skipped.
//
// A property is never continued from a BEGIN or END line.
func (s *Source) logical() (logicalLine, error) {
	var ll logicalLine
	var first string
	for {
		l, err := s.physical()
		if err != nil {
			return ll, err
		}
		if strings.TrimSpace(l) != "" {
			first = l
			break
		}
	}
	ll.line = s.line
	buf := []byte(first) // appended to, so that a long photo is not copied at each line
	last := first        // the last physical line joined
	frame := isFrame(first)
	joined := 0
	qpFirst := isQP(first)
	for !frame {
		next, err := s.physical()
		if err == io.EOF {
			break
		}
		if err != nil {
			return ll, err
		}
		qp := qpFirst
		if !strings.Contains(first, ":") {
			qp = isQP(string(buf[:min(len(buf), 1024)])) // a name folded before its colon
		}
		switch {
		case qp && strings.HasSuffix(last, "="):
			buf = append(append(buf, "\r\n"...), next...) // a soft line break, decoded later
		case next != "" && (next[0] == ' ' || next[0] == '\t'):
			buf = append(buf, next[1:]...)
		case next == "" || lineKind(next) != kindText:
			s.pending, s.havePend = next, true
		case next[0] == '#':
			ll.notes = append(ll.notes, fmt.Sprintf("line %d: a comment line was skipped", s.line))
			continue
		case strings.HasSuffix(last, `\`) && !strings.HasSuffix(last, `\\`):
			buf = append(append(buf[:len(buf)-1], '\n'), next...)
			joined++
		case len(last) >= foldWidth:
			buf = append(buf, next...)
			joined++
		default:
			buf = append(append(buf, '\n'), next...)
			joined++
		}
		if s.havePend {
			break
		}
		last = next
		if len(buf) > s.maxLine() {
			return ll, fmt.Errorf("%w: the property at line %d is longer than %d bytes", ErrLineTooLong, ll.line, s.maxLine())
		}
	}
	ll.text = string(buf)
	if joined > 0 {
		ll.notes = append(ll.notes, fmt.Sprintf("line %d: %d following line(s) without a property name were read as its continuation", ll.line, joined))
	}
	return ll, nil
}

// isFrame tells a BEGIN or END line, which no other line continues.
func isFrame(line string) bool {
	name, _, _ := strings.Cut(line, ":")
	name = strings.ToUpper(strings.TrimSpace(name))
	return name == "BEGIN" || name == "END"
}

func isQP(line string) bool {
	i := strings.IndexByte(line, ':')
	if i <= 0 {
		return false
	}
	h := strings.ToUpper(line[:i])
	return strings.Contains(h, "QUOTED-PRINTABLE") || strings.Contains(h, "QUOTED PRINTABLE")
}

// kind is what a physical line looks like.
type kind int

const (
	kindText     kind = iota // text: continues the previous property
	kindProperty             // NAME[;params]:value
	kindNoColon              // a known NAME written in capitals, no colon
)

// lineKind classifies a line by its start: an optional group ("item1."),
// a name of letters, digits and hyphens that is a known property or an X-
// extension, then ";", "," (a typo for ";") or ":". A known name in
// capitals followed by a space or ";" but no colon anywhere is a property
// line without a colon.
func lineKind(line string) kind {
	i := 0
	start := 0
scan:
	for i < len(line) {
		c := line[i]
		switch {
		case c == '.' && i > start:
			start = i + 1
			i++
			continue
		case c == '-' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
			i++
			continue
		}
		break scan
	}
	name := line[start:i]
	if name == "" {
		return kindText
	}
	upper := strings.ToUpper(name)
	if !knownName(upper) {
		return kindText
	}
	rest := line[i:]
	if rest == "" {
		return kindText
	}
	switch rest[0] {
	case ':':
		return kindProperty
	case ';', ',':
		if strings.IndexByte(rest, ':') >= 0 {
			return kindProperty
		}
	}
	if name == upper && (rest[0] == ' ' || rest[0] == ';') {
		return kindNoColon
	}
	return kindText
}

// knownName tells the property names of vCard 2.1, 3.0 (RFC 2426) and
// 4.0 (RFC 6350 and its extensions), and extensions (X-...).
func knownName(upper string) bool {
	if strings.HasPrefix(upper, "X-") {
		return true
	}
	switch upper {
	case "BEGIN", "END", "VERSION", "FN", "N", "NICKNAME", "PHOTO", "BDAY", "ANNIVERSARY", "GENDER",
		"ADR", "LABEL", "TEL", "EMAIL", "MAILER", "TZ", "GEO", "TITLE", "ROLE", "LOGO", "AGENT", "ORG",
		"MEMBER", "RELATED", "CATEGORIES", "NOTE", "PRODID", "REV", "SORT-STRING", "SOUND", "UID",
		"CLIENTPIDMAP", "URL", "CLASS", "KEY", "FBURL", "CALADRURI", "CALURI", "XML", "KIND", "SOURCE",
		"NAME", "PROFILE", "IMPP", "LANG", "BIRTHPLACE", "DEATHPLACE", "DEATHDATE", "EXPERTISE", "HOBBY",
		"INTEREST", "ORG-DIRECTORY", "CONTACT-URI", "SOCIALPROFILE", "CREATED", "GRAMGENDER",
		"PRONOUNS", "LANGUAGE", "JSPROP", "DAYLIGHT":
		return true
	}
	return false
}
