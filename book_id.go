package leads

import "github.com/google/uuid"

// newID returns a new ID from the Book's source (WithNewID), UUID v7 by
// default. Callers say what the ID was for when it fails.
func (b *Book) newID() (uuid.UUID, error) { return b.ids() }
