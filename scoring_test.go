package leads_test

import (
	"testing"

	"github.com/google/uuid"
	"github.com/leadkit/leads"
	"github.com/stretchr/testify/require"
)

func TestAutoScore(t *testing.T) {
	c := func(n byte, w leads.Weight) leads.Criterion {
		return leads.Criterion{ID: uuid.UUID{15: n}, Name: "c", Weight: w}
	}
	low, normal, high := c(1, leads.WeightLow), c(2, leads.WeightNormal), c(3, leads.WeightHigh)
	met := func(cs ...leads.Criterion) map[uuid.UUID]bool {
		m := map[uuid.UUID]bool{}
		for _, c := range cs {
			m[c.ID] = true
		}
		return m
	}
	var many []leads.Criterion // 100 criteria of weight high
	for n := range 100 {
		many = append(many, c(byte(n+1), leads.WeightHigh))
	}
	tests := []struct {
		name     string
		criteria []leads.Criterion
		checks   map[uuid.UUID]bool
		value    string
		stars    leads.Stars
	}{
		{"no criteria", nil, nil, "0", 0},
		{"no criteria, stray checks", nil, met(high), "0", 0},
		{"nothing met", []leads.Criterion{low, normal, high}, nil, "0", 0},
		{"all met", []leads.Criterion{low, normal, high}, met(low, normal, high), "5", 5},
		{"high of six", []leads.Criterion{low, normal, high}, met(high), "2.5", 3}, // 2.5 rounds half up
		{"normal of six", []leads.Criterion{low, normal, high}, met(normal), "1.666667", 2},
		{"low of six", []leads.Criterion{low, normal, high}, met(low), "0.833333", 1},
		{"low+normal of six", []leads.Criterion{low, normal, high}, met(low, normal), "2.5", 3},
		{"normal+high of six", []leads.Criterion{low, normal, high}, met(normal, high), "4.166667", 4},
		{"one low met", []leads.Criterion{low}, met(low), "5", 5},
		{"unchecked is false", []leads.Criterion{low, high}, map[uuid.UUID]bool{low.ID: false, high.ID: true}, "3.75", 4},
		{"low of low+high", []leads.Criterion{low, high}, met(low), "1.25", 1},
		{"unknown checks ignored", []leads.Criterion{low, high}, met(low, normal), "1.25", 1},
		{"2.45 rounds down", many, met(many[:49]...), "2.45", 2},
		{"2.55 rounds up", many, met(many[:51]...), "2.55", 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := leads.AutoScore(tt.criteria, tt.checks)
			require.Equal(t, leads.ScoreAuto, s.Type)
			require.Equal(t, tt.stars, s.Stars)
			require.Equal(t, tt.value, s.Value.String())
		})
	}
}
