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

// TestLangCoversTheAnalyses: the ledger, the estimates and the matrices
// speak the language asked for, figures with their units included, and
// their columns line up under Japanese names (pad counts wide characters
// as two columns).
func TestLangCoversTheAnalyses(t *testing.T) {
	for _, tt := range []struct {
		args       []string
		want, lack []string
	}{
		{[]string{"ledger", "--lang", "ja"},
			[]string{"仕掛けられた記述2件、仕掛け以後の見積り8件", "1,700–2,000機", "[前後関係]", "時期別:", "受け手"},
			[]string{"planted claim", "received by", "By period", "certainly changed", "undated"}},
		{[]string{"ledger", "--lang", "ru"},
			[]string{"подброшено: 2, оценок с момента подброса: 8", "500 танков", "По периодам:", "1\u00a0300\u00a0000 человек", "(×2,14)", "июль 1932 г."},
			[]string{"planted claim", "received by", "By period", "1932-07", "1300000"}},
		{[]string{"estimates", "--lang", "ja"},
			[]string{"対応づけ:", "第57特別軍団 — 兵力、師団", "機関別の誤差"},
			[]string{"Pairs:", " by ", "pair", "certainly"}},
		{[]string{"ach", "--lang", "ru"},
			[]string{"3 гипотезы", "противоречивость 0,16 (без весов 1)"},
			[]string{"hypotheses", "inconsistency", "rows graded"}},
		{[]string{"show", "--lang", "ja", "hata-hikosaburo"}, []string{"（参謀副長）"}, []string{"(deputy chief of staff)"}},
		{[]string{"show", "--lang", "ru", "57th-special-corps"}, []string{"581 самолёт", "4 дивизии"}, []string{"581 aircraft"}},
		{[]string{"sources", "--lang", "ru", "gor-rubezh"},
			[]string{"оценка по умолчанию C3", "на нём основано 12 утверждений", "163\u00a0694 человека", "1 января 1934 г."},
			[]string{"default grade", "rest on it", "163694"}},
		{[]string{"sources", "--lang", "ja"}, []string{"キー", "学術研究"}, []string{"KEY", "scholarly"}},
		{[]string{"stats", "--lang", "ja"}, []string{"項目の種類別", "所在（頁など）のある記述", "件中"}, []string{"by entity type", "claims with a locator"}},
		{[]string{"path", "--lang", "ru", "lyushkov-genrikh", "harbin-tokumu-kikan", "--at", "1938-07-01"}, []string{"(возможно)"}, []string{"(possible)", "(certain)"}},
		{[]string{"ledger"},
			[]string{"2 planted claims, 8 estimates from the plants on, 2 certainly changed", "1,700–2,000 aircraft", "July 1931"},
			[]string{"claim(s)"}},
	} {
		_, out, errs := run(t, "", tt.args...)
		for _, w := range tt.want {
			if !strings.Contains(out, w) {
				t.Errorf("%v lacks %q:\n%.2000s%s", tt.args, w, out, errs)
			}
		}
		for _, l := range tt.lack {
			if strings.Contains(out, l) {
				t.Errorf("%v still says %q", tt.args, l)
			}
		}
	}
	// The ranking's scores stand in one column under Japanese labels.
	_, out, _ := run(t, "", "ach", "--lang", "ja", "imperial-conference-1941")
	col, rows := -1, 0
	for _, line := range strings.Split(out, "\n") {
		if i := strings.Index(line, "不整合度"); i >= 0 {
			w := cellWidth(line[:i])
			if col >= 0 && w != col {
				t.Errorf("the scores do not line up: column %d, then %d in %q", col, w, line)
			}
			col = w
			rows++
		}
	}
	if rows < 3 {
		t.Errorf("no ranking in:\n%s", out)
	}
}
