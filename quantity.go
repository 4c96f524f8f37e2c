package tokumu

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Bound says how a source's figure stands to the quantity it describes.
// Sources rarely give a bare count: "over one million four hundred
// thousand", "up to 28 rifle divisions", "about a million". A number claim
// keeps that word as a sign before its value (v: "≥1400000", "≤28",
// "~1000000"), so that every view shows it and every ratio or change
// computed from the figure carries it, instead of a bound read as an exact
// count.
type Bound string

const (
	Exact    Bound = ""  // the figure as given
	AtLeast  Bound = "≥" // "at least", "no fewer than"
	MoreThan Bound = ">" // "over", "more than"
	AtMost   Bound = "≤" // "up to", "at most"
	LessThan Bound = "<" // "under", "fewer than"
	About    Bound = "~" // "about", "some", "around"
	// Indefinite marks a figure derived from two bounds that point the
	// same way (an "over" estimate divided by an "over" count), about
	// which nothing can be said but the arithmetic of the given numbers.
	Indefinite Bound = "?"
)

// Direction is +1 for a lower bound (the quantity is at least the
// figure), −1 for an upper bound, and 0 for an exact, approximate or
// indefinite figure.
func (b Bound) Direction() int {
	switch b {
	case AtLeast, MoreThan:
		return 1
	case AtMost, LessThan:
		return -1
	}
	return 0
}

// boundPrefixes are the signs a value may start with, longest first; the
// ASCII pairs are for keyboards without ≥ and ≤.
var boundPrefixes = []struct {
	text  string
	bound Bound
}{{">=", AtLeast}, {"<=", AtMost}, {"≥", AtLeast}, {"≤", AtMost}, {">", MoreThan}, {"<", LessThan}, {"~", About}}

// digitGroups drops the separators a figure may group its digits with.
// Built once: the analyses read every claim's value as a figure, a million
// times at scale.
var digitGroups = strings.NewReplacer(",", "", "_", "")

// ParseQuantity reads a number claim's value: an optional bound sign (≥ or
// >=, >, ≤ or <=, <, ~) and a number, which may group its digits with ","
// or "_": "42000", "42,000", "≥1400000", "<= 28", "~1.5".
func ParseQuantity(v string) (float64, Bound, error) {
	f, b, ok := ReadQuantity(v)
	if !ok {
		return 0, "", fmt.Errorf("%q is not a number; write digits, optionally after ≥, >, ≤, < or ~ (\"≥1400000\" for \"over 1,400,000\")", v)
	}
	return f, b, nil
}

// ReadQuantity is ParseQuantity without the error, for the analyses,
// which ask it of every claim's value (most of them prose) and must not
// build a message for each.
func ReadQuantity(v string) (float64, Bound, bool) {
	s := strings.TrimSpace(v)
	if r, _ := utf8.DecodeRuneInString(s); !strings.ContainsRune("0123456789.-+≥≤<>~", r) {
		return 0, "", false // prose, cheaply: no figure starts with a letter
	}
	b := Exact
	for _, p := range boundPrefixes {
		if rest, ok := strings.CutPrefix(s, p.text); ok {
			s, b = strings.TrimSpace(rest), p.bound
			break
		}
	}
	if strings.ContainsAny(s, ",_") {
		s = digitGroups.Replace(s)
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, "", false
	}
	return f, b, true
}

// Mark writes a figure derived from bounded ones after the bound it
// carries: "≤+17", "≥×1.25"; "×1.25 (?)" where the bound is Indefinite.
// The web pages and the CLI write ratios and changes through it.
func (b Bound) Mark(s string) string {
	if b == Indefinite {
		return s + " (?)"
	}
	return string(b) + s
}

// RatioBound is the bound of a ÷ b, where a and b carry bounds x and y: an
// "at least" estimate divided by an exact count is at least the ratio of
// the figures; divided by an "at least" count it is indefinite. The same
// rule holds for a − b, since both grow with a and shrink as b grows.
func RatioBound(x, y Bound) Bound {
	dx, dy := x.Direction(), y.Direction()
	switch {
	case x == Indefinite || y == Indefinite || dx != 0 && dx == dy:
		return Indefinite
	case dx > 0 || dy < 0:
		return AtLeast
	case dx < 0 || dy > 0:
		return AtMost
	case x == About || y == About:
		return About
	}
	return Exact
}
