package leads

import (
	"github.com/google/uuid"
	"github.com/shopspring/decimal"
)

// ScorePlaces is the number of decimal places of an automatic score's
// value. The stars are computed from the exact fraction, never from the
// rounded value, so rounding cannot change them.
const ScorePlaces = 6

// AutoScore computes the automatic score of checks against criteria, by the
// scoring rule: with W the sum of all weights and M the sum of the weights
// of the criteria met, the value is 5 × M / W, and the stars are that value
// rounded half up. No criteria (W = 0) gives 0. Checks of IDs that are not
// among criteria are ignored.
func AutoScore(criteria []Criterion, checks map[uuid.UUID]bool) Score {
	var met, all int64
	for _, c := range criteria {
		all += int64(c.Weight)
		if checks[c.ID] {
			met += int64(c.Weight)
		}
	}
	if all == 0 {
		return Score{Type: ScoreAuto, Value: decimal.Zero}
	}
	// round(5m/a) half up = floor((10m + a) / 2a), in integers.
	stars := Stars((10*met + all) / (2 * all))
	value := decimal.NewFromInt(5*met).DivRound(decimal.NewFromInt(all), ScorePlaces)
	return Score{Type: ScoreAuto, Stars: stars, Value: value}
}

// rescoreLead sets l's score from its checks if the score is automatic, and
// reports whether the score changed. A manual score is left alone.
func rescoreLead(l *Lead, criteria []Criterion) bool {
	if l.Score.Type != ScoreAuto {
		return false
	}
	s := AutoScore(criteria, l.Checks)
	if s.Stars == l.Score.Stars && s.Value.Equal(l.Score.Value) {
		return false
	}
	l.Score = s
	return true
}

// Explanation tells why a record has its score: each criterion with its
// weight, whether the record meets it, and the share of the maximum score
// it contributes.
type Explanation struct {
	Score Score `json:"score"`
	// Total is the sum of all weights; each met criterion contributes
	// 5 × weight / Total to the value.
	Total int64             `json:"total"`
	Items []ExplanationItem `json:"items"`
}

// ExplanationItem is one criterion's part in a score.
type ExplanationItem struct {
	Criterion Criterion `json:"criterion"`
	Met       bool      `json:"met"`
	// Share is 5 × weight / Total: what meeting the criterion adds to the
	// value (or would add, when it is not met).
	Share decimal.Decimal `json:"share"`
}

// explainScore returns the explanation of l's score against criteria. For a
// manual score it still lists what the criteria would give, so a frontend
// can show both.
func explainScore(l *Lead, criteria []Criterion) Explanation {
	e := Explanation{Score: l.Score}
	for _, c := range criteria {
		e.Total += int64(c.Weight)
	}
	for _, c := range criteria {
		share := decimal.Zero
		if e.Total > 0 {
			share = decimal.NewFromInt(5*int64(c.Weight)).DivRound(decimal.NewFromInt(e.Total), ScorePlaces)
		}
		e.Items = append(e.Items, ExplanationItem{Criterion: c, Met: l.Checks[c.ID], Share: share})
	}
	return e
}
