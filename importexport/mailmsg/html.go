package mailmsg

import (
	"strings"

	"golang.org/x/net/html"
)

// htmlText reduces an HTML body to its text: scripts and styles dropped,
// block elements and <br> made line breaks, entities decoded, runs of
// blank lines collapsed. At most max bytes of text are kept.
func htmlText(s string, max int) string {
	z := html.NewTokenizer(strings.NewReader(s))
	z.SetMaxBuf(max)
	var b strings.Builder
	skip := 0
	for b.Len() < max {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return tidy(b.String())
		case html.TextToken:
			if skip == 0 {
				b.WriteString(strings.Join(strings.Fields(string(z.Text())), " "))
				b.WriteByte(' ')
			}
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			name, _ := z.TagName()
			tag := string(name)
			switch tag {
			case "script", "style", "title":
				if tt == html.StartTagToken {
					skip++
				} else if skip > 0 {
					skip--
				}
			case "br", "p", "div", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "blockquote":
				b.WriteByte('\n')
			}
		}
	}
	return tidy(b.String())
}

func tidy(s string) string {
	lines := strings.Split(s, "\n")
	var out []string
	blank := false
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			if !blank && len(out) > 0 {
				out = append(out, "")
			}
			blank = true
			continue
		}
		blank = false
		out = append(out, l)
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}
