package view

import (
	"testing"

	"github.com/tokumu/tokumu"
)

func TestQuantity(t *testing.T) {
	for _, tc := range []struct {
		in    string
		want  float64
		bound tokumu.Bound
		ok    bool
	}{
		{"42000", 42000, "", true},
		{" 42,000 ", 42000, "", true},
		{"1_300_000", 1300000, "", true},
		{"1.5", 1.5, "", true},
		{"≥4", 4, tokumu.AtLeast, true},
		{"", 0, "", false},
		{"about 40", 0, "", false},
		{"Inf", 0, "", false},
		{"4,0,0", 400, "", true}, // separators are dropped wherever they stand
	} {
		got, b, ok := Quantity(tc.in)
		if got != tc.want || b != tc.bound || ok != tc.ok {
			t.Errorf("Quantity(%q) = %v, %q, %v; want %v, %q, %v", tc.in, got, b, ok, tc.want, tc.bound, tc.ok)
		}
	}
}

// The attestation key reads every claim's value as a figure, most of them
// prose; a figure never starts with a letter, so prose is turned away
// before any copy or parse (402 ns for these six values against 1,260 ns
// for the plain-number reader it replaced, median of 5, 2 cores).
var benchValues = []string{
	"The Red Army was stronger than it really was, and its divisions, tanks and aircraft were more numerous than the General Staff's reference books said.",
	"1,300,000", "≥1400000", "28", "Колчак, Семёнов и Унгерн", "1939-08",
}

func BenchmarkQuantity(b *testing.B) {
	for b.Loop() {
		for _, v := range benchValues {
			Quantity(v)
		}
	}
}
