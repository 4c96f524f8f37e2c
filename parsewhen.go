package tokumu

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/tokumu/tokumu/edtf"
)

// ParseWhen reads a time as sources write it (EDTF, a Japanese era date, a
// date with an English or Russian month name) and returns it with its
// bounds. On error it also returns the byte offset where the text goes wrong.
func ParseWhen(s string) (When, int, error) {
	v, err := edtf.ParseText(s)
	if err != nil {
		var se *edtf.SyntaxError
		if errors.As(err, &se) {
			return When{}, se.Offset, errors.New(se.Msg)
		}
		return When{}, 0, err
	}
	return WhenOf(v, s), 0, nil
}

// seasonPat is EDTF's season of a year: 21 spring … 24 winter.
var seasonPat = regexp.MustCompile(`^([0-9]{4})-(2[1-4])$`)

// SeasonOrSpan reports, for a date typed by hand, a season whose number
// is the next year's last two digits ("1922-23": EDTF's autumn of 1922,
// or the years 1922–23 as a source writes them), with both ways to write
// what was meant; "" for anything else. The corpus's own files and
// tokumu's exports write EDTF, where it is the season; a spreadsheet or a
// form is where the span is meant as often, so they ask.
func SeasonOrSpan(s string) string {
	m := seasonPat.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return ""
	}
	y, _ := strconv.Atoi(m[1])
	if fmt.Sprintf("%02d", (y+1)%100) != m[2] {
		return ""
	}
	season := map[string]string{"21": "spring", "22": "summer", "23": "autumn", "24": "winter"}[m[2]]
	return fmt.Sprintf("%q is EDTF for %s %s, and also how a source writes the years %s to %d: write %s/%d for the years, or %s %s for the season",
		s, season, m[1], m[1], y+1, m[1], y+1, season, m[1])
}

// WhenOf converts an EDTF value to the domain's When, keeping the original
// text if it differs from the canonical form.
func WhenOf(v edtf.Value, text string) When {
	b := v.ApproximateBounds()
	w := When{
		EDTF:        v.String(),
		Earliest:    day(b.Earliest),
		LatestStart: day(b.LatestStart),
		EarliestEnd: day(b.EarliestEnd),
		Latest:      day(b.Latest),
		Interval:    v.IsInterval(),
	}
	if text != w.EDTF {
		w.Text = text
	}
	return w
}

func day(d edtf.Day) Day {
	switch {
	case d <= edtf.MinDay:
		return MinDay
	case d >= edtf.MaxDay:
		return MaxDay
	}
	return Day(d)
}
