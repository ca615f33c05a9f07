package leads

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// Stars is a lead score as shown to people: 0 to 5 stars.
type Stars int8

// MaxStars is the highest score.
const MaxStars Stars = 5

// Valid reports whether s is between 0 and 5.
func (s Stars) Valid() bool { return s >= 0 && s <= MaxStars }

// ParseStars reads a whole number of stars from 0 to 5.
func ParseStars(s string) (Stars, error) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 0 || n > int(MaxStars) {
		return 0, fieldErr("score.stars", "%q is not a number of stars from 0 to 5", s)
	}
	return Stars(n), nil
}

// ScoreType tells whether a person fixed the stars (manual) or the scoring
// criteria compute them (automatic). The zero value is ScoreAuto.
type ScoreType uint8

// Score types.
const (
	ScoreAuto   ScoreType = iota // computed from the criteria the lead meets
	ScoreManual                  // fixed by a person until switched back
)

// String returns "auto" or "manual".
func (t ScoreType) String() string {
	switch t {
	case ScoreAuto:
		return "auto"
	case ScoreManual:
		return "manual"
	}
	return fmt.Sprintf("ScoreType(%d)", t)
}

// ParseScoreType reads "auto" (or "automatic") and "manual".
func ParseScoreType(s string) (ScoreType, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "auto", "automatic":
		return ScoreAuto, nil
	case "manual":
		return ScoreManual, nil
	}
	return 0, fieldErr("score.type", "%q is not a score type (auto or manual)", s)
}

// MarshalText implements encoding.TextMarshaler.
func (t ScoreType) MarshalText() ([]byte, error) {
	if t > ScoreManual {
		return nil, fieldErr("score.type", "unknown score type %d", t)
	}
	return []byte(t.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (t *ScoreType) UnmarshalText(b []byte) error {
	v, err := ParseScoreType(string(b))
	if err != nil {
		return err
	}
	*t = v
	return nil
}

// Score is a lead's score: its type, the stars, and for automatic scores the
// exact value from 0 to 5 that the stars round (half up). For a manual score
// Value equals Stars.
type Score struct {
	Type  ScoreType       `json:"type"`
	Stars Stars           `json:"stars"`
	Value decimal.Decimal `json:"value"`
}

// ManualScore returns a manual score of n stars.
func ManualScore(n Stars) Score {
	return Score{Type: ScoreManual, Stars: n, Value: decimal.NewFromInt(int64(n))}
}
