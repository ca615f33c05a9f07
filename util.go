package leads

import (
	"cmp"
	"errors"
	"maps"
	"slices"

	"github.com/shopspring/decimal"
)

var fiveDecimal = decimal.NewFromInt(5)

func sortedKeys[K cmp.Ordered, V any](m map[K]V) []K {
	return slices.Sorted(maps.Keys(m))
}

func joinErrs(errs []error) error {
	if len(errs) == 0 {
		return nil
	}
	return errors.Join(errs...)
}
