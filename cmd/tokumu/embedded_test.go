package main

import (
	"strings"
	"testing"
)

// TestEmbeddedCorpus runs the foundation's done-criteria on the embedded
// corpus: the Harbin agency's heads with citations, and the 1940 change
// seen from 1939 and 1941. The database is built on first use.
func TestEmbeddedCorpus(t *testing.T) {
	// The default database, in a cache directory of the test's own: an
	// explicit --db must exist (see TestQuietMistakes).
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	db := ""
	code, out, errs := run(t, db, "show", "harbin-tokumu-kikan")
	if code != 0 {
		t.Fatalf("show: exit %d: %s", code, errs)
	}
	for _, want := range []string{"ハルビン特務機関", "Харбин", "headed by", "Doihara Kenji", "Higuchi Kiichirō", "[yak", "[nids-higuchi"} {
		if !strings.Contains(out, want) {
			t.Errorf("show harbin-tokumu-kikan lacks %q", want)
		}
	}
	_, before, _ := run(t, db, "at", "1939-06-01", "harbin-tokumu-kikan")
	if !strings.Contains(before, "status: exists") || !strings.Contains(before, "Harbin Special Service Agency — part of — Kwantung Army") {
		t.Errorf("at 1939-06-01:\n%s", before)
	}
	_, after, _ := run(t, db, "at", "1941-06-01", "harbin-tokumu-kikan")
	if !strings.Contains(after, "status: dissolved") || !strings.Contains(after, "became: Kwantung Army Intelligence Department") ||
		!strings.Contains(after, "Kwantung Army Intelligence Department — part of — Kwantung Army") {
		t.Errorf("at 1941-06-01:\n%s", after)
	}
	// A second run reuses the database: the embedded corpus has not changed.
	if code, _, errs := run(t, db, "stats"); code != 0 || strings.Contains(errs, "built") {
		t.Errorf("stats: exit %d, %s", code, errs)
	}
	if code, out, _ := run(t, db, "disagreements"); code != 0 || strings.Count(out, "\n") < 10 {
		t.Errorf("disagreements: exit %d, %d lines", code, strings.Count(out, "\n"))
	}
}
