package file

import (
	"testing"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/storagetest"
)

func TestConformance(t *testing.T) {
	open := func(t *testing.T) leads.Store {
		return openT(t, tempPath(t), nil)
	}
	storagetest.TestStore(t, open)
	storagetest.TestBook(t, open)
}
