package edtf

import (
	"math"
	"strconv"
)

// Day is a calendar day in the proleptic Gregorian calendar, encoded as
// year*10000 + month*100 + day (for example 19380613), so that integer order
// is date order, also for negative (astronomical) years: 1 BC is year 0,
// 2 BC is year -1, and so on.
//
// MinDay and MaxDay stand for an open or unknown bound; they lie strictly
// outside the range of any real day.
type Day int64

const (
	// MinDay is before every day; it stands for an open or unknown start.
	MinDay Day = math.MinInt64
	// MaxDay is after every day; it stands for an open or unknown end.
	MaxDay Day = math.MaxInt64
)

// MaxYear is the largest year magnitude a Day can hold. Values with longer
// years (EDTF "Y" years) parse and format exactly, but their bounds are
// clamped to years -MaxYear and MaxYear.
const MaxYear = 900_000_000_000_000

// DayOf returns the Day for the given year, month and day of month.
// It does not validate month or day; the year is clamped to ±MaxYear.
func DayOf(year, month, day int) Day {
	return dayOf(int64(year), month, day)
}

func dayOf(year int64, month, day int) Day {
	year = min(max(year, -MaxYear), MaxYear)
	return Day(year*10000 + int64(month)*100 + int64(day))
}

// Year returns d's year. It is meaningless for MinDay and MaxDay.
func (d Day) Year() int {
	y := int64(d) / 10000
	if int64(d)%10000 < 0 {
		y--
	}
	return int(y)
}

func (d Day) md() int {
	r := int(int64(d) % 10000)
	if r < 0 {
		r += 10000
	}
	return r
}

// Month returns d's month, 1–12.
func (d Day) Month() int { return d.md() / 100 }

// Dom returns d's day of the month, 1–31.
func (d Day) Dom() int { return d.md() % 100 }

// String formats d as YYYY-MM-DD, with a minus sign for years before year 0
// and more digits for years beyond 9999. MinDay and MaxDay format as "..".
func (d Day) String() string {
	if d == MinDay || d == MaxDay {
		return ".."
	}
	b := make([]byte, 0, 16)
	b = appendYear4(b, int64(d.Year()))
	b = append(b, '-')
	b = append2(b, d.Month())
	b = append(b, '-')
	b = append2(b, d.Dom())
	return string(b)
}

// appendYear4 appends y with at least four digits and a leading minus sign
// if negative.
func appendYear4(b []byte, y int64) []byte {
	if y < 0 {
		b = append(b, '-')
	}
	s := strconv.FormatUint(absU(y), 10)
	for n := len(s); n < 4; n++ {
		b = append(b, '0')
	}
	return append(b, s...)
}

func append2(b []byte, n int) []byte {
	return append(b, byte('0'+n/10), byte('0'+n%10))
}

func absU(y int64) uint64 {
	if y < 0 {
		return uint64(-(y + 1)) + 1
	}
	return uint64(y)
}

// isLeap reports whether year is a leap year in the proleptic Gregorian
// calendar (year 0 is a leap year).
func isLeap(year int64) bool {
	return year%4 == 0 && (year%100 != 0 || year%400 == 0)
}

// daysIn returns the number of days in the month of the year.
func daysIn(year int64, month int) int {
	switch month {
	case 2:
		if isLeap(year) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}
