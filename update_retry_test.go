package leads

import (
	"testing"
	"time"
)

func TestRetryWait(t *testing.T) {
	r := retryPolicy{attempts: 10, base: time.Millisecond, max: 6 * time.Millisecond}
	for _, tt := range []struct {
		retry  int
		lo, hi time.Duration
	}{
		{1, 500 * time.Microsecond, time.Millisecond},
		{2, time.Millisecond, 2 * time.Millisecond},
		{3, 2 * time.Millisecond, 4 * time.Millisecond},
		{4, 3 * time.Millisecond, 6 * time.Millisecond}, // capped
		{40, 3 * time.Millisecond, 6 * time.Millisecond},
	} {
		seen := map[time.Duration]bool{}
		for range 200 {
			d := r.wait(tt.retry)
			if d < tt.lo || d > tt.hi {
				t.Fatalf("wait(%d) = %v, want within [%v, %v]", tt.retry, d, tt.lo, tt.hi)
			}
			seen[d] = true
		}
		if len(seen) < 2 {
			t.Errorf("wait(%d) is always %v: no jitter", tt.retry, r.wait(tt.retry))
		}
	}
	if d := (retryPolicy{}).wait(3); d != 0 {
		t.Errorf("zero backoff waits %v", d)
	}
}

func TestWithUpdateBackoff(t *testing.T) {
	b := New(nil, WithRetryBackoff(-time.Second, -time.Second), WithRetryAttempts(0))
	if b.retry.base != 0 || b.retry.max != 0 || b.retry.attempts != 1 {
		t.Errorf("got %+v, want no wait and one attempt", b.retry)
	}
	b = New(nil, WithRetryBackoff(5*time.Millisecond, time.Millisecond))
	if b.retry.base != 5*time.Millisecond || b.retry.max != 5*time.Millisecond {
		t.Errorf("got %+v, want the maximum raised to the base", b.retry)
	}
	if b.retry.attempts != DefaultRetryAttempts {
		t.Errorf("attempts %d, want the default", b.retry.attempts)
	}
}
