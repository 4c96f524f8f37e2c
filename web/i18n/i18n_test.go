package i18n

import (
	"html/template"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// TestCatalogueComplete fails when a key of the English catalogue lacks a
// translation in another language (or the other way round), when a
// plural message lacks one of its language's CLDR forms, or when a
// translation takes other arguments than the English.
func TestCatalogueComplete(t *testing.T) {
	en := Catalogues["en"]
	if len(en) < 300 {
		t.Fatalf("the English catalogue has %d keys; it is not being read", len(en))
	}
	for _, lang := range Langs {
		cat := Catalogues[lang]
		for key, m := range en {
			tr, ok := cat[key]
			if !ok {
				t.Errorf("%s.yaml lacks %q (English: %q): add a line `%s: …`", lang, key, m.Variants()[0], key)
				continue
			}
			for _, v := range tr.Variants() {
				if strings.TrimSpace(v) == "" {
					t.Errorf("%s.yaml: %q is empty", lang, key)
				}
			}
			if tr.Forms != nil {
				for _, f := range PluralForms[lang] {
					if _, ok := tr.Forms[f]; !ok {
						t.Errorf("%s.yaml: plural message %q lacks the form %q (it needs %v)", lang, key, f, PluralForms[lang])
					}
				}
				for f := range tr.Forms {
					if !slices.Contains(PluralForms[lang], f) {
						t.Errorf("%s.yaml: plural message %q has the form %q, which %s does not use (it uses %v)", lang, key, f, lang, PluralForms[lang])
					}
				}
			}
			// A count in English is a count in Russian too: its three forms.
			if m.Forms != nil && lang == "ru" && tr.Forms == nil {
				t.Errorf("ru.yaml: %q counts (%v in English) but is one text: give {one, few, many, other}", key, m.Forms)
			}
			if got, want := unionVerbs(tr), unionVerbs(m); !slices.Equal(got, want) {
				t.Errorf("%s.yaml: %q takes arguments %v, English takes %v", lang, key, got, want)
			}
		}
		for key := range cat {
			if _, ok := en[key]; !ok {
				t.Errorf("%s.yaml has %q, which en.yaml lacks (a stale or misspelt key)", lang, key)
			}
		}
	}
}

// TestNothingLeftInEnglish fails on a Japanese or Russian message that is
// the English one copied (a translation forgotten), except for the texts
// that are the same in every language (Neutral) and texts without letters
// outside their verbs (" (%[1]s)": punctuation around an argument).
func TestNothingLeftInEnglish(t *testing.T) {
	for _, lang := range Langs[1:] {
		for key, m := range Catalogues["en"] {
			tr := Catalogues[lang][key]
			for i, v := range m.Variants() {
				if i >= len(tr.Variants()) || v != tr.Variants()[i] || slices.Contains(Neutral, v) || !strings.ContainsFunc(verbRE.ReplaceAllString(v, ""), unicode.IsLetter) {
					continue
				}
				t.Errorf("%s.yaml: %q is the English %q: translate it (or, if it is the same in every language, add it to Neutral)", lang, key, v)
			}
		}
	}
}

func unionVerbs(m Message) []string {
	var all []string
	for _, v := range m.Variants() {
		all = append(all, Verbs(v)...)
	}
	slices.Sort(all)
	return slices.Compact(all)
}

// TestEveryMessageFormats prints every message of every language with
// arguments of the kinds its verbs ask for: a wrong verb or a missing
// argument shows as "%!", which fmt writes for both.
func TestEveryMessageFormats(t *testing.T) {
	for _, lang := range Langs {
		p := For(lang)
		for key, m := range Catalogues[lang] {
			var args []any
			for _, v := range unionVerbs(m) {
				i, verb, _ := strings.Cut(v, ":")
				for len(args) < int(i[0]-'0') {
					args = append(args, nil)
				}
				if verb == "d" {
					args[i[0]-'1'] = 5
				} else {
					args[i[0]-'1'] = "x"
				}
			}
			for _, n := range []int{1, 2, 5, 21} {
				if len(args) > 0 {
					if _, ok := args[0].(int); ok {
						args[0] = n
					}
				}
				if got := p.T(key, args...); strings.Contains(got, "%!") || got == key {
					t.Errorf("%s %q with %v: %q", lang, key, args, got)
				}
			}
		}
	}
}

// TestPlurals checks the forms the issue names, by hand: Russian has
// three (1 организация, 2 организации, 5 организаций; 21 is "one").
func TestPlurals(t *testing.T) {
	for _, tt := range []struct {
		lang string
		n    int
		want string
	}{
		{"en", 1, "1 organization"},
		{"en", 2, "2 organizations"},
		{"ru", 1, "1 организация"},
		{"ru", 2, "2 организации"},
		{"ru", 5, "5 организаций"},
		{"ru", 21, "21 организация"},
		{"ru", 1226, "1\u00a0226 организаций"},
		{"ja", 1, "1 組織"},
		{"ja", 1226, "1,226 組織"},
	} {
		if got := For(tt.lang).T("structure.size", tt.n); got != tt.want {
			t.Errorf("%s structure.size %d = %q, want %q", tt.lang, tt.n, got, tt.want)
		}
	}
}

// TestNumbers: grouping per language (1,226 · 1 226 with a no-break
// space, as CLDR writes it · 1,226) and decimals (0.75 · 0,75).
func TestNumbers(t *testing.T) {
	for _, tt := range []struct {
		lang string
		n    any
		want string
	}{
		{"en", 1226, "1,226"},
		{"ru", 1226, "1\u00a0226"},
		{"ja", 1226, "1,226"},
		{"en", 1700.0, "1,700"},
		{"en", 1.3e6, "1,300,000"},
		{"ru", 1.3e6, "1\u00a0300\u00a0000"},
		{"en", 0.125, "0.12"},
	} {
		if got := For(tt.lang).Num(tt.n); got != tt.want {
			t.Errorf("%s Num(%v) = %q, want %q", tt.lang, tt.n, got, tt.want)
		}
	}
	if got := For("ru").Format("%.2f", 0.75); got != "0,75" {
		t.Errorf("ru %%.2f 0.75 = %q, want 0,75", got)
	}
}

// TestHTML: markup arguments stay, text arguments and the message's own
// text are escaped.
func TestHTML(t *testing.T) {
	got := string(For("en").HTML("claim.according", "<b>"))
	if got != "according to &lt;b&gt;" {
		t.Errorf("text argument: %q", got)
	}
	got = string(For("ja").HTML("claim.according", templateHTML(`<a href="/x">関東軍</a>`)))
	if got != `<a href="/x">関東軍</a>によれば` {
		t.Errorf("HTML argument: %q", got)
	}
}

func TestVerbs(t *testing.T) {
	for in, want := range map[string]string{
		"%[1]d of %[2]s":     "1:d 2:s",
		"%d and %s, 100%%":   "1:d 2:s",
		"%[2]s の %[1]d 件":    "1:d 2:s",
		"%.2f":               "1:f",
		"no verbs here":      "",
		"%[3]d–%[1]d, %[3]d": "1:d 3:d",
	} {
		if got := strings.Join(Verbs(in), " "); got != want {
			t.Errorf("Verbs(%q) = %q, want %q", in, got, want)
		}
	}
}

type templateHTML = template.HTML
