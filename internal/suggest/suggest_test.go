package suggest

import (
	"slices"
	"testing"
)

func TestClosest(t *testing.T) {
	cmds := []string{"at", "check", "disagreements", "import", "search", "serve", "show", "sources", "stats"}
	flags := []string{"by", "db", "from", "json", "lang", "limit", "period", "source", "to", "type"}
	ids := []string{"harbin-tokumu-kikan", "harbin-gakuin", "dairen-tokumu-kikan", "kwantung-army"}
	for _, tt := range []struct {
		s    string
		in   []string
		want string
	}{
		{"sho", cmds, "show"},                        // 1 edit
		{"serch", cmds, "search"},                    // 1 edit
		{"disag", cmds, "disagreements"},             // 8 edits, a prefix
		{"frobnicate", cmds, ""},                     // nothing near
		{"jsn", flags, "json"},                       // 1 edit
		{"lmit", flags, "limit"},                     // 1 edit
		{"tpye", flags, "type"},                      // 2 edits (a swap), limit 2
		{"x", flags, ""},                             // one letter: limit 1, and "to"/"db"/"by" are 2 away
		{"dairen-kikan", ids, "dairen-tokumu-kikan"}, // 7 edits; hyphenated prefix and suffix
		{"harbin-kikan", ids, "harbin-gakuin"},       // 4 edits from harbin-gakuin wins over the hyphen rule
		{"kwantung-armyy", ids, "kwantung-army"},
		{"dairen-tokumu-kikan", ids, "dairen-tokumu-kikan"}, // itself
	} {
		if got := Closest(tt.s, tt.in); got != tt.want {
			t.Errorf("Closest(%q) = %q, want %q", tt.s, got, tt.want)
		}
	}
	if got := DidYouMean("jsn", flags); got != " (did you mean json?)" {
		t.Errorf("DidYouMean(jsn) = %q", got)
	}
	if got := DidYouMean("zzzz", flags); got != "" {
		t.Errorf("DidYouMean(zzzz) = %q, want empty", got)
	}
}

func TestNear(t *testing.T) {
	ids := []string{"harbin-tokumu-kikan", "harbin-gakuin", "harbin", "dairen-tokumu-kikan", "kwantung-army"}
	// "harbn" is 1 edit from harbin; the others do not contain "harbn".
	if got := Near("harbn", ids, 8); !slices.Equal(got, []string{"harbin"}) {
		t.Errorf("Near(harbn) = %v", got)
	}
	// "tokumu-kikan" is contained in two ids, shortest extra length first, then by name.
	if got := Near("tokumu-kikan", ids, 8); !slices.Equal(got, []string{"dairen-tokumu-kikan", "harbin-tokumu-kikan"}) {
		t.Errorf("Near(tokumu-kikan) = %v", got)
	}
	// harbin-gakuin is 4 edits away; harbin-tokumu-kikan shares the first and last parts.
	if got := Near("harbin-kikan", ids, 8); !slices.Equal(got, []string{"harbin-gakuin", "harbin-tokumu-kikan"}) {
		t.Errorf("Near(harbin-kikan) = %v", got)
	}
	if got := Near("harbin", ids, 1); !slices.Equal(got, []string{"harbin-gakuin"}) {
		// harbin itself is skipped; harbin-gakuin (contains, +7) before harbin-tokumu-kikan (+13).
		t.Errorf("Near(harbin, 1) = %v", got)
	}
}
