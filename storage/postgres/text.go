package postgres

import (
	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/internal/sqlq"
)

// The checks of text that PostgreSQL cannot store (NUL bytes, invalid
// UTF-8) are shared with the SQLite store (package sqlq).

func checkText(field, s string) error         { return sqlq.CheckText(field, s) }
func checkTexts(pairs ...string) error        { return sqlq.CheckTexts(pairs...) }
func checkLead(l *leads.Lead) error           { return sqlq.CheckLead(l) }
func checkAddresses(as []leads.Address) error { return sqlq.CheckAddresses(as) }
func checkPhones(ps []leads.Phone) error      { return sqlq.CheckPhones(ps) }
