package memory

import "github.com/leadkit/leads/storage/internal/index"

// Fill writes c straight into the index of s, for benchmarks that would
// take long to fill a store through Creates.
func Fill(s *Store, c *index.Changes) { s.index.Apply(c) }
