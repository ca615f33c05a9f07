package leads

import "iter"

// Collect reads seq to its end and returns its values, or the first error
// it yields. It turns the listings of a Book (Book.List, Users.List, ...)
// into a slice where the whole result is wanted at once.
func Collect[T any](seq iter.Seq2[T, error]) ([]T, error) {
	var out []T
	for v, err := range seq {
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// failed returns a sequence that yields err alone.
func failed[T any](err error) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		yield(zero, err)
	}
}
