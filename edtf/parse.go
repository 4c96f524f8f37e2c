package edtf

import (
	"fmt"
	"strconv"
	"strings"
)

// SyntaxError reports where an input went wrong and what would fix it.
type SyntaxError struct {
	Input  string // the text being parsed
	Offset int    // byte offset into Input where the problem starts
	Msg    string // what is wrong, with a hint at the fix
}

// Error returns the message with the input and the offset.
func (e *SyntaxError) Error() string {
	return fmt.Sprintf("edtf: %q: at offset %d: %s", e.Input, e.Offset, e.Msg)
}

// Parse parses s as an EDTF level 0 or level 1 value, or a level 2 set of
// one range ([1938-01..1938-04], [..1939], [1941..]). It is strict: it
// accepts no surrounding space, no lower-case letters and no other level 2
// features; errors about level 2 syntax say so. On failure the error is a
// *SyntaxError.
func Parse(s string) (Value, error) {
	p := parser{in: s}
	return p.value()
}

// MustParse is like Parse but panics if s cannot be parsed. It simplifies
// initialization of tables of known-good values.
func MustParse(s string) Value {
	v, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return v
}

type parser struct {
	in string
}

func (p *parser) errf(off int, format string, args ...any) *SyntaxError {
	return &SyntaxError{Input: p.in, Offset: off, Msg: fmt.Sprintf(format, args...)}
}

const level2 = " is EDTF level 2, which is not supported"

func (p *parser) value() (Value, error) {
	s := p.in
	if s == "" {
		return Value{}, p.errf(0, "empty date; write one such as 1985-04-12, 1985-04 or 1985")
	}
	if strings.HasPrefix(s, "[") && strings.HasSuffix(s, "]") && strings.Count(s, "..") == 1 && !strings.ContainsAny(s, ",{}/") {
		return p.set()
	}
	if i := strings.IndexAny(s, "[{"); i >= 0 {
		return Value{}, p.errf(i, "a set of dates ([...] or {...})"+level2+", except one range: [1667..1672], [..1760-12-03], [1760-12..]")
	}
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return Value{}, p.errf(i, "unexpected non-ASCII text %q; EDTF is ASCII (for dates written out in words use ParseText)", firstRune(s[i:]))
		}
	}
	slash := strings.IndexByte(s, '/')
	if slash < 0 {
		if s == ".." {
			return Value{}, p.errf(0, "'..' alone is not a date; it marks an open end of an interval, as in 1985/.. or ../1985")
		}
		if strings.HasPrefix(s, "..") || strings.HasSuffix(s, "..") {
			_, err := p.end(0, len(s))
			return Value{}, err
		}
		d, err := p.date(0, len(s), true)
		if err != nil {
			return Value{}, err
		}
		return Value{start: d}, nil
	}
	if j := strings.IndexByte(s[slash+1:], '/'); j >= 0 {
		return Value{}, p.errf(slash+1+j, "an interval has exactly one '/'")
	}
	a, err := p.end(0, slash)
	if err != nil {
		return Value{}, err
	}
	b, err := p.end(slash+1, len(s))
	if err != nil {
		return Value{}, err
	}
	if a.kind != kindDate && b.kind != kindDate {
		return Value{}, p.errf(0, "an interval needs a date at one end at least; write, for example, 1985/.. or ../1985")
	}
	if a.kind == kindDate && b.kind == kindDate {
		lo, _ := a.bounds()
		_, hi := b.bounds()
		if lo > hi {
			return Value{}, p.errf(slash+1, "interval ends before it starts: %s is after %s; swap the ends",
				s[:slash], s[slash+1:])
		}
	}
	return Value{start: a, end: b, interval: true}, nil
}

// set parses [A..B], [..B] or [A..]; the caller has checked the brackets
// and that ".." occurs once.
func (p *parser) set() (Value, error) {
	s := p.in
	dots := strings.Index(s, "..")
	v := Value{set: true, start: date{kind: kindOpen}, end: date{kind: kindOpen}}
	if dots > 1 {
		a, err := p.date(1, dots, false)
		if err != nil {
			return Value{}, err
		}
		v.start = a
	}
	if dots+2 < len(s)-1 {
		b, err := p.date(dots+2, len(s)-1, false)
		if err != nil {
			return Value{}, err
		}
		v.end = b
	}
	for _, d := range []struct {
		d   date
		off int
	}{{v.start, 1}, {v.end, dots + 2}} {
		switch {
		case d.d.month >= 21:
			return Value{}, p.errf(d.off, "a season at an end of a set is not read; write its first or last month, as in [1941-03..] for spring 1941 on")
		case d.d.qual != 0:
			return Value{}, p.errf(d.off, "a qualified date at an end of a set is not read; the set already says which day is not known")
		}
	}
	switch {
	case v.start.kind != kindDate && v.end.kind != kindDate:
		return Value{}, p.errf(0, "a set of one range needs a date at one end at least: [..1939] or [1941..]")
	case v.start.kind == kindDate && v.end.kind == kindDate:
		alo, ahi := v.start.bounds()
		blo, bhi := v.end.bounds()
		if alo > blo || ahi > bhi {
			return Value{}, p.errf(dots+2, "range ends before it starts: %s is after %s; swap the ends", s[1:dots], s[dots+2:len(s)-1])
		}
		if v.start == v.end {
			return Value{}, p.errf(0, "a range from a date to itself is that date: write %s", s[1:dots])
		}
	}
	return v, nil
}

// end parses one end of an interval, in[lo:hi].
func (p *parser) end(lo, hi int) (date, error) {
	switch s := p.in[lo:hi]; {
	case s == "":
		return date{kind: kindUnknown}, nil
	case s == "..":
		return date{kind: kindOpen}, nil
	case strings.HasPrefix(s, ".."):
		return date{}, p.errf(lo, "'..' marks an open end on its own (../1985); '..' joined to a date"+level2)
	case strings.HasSuffix(s, ".."):
		return date{}, p.errf(hi-2, "'..' marks an open end on its own (1985/..); '..' joined to a date"+level2)
	}
	return p.date(lo, hi, false)
}

func isQual(c byte) bool { return c == '?' || c == '~' || c == '%' }

func qualBits(c byte) uint8 {
	switch c {
	case '?':
		return qualUncertain
	case '~':
		return qualApproximate
	}
	return qualUncertain | qualApproximate
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// date parses a single date in in[lo:hi]. Time of day is allowed only
// outside intervals.
func (p *parser) date(lo, hi int, allowTime bool) (date, error) {
	s := p.in[:hi]
	i := lo
	d := date{kind: kindDate}
	if isQual(s[i]) {
		return d, p.errf(i, "a qualifier before a date or component (%c2004)%s; put it after the date: 2004%c", s[i], level2, s[i])
	}
	if s[i] == 'Y' {
		return p.longYear(lo, hi)
	}
	neg := s[i] == '-'
	if neg {
		i++
	}

	// Year: four characters, digits then up to two X.
	ys := i
	for i < hi && (isDigit(s[i]) || s[i] == 'X') {
		i++
	}
	if i < hi && (s[i] == 'x' || s[i] == 'u') {
		return d, p.errf(i, "an unspecified digit is written with upper-case X, not %q", s[i])
	}
	switch n := i - ys; {
	case n == 0:
		if i < hi && s[i] == '-' && neg {
			return d, p.errf(i, "unexpected second '-'; a negative year is written -1985")
		}
		return d, p.errf(ys, "expected a four-digit year such as 1985")
	case n < 4:
		return d, p.errf(ys, "year %q must have four digits; pad with zeros: %s", s[ys:i], strings.Repeat("0", 4-n)+s[ys:i])
	case n > 4:
		if strings.IndexByte(s[ys:i], 'X') >= 0 {
			return d, p.errf(ys, "year must have four digits")
		}
		return d, p.errf(ys, "a year of more than four digits takes the Y prefix and no month or day: Y%s", s[lo:i])
	}
	var year int64
	ux := 0
	for j := ys; j < i; j++ {
		if s[j] == 'X' {
			ux++
			year *= 10
			continue
		}
		if ux > 0 {
			return d, p.errf(j-1, "an unspecified digit X left of a known digit"+level2+"; level 1 allows X only as the rightmost one or two digits of a year (201X, 20XX)")
		}
		year = year*10 + int64(s[j]-'0')
	}
	if ux > 2 {
		return d, p.errf(i-ux, "more than two unspecified year digits (%s)%s; level 1 allows 201X and 20XX", s[ys:i], level2)
	}
	if neg && year == 0 {
		if ux > 0 {
			return d, p.errf(lo, "a negative year whose known digits are all zero (%s) is ambiguous; write an interval such as -0099/0000", s[lo:i])
		}
		return d, p.errf(lo, "year -0000 is not valid; year zero is written 0000")
	}
	if neg {
		year = -year
	}
	d.year, d.ux = year, uint8(ux)

	// Month or season.
	if i < hi && s[i] == '-' {
		if ux > 0 {
			return d, p.errf(ys, "unspecified year digits followed by a month (%s-..)%s; level 1 allows X in a year-only date", s[ys:ys+4], level2)
		}
		i++
		m, x, err := p.component(i, hi, "month", "01–12 or a season 21–24")
		if err != nil {
			return d, err
		}
		switch {
		case x:
			d.monthX = true
		case m >= 1 && m <= 12, m >= 21 && m <= 24:
			d.month = int8(m)
		case m >= 13 && m <= 20:
			return d, p.errf(i, "month %02d out of range 01–12 (for a season use 21–24)", m)
		case m >= 25 && m <= 41:
			return d, p.errf(i, "season or quarter %d%s; level 1 seasons are 21 spring, 22 summer, 23 autumn, 24 winter", m, level2)
		default:
			return d, p.errf(i, "month %02d out of range 01–12 (for a season use 21–24)", m)
		}
		i += 2

		// Day.
		if i < hi && s[i] == '-' {
			if d.month >= 21 {
				return d, p.errf(i, "a season (%s) has no day; write a month 01–12 instead", s[i-2:i])
			}
			i++
			n, x, err := p.component(i, hi, "day", "01–31")
			if err != nil {
				return d, err
			}
			switch {
			case x:
				d.dayX = true
			case d.monthX:
				return d, p.errf(i, "a known day in an unspecified month (XX-%s)%s; write %s-XX-XX", s[i:i+2], level2, s[ys:ys+4])
			default:
				dim := daysIn(year, int(d.month))
				if n < 1 || n > dim {
					hint := ""
					if d.month == 2 && n == 29 {
						hint = fmt.Sprintf(" (%s is not a leap year)", s[ys:ys+4])
					}
					return d, p.errf(i, "day %02d out of range 01–%02d for %s%s", n, dim, s[lo:i-1], hint)
				}
				d.day = int8(n)
			}
			i += 2

			// Time of day.
			if i < hi && s[i] == 'T' {
				if !allowTime {
					return d, p.errf(i, "a time of day is not allowed in an interval; EDTF intervals join dates only")
				}
				if d.dayX || d.monthX {
					return d, p.errf(i, "a time of day needs a complete date, without X")
				}
				t, err := p.timeOfDay(i, hi)
				if err != nil {
					return d, err
				}
				d.time = t
				i += len(t)
				if i < hi && isQual(s[i]) {
					return d, p.errf(i, "a date with a time of day cannot be qualified; drop the time or the %c", s[i])
				}
			}
		}
	}

	i, err := p.qualifier(&d, i, hi)
	if err != nil {
		return d, err
	}
	if i < hi {
		return d, p.unexpected(i, hi)
	}
	return d, nil
}

// component parses a two-character month or day at in[i:] that is either
// two digits or XX.
func (p *parser) component(i, hi int, name, want string) (n int, x bool, err error) {
	s := p.in[:hi]
	if i < hi && isQual(s[i]) {
		return 0, false, p.errf(i, "a qualifier before a %s (-%c..)%s; put one qualifier at the end of the date", name, s[i], level2)
	}
	if i+2 > hi || !(isDigit(s[i]) || s[i] == 'X') || !(isDigit(s[i+1]) || s[i+1] == 'X') {
		if i < hi && (s[i] == 'x' || s[i] == 'u') || i+1 < hi && (s[i+1] == 'x' || s[i+1] == 'u') {
			return 0, false, p.errf(i, "an unspecified %s is written with upper-case XX", name)
		}
		return 0, false, p.errf(i, "expected a two-digit %s (%s)", name, want)
	}
	if i+2 < hi && isDigit(s[i+2]) {
		return 0, false, p.errf(i, "%s has more than two digits; expected %s", name, want)
	}
	switch {
	case s[i] == 'X' && s[i+1] == 'X':
		return 0, true, nil
	case s[i] == 'X' || s[i+1] == 'X':
		return 0, false, p.errf(i, "a partly unspecified %s (%s)%s; level 1 allows only XX", name, s[i:i+2], level2)
	}
	return int(s[i]-'0')*10 + int(s[i+1]-'0'), false, nil
}

// timeOfDay parses "Thh:mm:ss" with an optional zone Z, ±hh or ±hh:mm at
// in[i:hi] and returns it.
func (p *parser) timeOfDay(i, hi int) (string, error) {
	s := p.in[:hi]
	start := i
	i++ // T
	num := func(name string, max int) error {
		if i+2 > hi || !isDigit(s[i]) || !isDigit(s[i+1]) {
			return p.errf(i, "expected two-digit %s (00–%02d); write times as hh:mm:ss", name, max)
		}
		if n := int(s[i]-'0')*10 + int(s[i+1]-'0'); n > max {
			return p.errf(i, "%s %02d out of range 00–%02d", name, n, max)
		}
		i += 2
		return nil
	}
	colon := func() error {
		if i >= hi || s[i] != ':' {
			return p.errf(i, "expected ':'; write times as hh:mm:ss")
		}
		i++
		return nil
	}
	for _, step := range []func() error{
		func() error { return num("hour", 23) }, colon,
		func() error { return num("minute", 59) }, colon,
		func() error { return num("second", 59) },
	} {
		if err := step(); err != nil {
			return "", err
		}
	}
	if i < hi && (s[i] == '.' || s[i] == ',') {
		return "", p.errf(i, "fractional seconds are not part of EDTF level 0 or 1")
	}
	if i < hi {
		switch s[i] {
		case 'Z':
			i++
		case '+', '-':
			i++
			if err := num("zone hour", 23); err != nil {
				return "", err
			}
			if i < hi && s[i] == ':' {
				i++
				if err := num("zone minute", 59); err != nil {
					return "", err
				}
			}
		}
	}
	return s[start:i], nil
}

// qualifier reads an optional final ?, ~ or % at in[i:hi] into d.
func (p *parser) qualifier(d *date, i, hi int) (int, error) {
	s := p.in[:hi]
	if i >= hi || !isQual(s[i]) {
		return i, nil
	}
	d.qual = qualBits(s[i])
	i++
	if i < hi && isQual(s[i]) {
		return i, p.errf(i, "only one qualifier is allowed; use %% for uncertain and approximate together")
	}
	if i < hi && s[i] == '-' {
		return i, p.errf(i-1, "a qualifier inside a date (%c-)%s; put one qualifier at the end of the date", s[i-1], level2)
	}
	return i, nil
}

func (p *parser) unexpected(i, hi int) error {
	s := p.in[:hi]
	switch c := s[i]; {
	case c == 'S':
		return p.errf(i, "significant digits (S)"+level2)
	case c == 'E':
		return p.errf(i, "an exponential year (E)"+level2)
	case c == '^':
		return p.errf(i, "a qualified season (^)"+level2)
	case c == 'T':
		return p.errf(i, "a time of day needs a complete date (YYYY-MM-DDThh:mm:ss)")
	case c == ' ' || c == '\t' || c == '\n' || c == '\r':
		return p.errf(i, "unexpected space; EDTF has no spaces")
	case c == '-':
		return p.errf(i, "unexpected '-' after a complete date")
	}
	return p.errf(i, "unexpected %q after the date", s[i:i+1])
}

func firstRune(s string) string {
	for i := range s {
		if i > 0 {
			return s[:i]
		}
	}
	return s
}

// longYear parses Y170000002 or Y-170000002 at in[lo:hi].
func (p *parser) longYear(lo, hi int) (date, error) {
	s := p.in[:hi]
	d := date{kind: kindDate}
	i := lo + 1
	if i < hi && s[i] == '-' {
		i++
	}
	ds := i
	for i < hi && isDigit(s[i]) {
		i++
	}
	if i < hi && (s[i] == 'E' || s[i] == 'S') {
		return d, p.unexpected(i, hi)
	}
	switch {
	case i == ds:
		return d, p.errf(i, "expected digits after Y, as in Y170000002")
	case s[ds] == '0':
		return d, p.errf(ds, "a Y-prefixed year has no leading zeros")
	case i-ds <= 4:
		return d, p.errf(lo, "the Y prefix is only for years of more than four digits; write %s", s[lo+1:ds]+strings.Repeat("0", 4-(i-ds))+s[ds:i])
	}
	y, err := strconv.ParseInt(s[lo+1:i], 10, 64)
	if err != nil {
		return d, p.errf(ds, "year %s is too large; years up to 19 digits (±9223372036854775807) are supported", s[ds:i])
	}
	d.year = y
	if i < hi && s[i] == '-' {
		return d, p.errf(i, "a Y-prefixed year has no month or day")
	}
	i, err = p.qualifier(&d, i, hi)
	if err != nil {
		return d, err
	}
	if i < hi {
		return d, p.unexpected(i, hi)
	}
	return d, nil
}
