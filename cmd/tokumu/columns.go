package main

import (
	"strings"

	"golang.org/x/text/width"
)

// cellWidth is how many terminal columns s takes: two for a wide or
// fullwidth character (漢字, かな, full-width brackets), one otherwise, so
// that columns line up under Japanese names and dates as under Latin ones.
func cellWidth(s string) int {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}

// pad is s followed by spaces to n columns (fmt's %-ns counts runes, so
// a Japanese label of 10 characters, 20 columns wide, would push the next
// column 10 columns right). A string as wide as n or wider is returned as
// it is.
func pad(s string, n int) string {
	if w := cellWidth(s); w < n {
		return s + strings.Repeat(" ", n-w)
	}
	return s
}
