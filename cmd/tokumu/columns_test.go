package main

import "testing"

func TestPad(t *testing.T) {
	for _, tt := range []struct {
		s    string
		n    int
		want string
	}{
		{"1941", 6, "1941  "},
		{"南進する", 10, "南進する  "}, // four wide characters, eight columns
		{"熟柿を待つ（熟柿主義）", 24, "熟柿を待つ（熟柿主義）  "}, // full-width brackets are wide too
		{"1941年6月1日", 12, "1941年6月1日"},       // 6 + 3×2 = 12: no padding
		{"Квантунская армия", 20, "Квантунская армия   "},
		{"longer than n", 4, "longer than n"},
	} {
		if got := pad(tt.s, tt.n); got != tt.want {
			t.Errorf("pad(%q, %d) = %q, want %q", tt.s, tt.n, got, tt.want)
		}
	}
}
