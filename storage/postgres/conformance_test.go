package postgres

import (
	"testing"

	"github.com/leadkit/leads"
	"github.com/leadkit/leads/storage/storagetest"
)

func TestConformance(t *testing.T) {
	testDSN(t)
	storagetest.Run(t, func(t *testing.T) leads.Store { return newT(t) })
}
