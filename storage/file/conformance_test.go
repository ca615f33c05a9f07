package file

import (
	"testing"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/storagetest"
)

func TestConformance(t *testing.T) {
	storagetest.Run(t, func(t *testing.T) leads.Store {
		return openT(t, tempPath(t), nil)
	})
}
