// Package version checks the record that an update function leaves, for
// every store: the same ID, and the version it was read with.
package version

import (
	"fmt"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
)

// Check checks what an update function left of the record id of the given
// kind ("lead", "account"): its ID must still be id (else an error
// matching leads.ErrInvalid) and its version the stored one (else an error
// matching leads.ErrConflict: the function copied in a stale record).
// Stores call it after running an update function.
func Check(kind string, id uuid.UUID, stored int64, gotID uuid.UUID, gotVersion int64) error {
	if gotID != id {
		return &leads.FieldError{Field: "id", Reason: fmt.Sprintf("an update cannot change the ID of %s %s", kind, id)}
	}
	if gotVersion != stored {
		return &leads.ConflictError{Kind: kind, ID: id.String(),
			Reason: fmt.Sprintf("stale version %d, stored %d", gotVersion, stored)}
	}
	return nil
}
