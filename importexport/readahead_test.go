package importexport_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/importexport"
	"github.com/leadkit/leads/storage/memory"
)

// numbered is a Source of n leads named after their row; a row listed in
// nameless has no name (it is rejected); reading row failAt fails the
// file. It records a read after the import returned.
type numbered struct {
	n, failAt int
	nameless  map[int]bool
	i         int
	closed    atomic.Bool
	lateRead  atomic.Bool
}

var errUnreadable = errors.New("disk on fire")

func (s *numbered) Next() (importexport.Row, error) {
	if s.closed.Load() {
		s.lateRead.Store(true)
	}
	if s.i == s.n {
		return importexport.Row{}, io.EOF
	}
	s.i++
	row := s.i + 1
	if row == s.failAt {
		return importexport.Row{}, errUnreadable
	}
	l := &leads.Lead{FullName: fmt.Sprintf("Person %d", row)}
	if s.nameless[row] {
		l.FullName = ""
	}
	return importexport.Row{Number: row, Lead: l}, nil
}

func TestImportReadsAheadInOrder(t *testing.T) {
	ctx := context.Background()
	src := &numbered{n: 1000, nameless: map[int]bool{300: true, 701: true}}
	book := leads.New(memory.New())
	rep, err := (&importexport.Importer{Book: book, SkipBadRows: true}).Import(ctx, src)
	src.closed.Store(true)
	require.NoError(t, err)
	require.Len(t, rep.Created, 998)
	for i, o := range rep.Created {
		if i > 0 {
			require.Greater(t, o.Row, rep.Created[i-1].Row, "file order")
		}
		require.Equal(t, fmt.Sprintf("Person %d", o.Row), o.Name)
	}
	require.Len(t, rep.Rejected, 2)
	require.Equal(t, 300, rep.Rejected[0].Row)
	require.Equal(t, 701, rep.Rejected[1].Row)
	require.Equal(t, 998, count(t, book))
	require.False(t, src.lateRead.Load())
}

func TestImportStopsReading(t *testing.T) {
	tests := []struct {
		name    string
		src     *numbered
		cancel  int // cancel the context when progress reaches this many rows
		wantErr error
	}{
		{"an unreadable file", &numbered{n: 100_000, failAt: 600}, 0, errUnreadable},
		{"a cancelled import", &numbered{n: 100_000}, 300, context.Canceled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			book := leads.New(memory.New())
			im := &importexport.Importer{Book: book, ProgressEvery: 100, Progress: func(p importexport.Progress) {
				if tt.cancel > 0 && p.Rows >= tt.cancel {
					cancel()
				}
			}}
			_, err := im.Import(ctx, tt.src)
			tt.src.closed.Store(true)
			require.ErrorIs(t, err, tt.wantErr)
			require.Zero(t, count(t, book), "nothing written")
			require.Less(t, tt.src.i, 100_000, "the reading stopped")
			require.False(t, tt.src.lateRead.Load(), "the source is not read after Import returns")
		})
	}
}

// rowsOf is a Source of the rows given.
type rowsOf []importexport.Row

func (s *rowsOf) Next() (importexport.Row, error) {
	if len(*s) == 0 {
		return importexport.Row{}, io.EOF
	}
	row := (*s)[0]
	*s = (*s)[1:]
	return row, nil
}

// A row without a record and without an error breaks the Source's
// contract; the import rejects it rather than panicking in the reading
// goroutine, where the caller could not recover.
func TestImportRejectsRowWithoutLead(t *testing.T) {
	src := &rowsOf{{Number: 2}, {Number: 3, Lead: &leads.Lead{FullName: "Ada Lovelace"}}}
	book := leads.New(memory.New())
	rep, err := (&importexport.Importer{Book: book, SkipBadRows: true}).Import(context.Background(), src)
	require.NoError(t, err)
	require.Len(t, rep.Created, 1)
	require.Len(t, rep.Rejected, 1)
	require.Equal(t, 2, rep.Rejected[0].Row)
	require.ErrorIs(t, rep.Rejected[0], leads.ErrInvalid)
}

// panicking is a Source whose reading panics at row at.
type panicking struct{ numbered }

func (s *panicking) Next() (importexport.Row, error) {
	if s.i == 500 {
		panic("corrupt file")
	}
	return s.numbered.Next()
}

// A Source that panics makes Import panic in the caller's goroutine, as
// it did before rows were read ahead, where the caller may recover; the
// reading has stopped by then.
func TestImportPanicsInCallersGoroutine(t *testing.T) {
	src := &panicking{numbered{n: 1000}}
	book := leads.New(memory.New())
	require.PanicsWithValue(t, "corrupt file", func() {
		_, _ = (&importexport.Importer{Book: book}).Import(context.Background(), src)
	})
	src.closed.Store(true)
	require.Zero(t, count(t, book))
	require.False(t, src.lateRead.Load())
}

// lookupPanics is a store whose key look-ups panic, as a store with a bug
// might.
type lookupPanics struct{ leads.Store }

func (s lookupPanics) Leads() leads.LeadRepository { return panickyLeads{s.Store.Leads()} }

type panickyLeads struct{ leads.LeadRepository }

func (panickyLeads) Lookup(context.Context, string, int) iter.Seq2[*leads.Lead, error] {
	panic("index broken")
}

// A panic while rows are prepared and looked up ahead reaches the caller's
// goroutine too.
func TestImportPanicsInCallersGoroutineWhenLookingUp(t *testing.T) {
	src := &numbered{n: 1000}
	book := leads.New(lookupPanics{memory.New()})
	require.PanicsWithValue(t, "index broken", func() {
		_, _ = (&importexport.Importer{Book: book}).Import(context.Background(), src)
	})
	src.closed.Store(true)
	require.False(t, src.lateRead.Load())
}
