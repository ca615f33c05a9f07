package textkey

import "strings"

// EmailDomain returns what follows the last "@" of a trimmed address, or
// "".
func EmailDomain(addr string) string {
	addr = strings.TrimSpace(addr)
	i := strings.LastIndexByte(addr, '@')
	if i < 0 || i == len(addr)-1 {
		return ""
	}
	return addr[i+1:]
}

// AppendEmail appends the key of a trimmed e-mail address to dst:
// lower-cased, its domain as AppendDomain gives it.
func AppendEmail(dst []byte, addr string) []byte {
	i := strings.LastIndexByte(addr, '@')
	if i < 0 {
		return appendLower(dst, addr)
	}
	return AppendDomain(append(appendLower(dst, addr[:i]), '@'), addr[i+1:])
}

// AppendDomain appends the key of an e-mail domain to dst: lower-cased,
// and an internationalized domain written in Punycode ("xn--bcher-kva.de")
// in Unicode ("bücher.de"), as people type it, so that both spellings of
// one domain agree. A domain with a label that is not valid Punycode stays
// as written.
func AppendDomain(dst []byte, d string) []byte {
	if hasACELabel(d) {
		if u, ok := UnicodeDomain(d); ok {
			d = u
		}
	}
	return appendLower(dst, d)
}

// hasACELabel reports whether a label of domain d starts with "xn--" (any
// case), the prefix of Punycode.
func hasACELabel(d string) bool {
	for i := 0; i+4 <= len(d); i++ {
		if (i == 0 || d[i-1] == '.') && (d[i]|0x20) == 'x' && (d[i+1]|0x20) == 'n' && d[i+2] == '-' && d[i+3] == '-' {
			return true
		}
	}
	return false
}

// appendLower appends s lower-cased to dst, Unicode-aware but without
// allocating for ASCII.
func appendLower(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return append(dst, strings.ToLower(s[i:])...)
		}
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}
