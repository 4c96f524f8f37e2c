package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tokumu/tokumu/format"
)

// TestExportYAMLRoundTrip: the embedded corpus exported as YAML passes
// check, and imported gives the same stats --json, byte for byte.
func TestExportYAMLRoundTrip(t *testing.T) {
	tmp := t.TempDir()
	db1, db2, dir := filepath.Join(tmp, "a.db"), filepath.Join(tmp, "b.db"), filepath.Join(tmp, "corpus")
	if code, _, errs := run(t, db1, "import", "../../corpus"); code != 0 {
		t.Fatalf("import the embedded corpus: exit %d: %s", code, errs)
	}
	code, _, errs := run(t, db1, "export", "--format", "yaml", "-o", dir)
	if code != 0 {
		t.Fatalf("export: exit %d: %s", code, errs)
	}
	code, out, _ := run(t, "", "check", dir)
	if code != 0 || !strings.Contains(out, "ok —") {
		t.Fatalf("check of the export: exit %d: %s", code, out)
	}
	if code, _, errs := run(t, db2, "import", dir); code != 0 {
		t.Fatalf("import: exit %d: %s", code, errs)
	}
	_, s1, _ := run(t, db1, "stats", "--json")
	_, s2, _ := run(t, db2, "stats", "--json")
	if s1 == "" || s1 != s2 {
		t.Errorf("stats differ after export → check → import:\n%s\n%s", s1, s2)
	}
	// A neighbourhood in a date range is a corpus that passes check too.
	part := filepath.Join(tmp, "part")
	if code, _, errs := run(t, db1, "export", "--format", "yaml", "--entity", "harbin-tokumu-kikan", "--from", "1932", "--to", "1940", "-o", part); code != 0 {
		t.Fatalf("export of a neighbourhood: exit %d: %s", code, errs)
	}
	if code, out, _ := run(t, "", "check", part); code != 0 {
		t.Errorf("check of the neighbourhood's export: exit %d: %s", code, out)
	}
	// Into a directory that is not empty: refused, nothing written.
	code, _, errs = run(t, db1, "export", "--format", "yaml", "-o", dir)
	if code != 2 || !strings.Contains(errs, "is not empty") {
		t.Errorf("export into a full directory: exit %d, %s", code, errs)
	}
}

// TestExportEveryFormat runs every registered format on the embedded
// corpus and on a filtered query.
func TestExportEveryFormat(t *testing.T) {
	tmp := t.TempDir()
	db := filepath.Join(tmp, "a.db")
	if code, _, errs := run(t, db, "import", "../../corpus"); code != 0 {
		t.Fatalf("import the embedded corpus: exit %d: %s", code, errs)
	}
	for _, f := range format.All() {
		for i, filter := range [][]string{nil, {"--entity", "harbin-tokumu-kikan", "--from", "1932", "--to", "1940"}} {
			out := filepath.Join(tmp, f.Name+string(rune('0'+i))+f.Ext)
			args := append([]string{"export", "--format", f.Name, "-o", out}, filter...)
			code, _, errs := run(t, db, args...)
			if code != 0 {
				t.Errorf("%v: exit %d: %s", args, code, errs)
				continue
			}
			if st, err := os.Stat(out); err != nil || st.Size() == 0 {
				t.Errorf("%v wrote nothing", args)
			}
			// Linked data written with the default base says so.
			if note := strings.Contains(errs, "give --base"); note != (f.Name == "turtle" || f.Name == "ntriples" || f.Name == "jsonld" || f.Name == "lpf") {
				t.Errorf("%v: note of the default base %v: %q", args, note, errs)
			}
		}
	}
	if code, _, errs := run(t, db, "export", "--format", "turtle", "--base", "https://tokumu.example/", "-o", filepath.Join(tmp, "based.ttl")); code != 0 || strings.Contains(errs, "give --base") {
		t.Errorf("export with --base: exit %d, %q; want no note", code, errs)
	}
	code, _, errs := run(t, db, "export", "--format", "xlsx")
	if code != 2 || !strings.Contains(errs, `format "xlsx" is unknown: use one of bibtex`) {
		t.Errorf("export --format xlsx: exit %d, %s", code, errs)
	}
	// A zip is not written under a .csv name.
	csv := filepath.Join(tmp, "all.csv")
	code, _, errs = run(t, db, "export", "--format", "csv", "-o", csv)
	if _, err := os.Stat(csv); code != 2 || err == nil || !strings.Contains(errs, "-o "+csv+": without --table, --format csv writes a zip") ||
		!strings.Contains(errs, "write -o "+filepath.Join(tmp, "all.zip")+", or add --table claims") {
		t.Errorf("export --format csv -o all.csv: exit %d, %s", code, errs)
	}
	if code, _, errs := run(t, db, "export", "--format", "csv", "--table", "claims", "-o", csv); code != 0 {
		t.Errorf("export --format csv --table claims -o all.csv: exit %d, %s", code, errs)
	}
	code, _, errs = run(t, db, "export", "--format", "csv", "--from", "1939-13")
	if code != 2 || !strings.Contains(errs, `--from "1939-13"`) {
		t.Errorf("export --from 1939-13: exit %d, %s", code, errs)
	}
}
