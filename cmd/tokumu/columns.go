package main

import (
	"io"
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

// table lines up rows of cells in columns two spaces apart, measuring
// cells by cellWidth (text/tabwriter counts runes, so Japanese labels
// pushed every later column out of line). Each table is one block, as a
// run of tab-separated lines is for tabwriter.
type table struct{ rows [][]string }

// add appends a row; rows may have different numbers of cells.
func (t *table) add(cells ...string) { t.rows = append(t.rows, cells) }

// write prints the rows, every cell but a row's last padded to its
// column's width.
func (t *table) write(w io.Writer) error {
	var widths []int
	for _, r := range t.rows {
		for i, c := range r[:max(len(r)-1, 0)] {
			if i == len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], cellWidth(c))
		}
	}
	var b strings.Builder
	for _, r := range t.rows {
		for i, c := range r {
			if i < len(r)-1 {
				b.WriteString(pad(c, widths[i]+2))
			} else {
				b.WriteString(c)
			}
		}
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}
