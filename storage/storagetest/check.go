package storagetest

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// The checks of the store contract, with the standard testing package
// alone. Each stops the test (t.Fatal) when it fails, and names what it
// checked with msg: a format and its arguments, or nothing.

// message formats msg, which is empty or a format with its arguments.
func message(msg []any) string {
	switch {
	case len(msg) == 0:
		return ""
	case len(msg) == 1:
		return fmt.Sprint(msg[0]) + ": "
	}
	if f, ok := msg[0].(string); ok {
		return fmt.Sprintf(f, msg[1:]...) + ": "
	}
	return fmt.Sprint(msg...) + ": "
}

func mustNoError(t testing.TB, err error, msg ...any) {
	t.Helper()
	if err != nil {
		t.Fatalf("%sunexpected error: %v", message(msg), err)
	}
}

func mustError(t testing.TB, err error, msg ...any) {
	t.Helper()
	if err == nil {
		t.Fatalf("%san error was expected, got nil", message(msg))
	}
}

func mustErrorIs(t testing.TB, err, target error, msg ...any) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Fatalf("%serror %v does not match %v", message(msg), err, target)
	}
}

func mustErrorAs(t testing.TB, err error, target any, msg ...any) {
	t.Helper()
	if !errors.As(err, target) {
		t.Fatalf("%serror %v is not a %T", message(msg), err, target)
	}
}

func mustErrorContains(t testing.TB, err error, text string, msg ...any) {
	t.Helper()
	if err == nil || !strings.Contains(err.Error(), text) {
		t.Fatalf("%serror %v does not contain %q", message(msg), err, text)
	}
}

// equal reports whether want and got are deeply equal, byte slices by
// their contents.
func equal(want, got any) bool {
	if want == nil || got == nil {
		return want == got
	}
	wb, ok1 := want.([]byte)
	gb, ok2 := got.([]byte)
	if ok1 && ok2 {
		return bytes.Equal(wb, gb)
	}
	return reflect.DeepEqual(want, got)
}

func mustEqual(t testing.TB, want, got any, msg ...any) {
	t.Helper()
	if !equal(want, got) {
		t.Fatalf("%snot equal:\nwant %#v\n got %#v", message(msg), want, got)
	}
}

// mustEqualValues is mustEqual after converting want to the type of got,
// when it converts: 1 equals int64(1).
func mustEqualValues(t testing.TB, want, got any, msg ...any) {
	t.Helper()
	if equal(want, got) {
		return
	}
	w, g := reflect.ValueOf(want), reflect.ValueOf(got)
	if w.IsValid() && g.IsValid() && w.Type().ConvertibleTo(g.Type()) &&
		reflect.DeepEqual(w.Convert(g.Type()).Interface(), got) {
		return
	}
	t.Fatalf("%snot equal:\nwant %#v\n got %#v", message(msg), want, got)
}

func mustTrue(t testing.TB, ok bool, msg ...any) {
	t.Helper()
	if !ok {
		t.Fatalf("%sshould be true", message(msg))
	}
}

// length returns the length of v, which must be a string, slice, array,
// map or channel.
func length(v any) (int, bool) {
	r := reflect.ValueOf(v)
	switch r.Kind() {
	case reflect.String, reflect.Slice, reflect.Array, reflect.Map, reflect.Chan:
		return r.Len(), true
	}
	return 0, false
}

func mustLen(t testing.TB, v any, n int, msg ...any) {
	t.Helper()
	if l, ok := length(v); !ok || l != n {
		t.Fatalf("%s%#v should have %d items, has %d", message(msg), v, n, l)
	}
}

// isEmpty reports whether v is nil, the zero value of its type, or has no
// items; for a pointer, whether what it points to is empty.
func isEmpty(v any) bool {
	if v == nil {
		return true
	}
	r := reflect.ValueOf(v)
	switch r.Kind() {
	case reflect.String, reflect.Slice, reflect.Map, reflect.Chan:
		return r.Len() == 0
	case reflect.Pointer:
		if r.IsNil() {
			return true
		}
		return isEmpty(r.Elem().Interface())
	}
	return r.IsZero()
}

func mustEmpty(t testing.TB, v any, msg ...any) {
	t.Helper()
	if !isEmpty(v) {
		t.Fatalf("%sshould be empty, is %#v", message(msg), v)
	}
}

// contains reports whether list (a string, slice, array or map) holds
// elem: a substring, an element, a key.
func contains(list, elem any) (found, ok bool) {
	r := reflect.ValueOf(list)
	switch r.Kind() {
	case reflect.String:
		e, isStr := elem.(string)
		return isStr && strings.Contains(r.String(), e), isStr
	case reflect.Map:
		for _, k := range r.MapKeys() {
			if equal(k.Interface(), elem) {
				return true, true
			}
		}
		return false, true
	case reflect.Slice, reflect.Array:
		for i := range r.Len() {
			if equal(r.Index(i).Interface(), elem) {
				return true, true
			}
		}
		return false, true
	}
	return false, false
}

func mustContain(t testing.TB, list, elem any, msg ...any) {
	t.Helper()
	if found, ok := contains(list, elem); !ok || !found {
		t.Fatalf("%s%#v does not contain %#v", message(msg), list, elem)
	}
}

func mustNotContain(t testing.TB, list, elem any, msg ...any) {
	t.Helper()
	if found, ok := contains(list, elem); !ok || found {
		t.Fatalf("%s%#v should not contain %#v", message(msg), list, elem)
	}
}

// mustElementsMatch checks that the slices want and got hold the same
// elements, each as often, in any order.
func mustElementsMatch(t testing.TB, want, got any, msg ...any) {
	t.Helper()
	w, g := reflect.ValueOf(want), reflect.ValueOf(got)
	if w.Len() == g.Len() {
		used := make([]bool, g.Len())
		matched := 0
		for i := range w.Len() {
			for j := range g.Len() {
				if !used[j] && equal(w.Index(i).Interface(), g.Index(j).Interface()) {
					used[j] = true
					matched++
					break
				}
			}
		}
		if matched == w.Len() {
			return
		}
	}
	t.Fatalf("%selements differ:\nwant %#v\n got %#v", message(msg), want, got)
}

func mustNegative(t testing.TB, n int, msg ...any) {
	t.Helper()
	if n >= 0 {
		t.Fatalf("%s%d should be negative", message(msg), n)
	}
}
