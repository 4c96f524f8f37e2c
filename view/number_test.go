package view

import "testing"

func TestNumber(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want float64
		ok   bool
	}{
		{"42000", 42000, true},
		{" 42,000 ", 42000, true},
		{"1_300_000", 1300000, true},
		{"1.5", 1.5, true},
		{"700000", 700000, true},
		{"", 0, false},
		{"about 40", 0, false},
		{"4,0,0", 400, true}, // separators are dropped wherever they stand
	} {
		got, ok := Number(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("Number(%q) = %v, %v; want %v, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}
