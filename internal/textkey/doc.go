// Package textkey computes the text keys that match keys are made of: a
// person's name and company folded for comparison, the digits of a phone
// number in any script, an e-mail address and domain in the Unicode form
// people type (Punycode decoded), and whether a domain is free mail.
//
// It needs only the standard library: the compatibility decomposition
// (NFKD) that name folding relies on is a table generated from
// golang.org/x/text/unicode/norm (gen_fold.go, run by go generate), and a
// test checks the table against that package for every rune.
package textkey

//go:generate go run gen_fold.go
