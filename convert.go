package leads

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
)

// ConvertOptions says what Book.Convert does besides converting the record.
// The zero value converts the record alone, keeping whatever account it
// links to.
type ConvertOptions struct {
	// CreateAccount creates an account and links the contact to it. The
	// account is named AccountName, or, when that is empty, after the
	// record's company.
	CreateAccount bool
	AccountName   string
	// AccountID links the contact to an existing account instead.
	AccountID uuid.UUID
	// Opportunity, when not nil, is added for the contact in the same
	// write; Convert sets its RecordID. It is validated as
	// Opportunities.Create validates.
	Opportunity *Opportunity
}

// Conversion is what Book.Convert wrote.
type Conversion struct {
	Contact *Lead `json:"contact"`
	// Account is the account the contact links to after conversion (the
	// one created, the one linked, or the one it linked to before), or nil.
	Account *Account `json:"account"`
	// AccountCreated tells whether Account is new.
	AccountCreated bool `json:"account_created"`
	// Opportunity is the opportunity added, or nil.
	Opportunity *Opportunity `json:"opportunity"`
}

// Convert makes a lead a business contact. The record keeps its identity
// (the same ID) and every field: name, checks, score, comments, custom
// values, details and, since they link to the record by ID, its history
// and opportunities. Its Type becomes TypeContact, its Status
// StatusConverted and ConvertedAt the time of conversion, so it no longer
// appears in queries for leads and appears in those for contacts.
//
// Options create an account from the company name or link an existing one,
// and add an opportunity. Everything happens in one write: on any error
// nothing changed. An unknown ID gives ErrNotFound; a record that is a
// contact already gives ErrAlreadyConverted. The ID of a record merged
// into another one (Merge) follows it: the survivor is converted. Custom values are checked
// against the field definitions of contacts, since the record becomes
// one.
func (b *Book) Convert(ctx context.Context, id uuid.UUID, opts ConvertOptions) (*Conversion, error) {
	c := &conversion{book: b, id: id, opts: opts, now: b.clock.Now().UTC(), actor: Actor(ctx)}
	if err := c.check(); err != nil {
		return nil, err
	}
	if err := b.store.Atomic(ctx, func(tx Tx) error { return c.run(ctx, tx) }); err != nil {
		return nil, err
	}
	return &c.out, nil
}

// conversion is one run of Convert. Its steps run in order inside one
// store transaction; each reads and writes through tx only, so a failing
// step rolls back the others.
type conversion struct {
	book  *Book
	id    uuid.UUID
	opts  ConvertOptions
	now   time.Time
	actor string

	opp *Opportunity // prepared by check
	out Conversion
}

// check validates the options before the transaction.
func (c *conversion) check() error {
	if c.opts.CreateAccount && c.opts.AccountID != uuid.Nil {
		return fieldErr("account", "create an account or link an existing one, not both")
	}
	if c.opts.Opportunity != nil {
		c.opp = c.opts.Opportunity.Clone()
		c.opp.RecordID = c.id
		if err := c.book.prepareOpportunity(c.opp); err != nil {
			return fmt.Errorf("opportunity: %w", err)
		}
	}
	return nil
}

// run runs the steps of the conversion in tx.
//
// History items and opportunities point at the record's ID, which
// conversion keeps, so they carry over without rewriting; logConversion
// adds the change log entry that says the record became a contact.
func (c *conversion) run(ctx context.Context, tx Tx) error {
	c.out = Conversion{}
	rec, err := tx.Leads().Get(ctx, c.id)
	if errors.Is(err, ErrNotFound) {
		// A merged ID: convert the survivor.
		if s, ok := survivorID(ctx, tx, c.id); ok {
			c.id = s
			if c.opp != nil {
				c.opp.RecordID = s
			}
			rec, err = tx.Leads().Get(ctx, s)
		}
	}
	if err != nil {
		return err
	}
	if rec.Type == TypeContact {
		return fmt.Errorf("leads: record %s is a business contact already: %w", c.id, ErrAlreadyConverted)
	}
	if err := c.linkAccount(ctx, tx, rec); err != nil {
		return err
	}
	if err := c.convertRecord(ctx, tx); err != nil {
		return err
	}
	if err := c.logConversion(ctx, tx, rec); err != nil {
		return err
	}
	return c.addOpportunity(ctx, tx)
}

// logConversion writes the change log entry of the conversion: the type,
// status, time of conversion and account, from what to what.
func (c *conversion) logConversion(ctx context.Context, tx Tx, before *Lead) error {
	h, err := c.book.changeEntry(ctx, before, c.out.Contact, c.now)
	if h == nil || err != nil {
		return err
	}
	return tx.History().Create(ctx, h)
}

// linkAccount creates or finds the account the contact is to link to.
func (c *conversion) linkAccount(ctx context.Context, tx Tx, rec *Lead) error {
	switch {
	case c.opts.CreateAccount:
		name := strings.TrimSpace(c.opts.AccountName)
		if name == "" {
			name = strings.TrimSpace(rec.Company)
		}
		if name == "" {
			return fieldErr("account", "the record has no company to name the account after; give a name")
		}
		id, err := c.book.newID()
		if err != nil {
			return fmt.Errorf("leads: new ID: %w", err)
		}
		a := &Account{ID: id, Name: name, CreatedAt: c.now, UpdatedAt: c.now}
		if err := a.Validate(); err != nil {
			return err
		}
		if err := tx.Accounts().Create(ctx, a); err != nil {
			return err
		}
		c.out.Account, c.out.AccountCreated = a, true
	case c.opts.AccountID != uuid.Nil:
		// Locked, so that the account is not deleted before the
		// conversion links the contact to it.
		err := lockAccount(ctx, tx, c.opts.AccountID)
		var a *Account
		if err == nil {
			a, err = tx.Accounts().Get(ctx, c.opts.AccountID)
		}
		if errors.Is(err, ErrNotFound) {
			return fieldErr("account_id", "no account has ID %s", c.opts.AccountID)
		}
		if err != nil {
			return err
		}
		c.out.Account = a
	case rec.AccountID != uuid.Nil:
		a, err := tx.Accounts().Get(ctx, rec.AccountID)
		if err != nil && !errors.Is(err, ErrNotFound) {
			return err
		}
		c.out.Account = a
	}
	return nil
}

// convertRecord turns the lead into a contact, keeping everything else.
func (c *conversion) convertRecord(ctx context.Context, tx Tx) error {
	contact, err := tx.Leads().Update(ctx, c.id, func(l *Lead) error {
		old := l.Clone()
		l.Type = TypeContact
		l.Status = StatusConverted
		l.ConvertedAt = c.now
		l.StatusHistory = append(l.StatusHistory, StatusStep{Status: StatusConverted, At: c.now, By: c.actor})
		l.UpdatedAt, l.UpdatedBy = c.now, c.actor
		if c.out.Account != nil {
			l.AccountID = c.out.Account.ID
		}
		if err := l.validate(c.book.maxPhoto); err != nil {
			return err
		}
		return c.book.checkCustom(ctx, tx, l, old)
	})
	if err != nil {
		return err
	}
	c.out.Contact = contact
	return nil
}

// addOpportunity adds the opportunity of the options, if any.
func (c *conversion) addOpportunity(ctx context.Context, tx Tx) error {
	if c.opp == nil {
		return nil
	}
	o := c.opp.Clone()
	if err := createOpportunityIn(ctx, tx, o); err != nil {
		return fmt.Errorf("opportunity: %w", err)
	}
	c.out.Opportunity = o
	return nil
}
