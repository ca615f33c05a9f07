// Package query reads and writes the text form of lead conditions and
// sorts (leads.Cond, leads.SortKey), as the command line and saved
// reports write them:
//
//	stars >= 3 and source = "Web"
//	not (company contains "acme" or assigned_to is empty)
//	status in ("new", "contacted") and created_at between 2026-01-01 and 2026-06-30
//	-stars,file_as
//
// A comparison is a field name, an operator and a value:
//
//	=  !=            equal (exactly), not equal
//	<  <=  >  >=     ranges (leads.OpRange with one open bound); < and > negate one
//	between A and B  a closed range
//	~  contains      contains, ignoring case
//	startswith  prefix
//	in (A, B, ...)   one of
//	is empty  is not empty
//
// Comparisons combine with not, and, or (in that order of precedence) and
// parentheses. Values are bare words (letters, digits and _ . : + - @ /) or
// double-quoted strings with Go's escapes ("say \"hi\"\n"). Keywords are
// case-insensitive. A field name may be quoted too, for custom fields whose
// names hold spaces ("custom.Deal size").
package query
