package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestLangCoversTheCLIsWords: --lang ja and --lang ru translate the
// headings and labels of show, at and search, not only the names; the
// English output is unchanged (TestShowAtSourcesStats).
func TestLangCoversTheCLIsWords(t *testing.T) {
	db := filepath.Join(t.TempDir(), "t.db")
	if code, _, errs := run(t, db, "import", good); code != 0 {
		t.Fatalf("import: %s", errs)
	}
	for _, tt := range []struct {
		args       []string
		want, lack []string
	}{
		{[]string{"show", "--lang", "ru", "test-officer"},
			[]string{"[лицо · test-officer]", "Расхождения источников", "разные даты", "в источнике: \"昭和元年\""},
			[]string{"Disagreements between sources", "different dates", "written", "undated"}},
		{[]string{"show", "--lang", "ja", "test-officer"},
			[]string{"[人物 · test-officer]", "史料間の相違", "日付が異なる", "原表記 \"昭和元年\""},
			[]string{"Disagreements between sources", "different dates", "written"}},
		{[]string{"at", "--lang", "ja", "1950-01-01", "test-agency"},
			[]string{"（1950年1月1日 時点）", "この日に成り立っていた日付のある関係はない"},
			[]string{"no dated relation", " on 1950"}},
		{[]string{"at", "--lang", "ru", "1950-01-01", "test-agency"},
			[]string{"на 1 января 1950 г.", "на этот день нет датированных связей"},
			[]string{"no dated relation"}},
		{[]string{"search", "--lang", "ru", "Shiken"},
			[]string{"по запросу \"Shiken\" найден"},
			[]string{"found for"}},
		{[]string{"search", "--lang", "ja", "zzzzqqq"},
			[]string{"\"zzzzqqq\" は見つからなかった"},
			[]string{"nothing found"}},
	} {
		_, out, errs := run(t, db, tt.args...)
		for _, w := range tt.want {
			if !strings.Contains(out, w) {
				t.Errorf("%v lacks %q:\n%s%s", tt.args, w, out, errs)
			}
		}
		for _, l := range tt.lack {
			if strings.Contains(out, l) {
				t.Errorf("%v still says %q:\n%s", tt.args, l, out)
			}
		}
	}
}
