package edtf_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tokumu/tokumu/edtf"
)

// TestOracle checks the EDTF side of the package against another
// implementation, npm's edtf package (testdata/oracle, installed there by
// scripts/test.sh with npm ci): every EDTF value of the specification's
// examples and of the printed-forms table must be read by it too, formatted
// the same, with the same first and last day; every value refused here for a
// reason other than level 2 must be refused by it too.
//
// Where the two differ by design, the difference is listed and checked
// (oracleDiffers). Without node or the package the test is skipped, unless
// CI or TOKUMU_ORACLE=1 is set in the environment: then it fails.
func TestOracle(t *testing.T) {
	required := os.Getenv("CI") != "" || os.Getenv("TOKUMU_ORACLE") == "1"
	missing := func(format string, args ...any) {
		t.Helper()
		if required {
			t.Fatalf(format+" (install it: cd edtf/testdata/oracle && npm ci)", args...)
		}
		t.Skipf(format+"; set TOKUMU_ORACLE=1 to make this a failure", args...)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		missing("node not found: %v", err)
	}
	dir := filepath.Join("testdata", "oracle")
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "edtf", "package.json")); err != nil {
		missing("npm's edtf package is not installed in %s", dir)
	}

	// The values to check: valid ones, and refused ones with the reason.
	valid := map[string]edtf.Value{}
	var order []string
	add := func(v edtf.Value) {
		s := v.String()
		if _, ok := valid[s]; !ok {
			valid[s] = v
			order = append(order, s)
		}
	}
	for _, c := range specCases {
		add(edtf.MustParse(c.in))
	}
	for _, c := range readPrinted(t) {
		if !c.isError() {
			add(edtf.MustParse(c.want))
		}
	}
	for _, c := range textCases {
		if c.want != "" {
			add(edtf.MustParse(c.want))
		}
	}
	refused := map[string]string{}
	for _, c := range invalidCases {
		err := func() error { _, err := edtf.Parse(c.in); return err }()
		if err != nil && !strings.Contains(err.Error(), "level 2") && c.in != "" {
			refused[c.in] = err.Error()
			order = append(order, c.in)
		}
	}

	in, _ := json.Marshal(order)
	cmd := exec.Command(node, "oracle.mjs")
	cmd.Dir = dir
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node oracle.mjs: %v\n%s", err, stderr.String())
	}
	var res []struct {
		In, Error, Type, EDTF string
		OK                    bool
		Min, Max              *string
	}
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("oracle output: %v\n%s", err, out)
	}
	if len(res) != len(order) {
		t.Fatalf("oracle answered %d values of %d", len(res), len(order))
	}
	checked := 0
	for _, r := range res {
		checked++
		if why, ok := refused[r.In]; ok {
			_, listed := oracleAccepts[r.In]
			switch {
			case r.OK && !listed:
				t.Errorf("%q: refused here (%s) but read by npm's edtf as %s %s", r.In, why, r.Type, r.EDTF)
			case !r.OK && listed:
				t.Errorf("%q: npm's edtf refuses it now too; remove it from oracleAccepts", r.In)
			}
			continue
		}
		v := valid[r.In]
		_, listed := oracleRefuses[r.In]
		switch {
		case !r.OK && !listed:
			t.Errorf("%q: npm's edtf refuses it: %s", r.In, r.Error)
			continue
		case r.OK && listed:
			t.Errorf("%q: npm's edtf reads it now; remove it from oracleRefuses", r.In)
		case !r.OK:
			continue
		}
		hasTime := strings.Contains(r.In, "T")
		longYear := strings.HasPrefix(r.In, "Y") && len(r.In) > 16 // beyond a float64's exact integers
		if r.EDTF != r.In && !hasTime && !longYear {
			t.Errorf("%q: npm's edtf formats it as %q", r.In, r.EDTF)
		}
		if why := oracleDiffers(r.In, v); why != "" {
			continue
		}
		b := v.Bounds()
		for _, x := range []struct {
			name   string
			ours   edtf.Day
			theirs *string
		}{{"first day", b.Earliest, r.Min}, {"last day", b.Latest, r.Max}} {
			theirs := "(none)"
			if x.theirs != nil {
				theirs = *x.theirs
			}
			// npm's edtf gives no bound for an unknown end; here it is the
			// outer bound MinDay or MaxDay, formatted "..".
			if x.theirs == nil && (x.ours == edtf.MinDay || x.ours == edtf.MaxDay) {
				continue
			}
			if x.ours.String() != theirs {
				t.Errorf("%q: %s %s, npm's edtf says %s", r.In, x.name, x.ours, theirs)
			}
		}
	}
	t.Logf("%d values checked against npm's edtf (%d read, %d refused)", checked, len(valid), len(refused))
}

// oracleDiffers says why the bounds of v are not compared with npm's edtf,
// or "" if they are.
func oracleDiffers(s string, v edtf.Value) string {
	switch {
	case v.Precision() == edtf.PrecisionSeason || seasonRe(s):
		// npm's edtf reads 21–24 as quarters (2001-21 is January–March);
		// this package reads them as meteorological seasons (March–May).
		return "season"
	case strings.Contains(s, "Y"):
		return "npm's edtf gives no bounds for Y years"
	case strings.Contains(s, "T"):
		return "npm's edtf converts a time with a zone to UTC, which may change the day"
	}
	return ""
}

// seasonRe reports whether an end of the interval or set s is a season.
func seasonRe(s string) bool {
	for _, end := range strings.FieldsFunc(s, func(r rune) bool { return r == '/' || r == '[' || r == ']' }) {
		e := strings.TrimLeft(strings.Trim(strings.TrimRight(end, "?~%"), "."), "-")
		if len(e) == 7 && e[4] == '-' && e[5] == '2' && '1' <= e[6] && e[6] <= '4' {
			return true
		}
	}
	return false
}

// oracleRefuses lists the values this package reads and npm's edtf (4.11.1)
// refuses, and why they are read here.
var oracleRefuses = map[string]string{
	"0000/0000":          "npm's edtf wants an interval's end after its start; here the ends may be the same period or overlap (see the package comment)",
	"2004-06-15/2004-06": "as 0000/0000",
	"1923-21/1924":       "npm's edtf reads a season only as a single date; EDTF level 1 lets an interval end be any level 1 date",
	"1941-21/1941-22":    "as 1923-21/1924 (spring–summer 1941)",
	"2001-21~":           "npm's edtf does not qualify a season; level 1 qualifies a date, which a season is",
	"201X?":              "npm's edtf does not qualify a year with unspecified digits",
	"Y-10000~":           "npm's edtf does not qualify a Y year",
}

// oracleAccepts lists what npm's edtf reads though this package refuses it
// (for a reason other than level 2), and why this package is right.
var oracleAccepts = map[string]string{
	"1900-02-29":               "not a day (1900 is not a leap year); npm's edtf rolls it over to 1 March",
	"2001-02-29":               "as 1900-02-29",
	"85":                       "npm's edtf reads the 2012 draft's century (85 = the 8500s), which the 2019 specification dropped",
	"198":                      "npm's edtf reads the 2012 draft's decade, which the 2019 specification dropped",
	"19850":                    "npm's edtf reads it as a count of milliseconds",
	"../..":                    "an interval without a date at either end says nothing",
	"/":                        "as ../..",
	"/..":                      "as ../..",
	"1985-04-12T23:20:30/1986": "EDTF intervals join dates: time of day is excluded (level 0, time interval)",
	"1985-04-12T23:20":         "an EDTF time has seconds (hh:mm:ss)",
	"1985-04-12T23:20:30.5":    "EDTF has no fractional seconds",
	"Y99999999999999999999":    "beyond 64 bits; npm's edtf rounds it to another year",
	"-00XX":                    "ambiguous; npm's edtf drops the minus sign and reads 00XX",
	"[1939..1938]":             "a range that ends before it starts",
	"[1938..1938]":             "a range from a date to itself is that date",
}
