package importexport_test

import (
	"context"
	"strings"
	"testing"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/importexport"
	"github.com/leadkit/leads/storage/memory"
	"github.com/stretchr/testify/require"
)

// TestLongNoteKeptAsSeveralComments: a note longer than one comment may be
// is kept whole, cut at spaces into comments that each fit, with a warning;
// strict mode rejects the row instead.
func TestLongNoteKeptAsSeveralComments(t *testing.T) {
	word := "ünïcode "
	note := strings.Repeat(word, leads.MaxCommentLen/len([]rune(word))*2+100) // about two and a bit limits
	row := func() *leads.Lead {
		return &leads.Lead{FullName: "Ada Lovelace", Comments: []leads.Comment{{Text: "short"}, {Text: note}}}
	}
	book := leads.New(memory.New())
	rep, err := (&importexport.Importer{Book: book}).Import(context.Background(), source(row()))
	require.NoError(t, err)
	require.Len(t, rep.Created, 1)
	require.Len(t, rep.Warnings, 1)
	require.Contains(t, rep.Warnings[0].Reason, "kept as 3 comments")
	l, err := book.Get(context.Background(), rep.Created[0].ID)
	require.NoError(t, err)
	require.Len(t, l.Comments, 4)
	require.Equal(t, "short", l.Comments[0].Text)
	var joined strings.Builder
	for _, c := range l.Comments[1:] {
		require.LessOrEqual(t, len([]rune(c.Text)), leads.MaxCommentLen)
		require.True(t, strings.HasSuffix(c.Text, " ") || c == l.Comments[3], "cut at a space")
		joined.WriteString(c.Text)
	}
	require.Equal(t, note, joined.String(), "nothing lost")

	_, err = (&importexport.Importer{Book: leads.New(memory.New()), Strict: true}).Import(context.Background(), source(row()))
	require.ErrorIs(t, err, importexport.ErrRowsRejected)
}
