package edtf_test

import (
	"bufio"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/tokumu/tokumu/edtf"
)

// printedCase is a row of testdata/printed.tsv.
type printedCase struct {
	lang, in, want string // want is EDTF, or "error: " and a part of the message
	line           int
}

func (c printedCase) isError() bool { return strings.HasPrefix(c.want, "error: ") }

func readPrinted(t testing.TB) []printedCase {
	t.Helper()
	f, err := os.Open("testdata/printed.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cs []printedCase
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		col := strings.Split(line, "\t")
		if len(col) != 3 {
			t.Fatalf("testdata/printed.tsv:%d: %d columns, want 3", n, len(col))
		}
		cs = append(cs, printedCase{col[0], col[1], col[2], n})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return cs
}

func TestPrintedTable(t *testing.T) {
	cs := readPrinted(t)
	count := map[string]int{}
	for _, c := range cs {
		count[c.lang]++
		v, err := edtf.ParseText(c.in)
		if c.isError() {
			msg := strings.TrimPrefix(c.want, "error: ")
			var se *edtf.SyntaxError
			switch {
			case err == nil:
				t.Errorf("printed.tsv:%d: ParseText(%q) = %s, want an error with %q", c.line, c.in, v, msg)
			case !errors.As(err, &se) || se.Input != c.in || se.Offset < 0 || se.Offset > len(c.in):
				t.Errorf("printed.tsv:%d: ParseText(%q): bad error %#v", c.line, c.in, err)
			case !strings.Contains(se.Msg, msg):
				t.Errorf("printed.tsv:%d: ParseText(%q) error %q, want one with %q", c.line, c.in, se.Msg, msg)
			}
			continue
		}
		if err != nil {
			t.Errorf("printed.tsv:%d: ParseText(%q): %v", c.line, c.in, err)
			continue
		}
		if got := v.String(); got != c.want {
			t.Errorf("printed.tsv:%d: ParseText(%q) = %s, want %s", c.line, c.in, got, c.want)
		}
		checkValue(t, c.in, v)
		if w := edtf.MustParse(c.want); w != v {
			t.Errorf("printed.tsv:%d: ParseText(%q) differs from Parse(%q)", c.line, c.in, c.want)
		}
	}
	// The table is the issue's "at least 150 printed forms in three
	// languages": keep every language well represented.
	for _, lang := range []string{"en", "ru", "ja"} {
		if count[lang] < 50 {
			t.Errorf("printed.tsv has %d %s rows, want at least 50", count[lang], lang)
		}
	}
	t.Logf("printed.tsv: %d rows: en %d, ru %d, ja %d", len(cs), count["en"], count["ru"], count["ja"])
}
