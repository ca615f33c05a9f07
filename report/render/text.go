package render

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/leadkit/leads/report"
)

// Text writes res as an aligned text table: the report name, the column
// titles, each group as a heading with its count (nested groups indented
// under theirs), the rows under their group, and the total. Columns are
// padded to their widest cell, counted in characters.
func Text(w io.Writer, res *report.Result) error {
	widths := make([]int, len(res.Header))
	measure := func(cells []string) {
		for i, c := range cells {
			widths[i] = max(widths[i], utf8.RuneCountInString(oneLine(c)))
		}
	}
	measure(res.Header)
	visit(res, nil, func(_ []*report.Group, cells []string) { measure(cells) })

	indent := strings.Repeat("  ", len(res.GroupBy)) + "  "
	if len(res.GroupBy) == 0 {
		indent = ""
	}
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "%s\n\n", res.Name)
	fmt.Fprintf(bw, "%s%s\n", indent, padRow(res.Header, widths))
	visit(res, func(depth int, g *report.Group) {
		fmt.Fprintf(bw, "%s%s: %s (%d)\n", strings.Repeat("  ", depth), report.ColumnTitle(g.Field), oneLine(g.Label), g.Count)
	}, func(_ []*report.Group, cells []string) {
		fmt.Fprintf(bw, "%s%s\n", indent, padRow(cells, widths))
	})
	fmt.Fprintf(bw, "\n%s\n", totalLine(res))
	return bw.Flush()
}

// oneLine keeps a cell on its line: line breaks and tabs become spaces.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n\t") {
		return s
	}
	return strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ", "\t", " ").Replace(s)
}

// padRow joins the cells of a row, each padded to its column's width; the
// last one is not padded, so lines carry no trailing space.
func padRow(cells []string, widths []int) string {
	var b strings.Builder
	last := len(cells) - 1
	for last > 0 && cells[last] == "" {
		last--
	}
	for i, c := range cells[:last+1] {
		c = oneLine(c)
		b.WriteString(c)
		if i < last {
			b.WriteString(strings.Repeat(" ", widths[i]-utf8.RuneCountInString(c)+2))
		}
	}
	return b.String()
}
