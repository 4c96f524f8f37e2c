package translit_test

import (
	"strings"
	"testing"

	"github.com/tokumu/tokumu/translit"
)

// russianLetters is the test oracle: each Russian letter with its ISO 9,
// BGN/PCGN (letter after a consonant) and scholarly forms, typed from
// en.wikipedia.org/wiki/ISO_9, en.wikipedia.org/wiki/BGN/PCGN_romanization_of_Russian
// and en.wikipedia.org/wiki/Scientific_transliteration_of_Cyrillic.
const russianLetters = `
а a a a|б b b b|в v v v|г g g g|д d d d|е e e e|ё ë ë ë|ж ž zh ž|з z z z
и i i i|й j y j|к k k k|л l l l|м m m m|н n n n|о o o o|п p p p|р r r r
с s s s|т t t t|у u u u|ф f f f|х h kh x|ц c ts c|ч č ch č|ш š sh š
щ ŝ shch šč|ъ ʺ ʺ ʺ|ы y y y|ь ʹ ʼ ʹ|э è e è|ю û yu ju|я â ya ja
`

func TestRussianLetters(t *testing.T) {
	n := 0
	for _, line := range strings.Split(russianLetters, "\n") {
		for _, cell := range strings.Split(line, "|") {
			f := strings.Fields(cell)
			if len(f) == 0 {
				continue
			}
			n++
			letter := f[0]
			// Put the letter after a consonant so that BGN's е/ё rule
			// gives the plain form.
			in := "б" + letter
			if got := translit.ISO9(in); got != "b"+f[1] {
				t.Errorf("ISO9(%s) = %q, want %q", in, got, "b"+f[1])
			}
			if got := translit.BGN(in); got != "b"+f[2] {
				t.Errorf("BGN(%s) = %q, want %q", in, got, "b"+f[2])
			}
			if got := translit.Scholarly(in); got != "b"+f[3] {
				t.Errorf("Scholarly(%s) = %q, want %q", in, got, "b"+f[3])
			}
			// Capital letters.
			up := strings.ToUpper(letter)
			if got, want := translit.ISO9(up), strings.ToUpper(f[1]); got != want && letter != "ъ" && letter != "ь" {
				t.Errorf("ISO9(%s) = %q, want %q", up, got, want)
			}
		}
	}
	if n != 33 {
		t.Errorf("oracle has %d letters, want 33", n)
	}
}

func TestBGNPositional(t *testing.T) {
	cases := []struct{ in, bgn, simple string }{
		{"Елизово", "Yelizovo", "Yelizovo"},
		{"Чапаевск", "Chapayevsk", "Chapayevsk"},
		{"Мейеровка", "Meyyerovka", "Meyyerovka"},
		{"Юрьев", "Yurʼyev", "Yuryev"},
		{"Объединение", "Obʺyedineniye", "Obyedineniye"},
		{"Ёлкино", "Yëlkino", "Yolkino"},
		{"Семёнов", "Semënov", "Semyonov"},
		{"Подъёмный", "Podʺyëmnyy", "Podyomny"},
		{"Горбачёв", "Gorbachëv", "Gorbachov"},
		{"Родзаевский", "Rodzayevskiy", "Rodzayevsky"},
		{"Люшков", "Lyushkov", "Lyushkov"},
		{"Хабаровск", "Khabarovsk", "Khabarovsk"},
		{"Благовещенск", "Blagoveshchensk", "Blagoveshchensk"},
		{"Харбин", "Kharbin", "Kharbin"},
		{"ЖУКОВ Жуков", "ZHUKOV Zhukov", "ZHUKOV Zhukov"},
		{"Щ", "Shch", "Shch"},
		{"Ежов, Ягода", "Yezhov, Yagoda", "Yezhov, Yagoda"},
		{"Грозный", "Groznyy", "Grozny"},
		{"Hsinking 新京", "Hsinking 新京", "Hsinking 新京"},
	}
	for _, c := range cases {
		if got := translit.BGN(c.in); got != c.bgn {
			t.Errorf("BGN(%s) = %q, want %q", c.in, got, c.bgn)
		}
		if got := translit.BGNSimple(c.in); got != c.simple {
			t.Errorf("BGNSimple(%s) = %q, want %q", c.in, got, c.simple)
		}
	}
}

func TestRussianNames(t *testing.T) {
	cases := []struct{ in, iso, sch string }{
		{"Люшков", "Lûškov", "Ljuškov"},
		{"Родзаевский", "Rodzaevskij", "Rodzaevskij"},
		{"Семёнов", "Semënov", "Semënov"},
		{"Харбин", "Harbin", "Xarbin"},
		{"Щукин", "Ŝukin", "Ščukin"},
		{"Подъячев", "Podʺâčev", "Podʺjačev"},
		{"Эрнст", "Èrnst", "Èrnst"},
		{"Хрѣнъ Іоаннъ", "Hrěnʺ Ìoannʺ", "Xrěnʺ Ioannʺ"},
	}
	for _, c := range cases {
		if got := translit.ISO9(c.in); got != c.iso {
			t.Errorf("ISO9(%s) = %q, want %q", c.in, got, c.iso)
		}
		if got := translit.Scholarly(c.in); got != c.sch {
			t.Errorf("Scholarly(%s) = %q, want %q", c.in, got, c.sch)
		}
	}
}

func TestCyrillicCandidates(t *testing.T) {
	cases := []struct {
		in    string
		first string
		also  []string
	}{
		{"Lyushkov", "Люшков", nil},
		{"Ljuškov", "Люшков", nil},
		{"Lûškov", "Люшков", nil},
		{"Rodzaevsky", "Родзаевский", nil},
		{"Rodzayevskiy", "Родзаевский", nil},
		{"Rodzaevskij", "Родзаевский", nil},
		{"Kharbin", "Харбин", nil},
		{"Harbin", "Харбин", nil},
		{"Semyonov", "Семёнов", []string{"Семенов"}},
		{"Semënov", "Семёнов", []string{"Семенов"}},
		{"Semjonow", "Семёнов", nil},
		{"Yezhov", "Ежов", nil},
		{"Groznyy", "Грозный", nil},
		{"Blagoveshchensk", "Благовещенск", nil},
		{"Yuryev", "Юрьев", nil},
		{"Ilyich", "Ильич", nil},
		{"Nikolai", "Николай", nil},
		{"Mikhail", "Михаил", nil},
		{"ZHUKOV", "ЖУКОВ", nil},
		{"Grigory Semyonov", "Григорий Семёнов", []string{"Григорий Семенов"}},
	}
	for _, c := range cases {
		got := translit.CyrillicCandidates(c.in)
		if len(got) == 0 || got[0] != c.first {
			t.Errorf("CyrillicCandidates(%q) = %q, want %q first", c.in, got, c.first)
			continue
		}
		for _, a := range c.also {
			if !contains(got, a) {
				t.Errorf("CyrillicCandidates(%q) = %q, want %q among them", c.in, got, a)
			}
		}
		if len(got) > translit.MaxCyrillicCandidates {
			t.Errorf("CyrillicCandidates(%q) gave %d > %d", c.in, len(got), translit.MaxCyrillicCandidates)
		}
	}
	// Bounded even for long multi-word input.
	long := strings.Repeat("Yeyoyuya Shchyekh ", 30)
	if got := translit.CyrillicCandidates(long); len(got) > translit.MaxCyrillicCandidates {
		t.Errorf("long input gave %d candidates", len(got))
	}
	// Round trip from Russian through BGN and back.
	for _, ru := range []string{"Люшков", "Родзаевский", "Семёнов", "Харбин", "Хабаровск", "Благовещенск", "Ежов", "Ягода"} {
		if got := translit.CyrillicCandidates(translit.BGN(ru)); !contains(got, ru) {
			t.Errorf("CyrillicCandidates(BGN(%s)=%s) = %q", ru, translit.BGN(ru), got)
		}
		if got := translit.CyrillicCandidates(translit.Scholarly(ru)); !contains(got, ru) {
			t.Errorf("CyrillicCandidates(Scholarly(%s)=%s) = %q", ru, translit.Scholarly(ru), got)
		}
		if got := translit.CyrillicCandidates(translit.ISO9(ru)); !contains(got, ru) {
			t.Errorf("CyrillicCandidates(ISO9(%s)=%s) = %q", ru, translit.ISO9(ru), got)
		}
	}
}
