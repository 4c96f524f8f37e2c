package tokumu

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/tokumu/tokumu/edtf"
)

// Day is a calendar day encoded as year*10000 + month*100 + day, so that
// 1938-06-13 is 19380613. Integer order is date order (also for negative
// years), which lets a store answer "what held on day D" with two integer
// comparisons on an index.
type Day int64

// MinDay and MaxDay stand for an open or unknown bound of a time.
const (
	MinDay Day = -99999999999
	MaxDay Day = 99999999999
)

// DayOf returns the Day for a year, month and day of month.
func DayOf(year, month, day int) Day {
	return Day(int64(year)*10000 + int64(month)*100 + int64(day))
}

// Date returns the year, month and day of month of d.
func (d Day) Date() (year, month, day int) {
	n := int64(d)
	y := n / 10000
	if n < 0 {
		y = -((-n + 9999) / 10000)
	}
	md := n - y*10000
	return int(y), int(md / 100), int(md % 100)
}

// String formats d as YYYY-MM-DD, "-YYYY-MM-DD" before year 0, and ".." for
// MinDay or MaxDay.
func (d Day) String() string {
	if d <= MinDay || d >= MaxDay {
		return ".."
	}
	y, m, dd := d.Date()
	if y < 0 {
		return fmt.Sprintf("-%04d-%02d-%02d", -y, m, dd)
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, m, dd)
}

// When is the time of a claim: an EDTF value (Library of Congress Extended
// Date/Time Format, ISO 8601-2) with the text the source used and the bounds
// derived from it. The zero When means the claim is undated.
//
// For a single date, the event happened somewhere in [Earliest, Latest].
// For an interval A/B, Earliest..LatestStart is where A may fall and
// EarliestEnd..Latest where B may fall, so the claim certainly held on the
// days in [LatestStart, EarliestEnd] and possibly on those in
// [Earliest, Latest].
type When struct {
	EDTF string `json:"edtf"`           // canonical EDTF, e.g. "1937-08/1938-07"
	Text string `json:"text,omitempty"` // as the source wrote it, when it differs: "昭和十六年七月二日"

	Earliest    Day  `json:"earliest"`
	LatestStart Day  `json:"latest_start"`
	EarliestEnd Day  `json:"earliest_end"`
	Latest      Day  `json:"latest"`
	Interval    bool `json:"interval,omitempty"`
}

// IsZero reports whether the claim is undated.
func (w When) IsZero() bool { return w.EDTF == "" }

// PossiblyAt reports whether the time may include day d.
func (w When) PossiblyAt(d Day) bool {
	return !w.IsZero() && w.Earliest <= d && d <= w.Latest
}

// CertainlyAt reports whether the time certainly includes day d: d lies
// inside an interval whatever the uncertainty of its ends.
func (w When) CertainlyAt(d Day) bool {
	return !w.IsZero() && w.Interval && w.LatestStart <= d && d <= w.EarliestEnd
}

// Overlaps reports whether two times may overlap.
func (w When) Overlaps(v When) bool {
	return !w.IsZero() && !v.IsZero() && w.Earliest <= v.Latest && v.Earliest <= w.Latest
}

// Stated returns w with the bounds of the date as written, before the
// widening of an approximate date (1938~ states 1938, though it may be
// 1937 or 1939: see edtf.Value.ApproximateBounds). A list files a date by
// what it states; questions of what possibly or certainly held use w.
func (w When) Stated() When {
	if !strings.ContainsAny(w.EDTF, "~%") {
		return w
	}
	v, err := edtf.Parse(w.EDTF)
	if err != nil {
		return w
	}
	b := v.Bounds()
	w.Earliest, w.LatestStart, w.EarliestEnd, w.Latest = day(b.Earliest), day(b.LatestStart), day(b.EarliestEnd), day(b.Latest)
	return w
}

// Rederive returns w with the bounds this build derives from its EDTF. A
// store keeps bounds beside the EDTF, so that it can answer "what held on
// day D" from an index; what it reads back whole (a name's time, an
// object in the history or in a release) goes through Rederive, so that a
// row written by a build with other rules (before approximate dates were
// widened) answers by this build's. Only approximate dates have had their
// rule changed, so only they are parsed again (a parse is 450 ns; a
// release or a history of a million claims reads them all). A When whose
// EDTF does not parse keeps its bounds.
func (w When) Rederive() When {
	if w.IsZero() || !strings.ContainsAny(w.EDTF, "~%") {
		return w
	}
	v, err := edtf.Parse(w.EDTF)
	if err != nil {
		return w
	}
	r := WhenOf(v, w.EDTF)
	r.Text = w.Text
	return r
}

// String returns the EDTF form, with the original text in parentheses
// when it differs.
func (w When) String() string {
	if w.Text != "" && w.Text != w.EDTF {
		return w.EDTF + " (" + w.Text + ")"
	}
	return w.EDTF
}

// Human returns the time in words for readers in lang (en, ja, ru; any
// other gives English): "autumn 1919", "c. December 1941", "1926 –
// unknown" (edtf.Value.Human), never an EDTF code such as "1919-23",
// which a reader takes for 1919–1923. The EDTF stays in w.EDTF for
// machines and title attributes. An undated When gives "".
func (w When) Human(lang string) string {
	if w.IsZero() {
		return ""
	}
	v, err := edtf.Parse(w.EDTF)
	if err != nil {
		return w.EDTF // a When built by hand, not by ParseWhen
	}
	return v.Human(lang)
}

// MarshalText writes d as YYYY-MM-DD, so JSON shows dates people can read.
func (d Day) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// ParsePoint reads a coordinates value, "lat, lon" in WGS 84 degrees. The
// error says what to write instead.
func ParsePoint(v string) (lat, lon float64, err error) {
	a, b, ok := strings.Cut(v, ",")
	if !ok {
		return 0, 0, Errorf(EINVALID, "point %q: write \"lat, lon\" in degrees, e.g. \"45.75, 126.63\"", v)
	}
	lat, err1 := strconv.ParseFloat(strings.TrimSpace(a), 64)
	lon, err2 := strconv.ParseFloat(strings.TrimSpace(b), 64)
	if err1 != nil || err2 != nil {
		return 0, 0, Errorf(EINVALID, "point %q: latitude and longitude must be numbers, e.g. \"45.75, 126.63\"", v)
	}
	if lat < -90 || lat > 90 || lon < -180 || lon > 180 {
		return 0, 0, Errorf(EINVALID, "point %q: latitude must be within ±90 and longitude within ±180 (is it lon, lat? write lat first)", v)
	}
	return lat, lon, nil
}
