package tokumu_test

import (
	"testing"

	"github.com/tokumu/tokumu"
)

// TestReference: a source's full reference in the Chicago author-date
// form citation managers make of the exports — the volume that tells two
// volumes apart, a journal's volume, issue and pages, a chapter's
// editors, a web page's access date and URL, the year alone of a dated
// issue, a place without a dangling colon, two authors joined by "and".
func TestReference(t *testing.T) {
	for _, tt := range []struct {
		name string
		s    tokumu.Source
		want string
	}{
		{"book volume", tokumu.Source{Type: "book", Authors: []tokumu.Agent{{Family: "Coox", Given: "Alvin D."}}, Issued: "1985",
			Title: "Nomonhan: Japan against Russia, 1939", Volume: "2", Place: "Stanford", Publisher: "Stanford University Press"},
			"Coox, Alvin D. 1985. Nomonhan: Japan against Russia, 1939. Vol. 2. Stanford: Stanford University Press."},
		{"journal", tokumu.Source{Type: "article-journal", Authors: []tokumu.Agent{{Family: "Coox", Given: "Alvin D."}}, Issued: "1973-07",
			Title: "The Lake Khasan Affair of 1938: Overview and Lessons", Container: "Soviet Studies", Volume: "25", Issue: "1", Pages: "51–65"},
			"Coox, Alvin D. 1973. “The Lake Khasan Affair of 1938: Overview and Lessons.” Soviet Studies 25 (1): 51–65."},
		{"encyclopedia entry", tokumu.Source{Type: "entry-encyclopedia", Authors: []tokumu.Agent{{Literal: "Wikipedia contributors"}},
			Title: "ノモンハン事件", Container: "Wikipedia (日本語版)", Publisher: "Wikimedia Foundation", URL: "https://ja.wikipedia.org/wiki/ノモンハン事件", Accessed: "2026-11-25"},
			"Wikipedia contributors. n.d. “ノモンハン事件.” Wikipedia (日本語版). Wikimedia Foundation. Accessed 2026-11-25. https://ja.wikipedia.org/wiki/ノモンハン事件."},
		{"chapter", tokumu.Source{Type: "chapter", Authors: []tokumu.Agent{{Family: "Hata", Given: "Ikuhiko"}}, Issued: "1976",
			Title: "The Japanese–Soviet Confrontation, 1935–1939", Container: "Deterrent Diplomacy", Editors: []tokumu.Agent{{Family: "Morley", Given: "James William"}},
			Place: "New York", Publisher: "Columbia University Press", Pages: "113–178"},
			"Hata, Ikuhiko. 1976. “The Japanese–Soviet Confrontation, 1935–1939.” In Deterrent Diplomacy, edited by James William Morley, 113–178. New York: Columbia University Press."},
		{"two authors, translated title", tokumu.Source{Type: "book", Authors: []tokumu.Agent{{Family: "Pałasz-Rutkowska", Given: "Ewa"}, {Family: "Romer", Given: "Andrzej T."}},
			Issued: "1996", Title: "Historia stosunków polsko-japońskich", TitleEn: "A history of Polish–Japanese relations", Place: "Warsaw", Publisher: "Bellona"},
			"Pałasz-Rutkowska, Ewa, and Andrzej T. Romer. 1996. Historia stosunków polsko-japońskich [A history of Polish–Japanese relations]. Warsaw: Bellona."},
		// Japanese names as they are written: family name first, nothing
		// between, joined by a middle dot; never inverted or reversed.
		{"Japanese authors", tokumu.Source{Type: "article-newspaper", Authors: []tokumu.Agent{{Family: "大越", Given: "兼二"}, {Family: "小池", Given: "新"}}, Issued: "2019",
			Title: "スターリン信頼の幹部による謎の亡命事件", Container: "文春オンライン"},
			"大越兼二・小池新. 2019. “スターリン信頼の幹部による謎の亡命事件.” 文春オンライン."},
		{"Japanese and Western authors", tokumu.Source{Type: "book", Authors: []tokumu.Agent{{Family: "西原", Given: "征夫"}, {Family: "Coox", Given: "Alvin D."}}, Issued: "1980", Title: "全記録"},
			"西原征夫 and Alvin D. Coox. 1980. 全記録."},
		{"a foreign name in katakana", tokumu.Source{Type: "book", Authors: []tokumu.Agent{{Family: "クックス", Given: "アルヴィン・D"}}, Issued: "1990", Title: "戦わざる日ソ戦"},
			"アルヴィン・D・クックス. 1990. 戦わざる日ソ戦."},
		{"place without publisher", tokumu.Source{Type: "book", Authors: []tokumu.Agent{{Family: "Зорихин", Given: "А. Г."}}, Issued: "2023", Title: "Японская разведка", Place: "Moscow"},
			"Зорихин, А. Г. 2023. Японская разведка. Moscow."},
	} {
		if got := tt.s.Reference(); got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, got, tt.want)
		}
	}
}
