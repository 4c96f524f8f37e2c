package tokumu

import (
	"errors"

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

// WhenOf converts an EDTF value to the domain's When, keeping the original
// text if it differs from the canonical form.
func WhenOf(v edtf.Value, text string) When {
	b := v.Bounds()
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
