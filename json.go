package leads

import (
	"encoding/json"
	"math"
	"time"

	"github.com/google/uuid"
)

// MarshalJSON writes the lead with the field names of the JSON export.
// Empty lists and maps are written as [] and {}, never null, so scripts can
// iterate them without a check.
func (l Lead) MarshalJSON() ([]byte, error) {
	type plain Lead // without this method
	p := plain(l)
	if p.Emails == nil {
		p.Emails = []Email{}
	}
	if p.Phones == nil {
		p.Phones = []Phone{}
	}
	if p.WebPages == nil {
		p.WebPages = []string{}
	}
	if p.Addresses == nil {
		p.Addresses = []Address{}
	}
	if p.Comments == nil {
		p.Comments = []Comment{}
	}
	if p.Checks == nil {
		p.Checks = map[uuid.UUID]bool{}
	}
	if p.Custom == nil {
		p.Custom = map[string]string{}
	}
	return json.Marshal(p)
}

// MarshalJSON writes the history item with the field names of the JSON
// export: records as a list, never null, and the duration of a phone call
// in seconds (a JSON number), which every language reads, rather than Go's
// nanoseconds.
func (h HistoryItem) MarshalJSON() ([]byte, error) {
	type plain HistoryItem // without this method
	records := h.Records
	if records == nil {
		records = []uuid.UUID{}
	}
	return json.Marshal(struct {
		plain
		Records  []uuid.UUID `json:"records"`
		Duration float64     `json:"duration,omitempty"`
	}{plain(h), records, h.Duration.Seconds()})
}

// UnmarshalJSON reads what MarshalJSON writes.
func (h *HistoryItem) UnmarshalJSON(b []byte) error {
	type plain HistoryItem
	var v struct {
		*plain
		Duration float64 `json:"duration"`
	}
	v.plain = (*plain)(h)
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	h.Duration = time.Duration(math.Round(v.Duration * float64(time.Second)))
	return nil
}
