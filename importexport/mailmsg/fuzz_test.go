package mailmsg_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/leadkit/leads/importexport/mailmsg"
)

// FuzzRead: no panic; a lead comes with a sender address.
func FuzzRead(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.eml"))
	corpus, _ := filepath.Glob(filepath.Join("testdata", "corpus", "*.eml"))
	files = append(files, corpus...)
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(nested(5)))
	f.Fuzz(func(t *testing.T, data []byte) {
		l, m, err := mailmsg.Read(bytes.NewReader(data), mailmsg.Options{MaxBytes: 256 << 10, MaxTextBytes: 64 << 10})
		if err != nil {
			return
		}
		if l == nil || m == nil || len(l.Emails) != 1 || l.Emails[0].Address == "" || l.FullName == "" {
			t.Fatalf("a lead without a sender: %+v", l)
		}
		if len(m.Text) > 4*(64<<10) {
			t.Fatalf("text of %d bytes passed the limit", len(m.Text))
		}
	})
}
