package render

import (
	"html/template"
	"io"

	"github.com/leadkit/leads/report"
)

// HTML writes res as one self-contained HTML page: inline CSS, a bar chart
// of the group counts drawn as inline SVG, and the table with a heading
// row per group. It loads nothing from the network and runs no script, so
// it opens anywhere, including from a mail attachment. Every value is
// escaped by html/template: a lead named <script> shows as text.
func HTML(w io.Writer, res *report.Result) error {
	return htmlPage().Execute(w, newPage(res))
}

// page is what the template draws.
type page struct {
	Res     *report.Result
	Columns int // the number of table columns
	Bars    []bar
	Chart   chartBox
	Total   string
}

type bar struct {
	Label       string
	Count       int
	Y, Width    int
	TextY, EndX int
}

// groupView is one group as the recursive template sees it.
type groupView struct {
	Columns, Depth int
	G              *report.Group
}

type chartBox struct {
	Width, Height, LabelWidth, BarHeight int
}

// newPage lays out the chart: one horizontal bar per top-level group,
// scaled to the largest count.
func newPage(res *report.Result) page {
	labels, counts := res.Chart()
	const (
		labelWidth = 220
		plotWidth  = 420
		barHeight  = 22
		gap        = 6
	)
	most := 1
	for _, c := range counts {
		most = max(most, c)
	}
	p := page{Res: res, Columns: len(res.Header), Total: totalLine(res)}
	for i, l := range labels {
		y := i * (barHeight + gap)
		width := counts[i] * plotWidth / most
		if counts[i] > 0 {
			width = max(width, 1)
		}
		p.Bars = append(p.Bars, bar{Label: l, Count: counts[i], Y: y, Width: width,
			TextY: y + barHeight*2/3, EndX: labelWidth + width + 6})
	}
	p.Chart = chartBox{Width: labelWidth + plotWidth + 60, Height: max(1, len(labels)*(barHeight+gap)),
		LabelWidth: labelWidth, BarHeight: barHeight}
	return p
}

// htmlPage parses the page template. It is built on each call rather than
// kept in a package variable, so the package holds no state.
func htmlPage() *template.Template {
	return template.Must(template.New("page").Funcs(template.FuncMap{
		"indent": func(depth int) int { return depth * 18 },
		"add":    func(a, b int) int { return a + b },
		"groupAt": func(columns, depth int, g *report.Group) groupView {
			return groupView{Columns: columns, Depth: depth, G: g}
		},
	}).Parse(pageTemplate))
}

const pageTemplate = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{.Res.Name}}</title>
<style>
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2em; color: #222; }
h1 { font-size: 1.4em; margin-bottom: .2em; }
p.total { color: #555; margin-top: 0; }
svg.chart { margin: 1em 0 1.5em; }
svg.chart rect { fill: #3b73b9; }
svg.chart text { font-size: 13px; fill: #222; }
table { border-collapse: collapse; min-width: 40em; }
th, td { text-align: left; padding: .3em .8em; border-bottom: 1px solid #e2e2e2; vertical-align: top; }
thead th { background: #f3f5f8; border-bottom: 2px solid #c8ccd2; }
tr.group th { background: #fafbfc; font-weight: 600; }
tr.group .count { color: #666; font-weight: normal; }
tfoot td { font-weight: 600; border-bottom: none; }
</style>
</head>
<body>
<h1>{{.Res.Name}}</h1>
<p class="total">{{.Total}}</p>
<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="{{.Chart.Width}}" height="{{.Chart.Height}}" role="img" aria-label="Records per group">
{{- range .Bars}}
<g><title>{{.Label}}: {{.Count}}</title>
<text x="0" y="{{.TextY}}">{{.Label}}</text>
<rect x="{{$.Chart.LabelWidth}}" y="{{.Y}}" width="{{.Width}}" height="{{$.Chart.BarHeight}}"></rect>
<text x="{{.EndX}}" y="{{.TextY}}">{{.Count}}</text></g>
{{- end}}
</svg>
<table>
<thead><tr>{{range .Res.Header}}<th>{{.}}</th>{{end}}</tr></thead>
<tbody>
{{- range .Res.Rows}}
<tr>{{range .}}<td>{{.}}</td>{{end}}</tr>
{{- end}}
{{- range .Res.Groups}}{{template "group" (groupAt $.Columns 0 .)}}{{end}}
</tbody>
<tfoot><tr><td colspan="{{.Columns}}">{{.Total}}</td></tr></tfoot>
</table>
</body>
</html>
{{define "group"}}
<tr class="group"><th colspan="{{.Columns}}" style="padding-left: {{indent .Depth}}px">{{.G.Label}} <span class="count">({{.G.Count}})</span></th></tr>
{{- range .G.Rows}}
<tr>{{range .}}<td>{{.}}</td>{{end}}</tr>
{{- end}}
{{- $cols := .Columns}}{{$depth := add .Depth 1}}
{{- range .G.Groups}}{{template "group" (groupAt $cols $depth .)}}{{end}}
{{- end}}`
