package web_test

import (
	"testing"
)

func TestSearchAPI(t *testing.T) {
	ts := fixtureServer(t)
	checkURLs(t, ts.URL, []urlCase{
		{"/api/search?q=Доихара", 200, []string{`"entity":"doihara-kenji"`}, []string{`"lyushkov-genrikh"`}},
		{"/api/search?q=%E3%81%A9%E3%81%84%E3%81%AF%E3%82%89", 200, []string{`"entity":"doihara-kenji"`, `"match":"derived"`}, nil}, // どいはら
		{"/api/search?q=" + "%E5%9C%9F%E8%82%A5%E5%8E%9F", 200, []string{`"entity":"doihara-kenji"`}, nil},                          // 土肥原
		{"/api/search?q=Lyushkov&type=person", 200, []string{`"entity":"lyushkov-genrikh"`, `"total":`}, nil},
		{"/api/search?q=Lyushkov&type=place", 200, []string{`"total":0`}, []string{`"lyushkov-genrikh"`}},
		{"/api/search?q=Lyushkov&type=spy", 400, []string{`type=\"spy\" is not an entity type`}, nil},
		{"/api/search?q=Lyushkov&from=1939-13-01", 400, []string{`parameter from=`}, nil},
		{"/api/search?q=Lyushkov&type=person&from=1800&to=1850", 200, []string{`"total":0`}, nil},
		{"/api/search?q=Lyushkov&period=period-9", 400, []string{`period \"period-9\"`}, nil},
		{"/api/search?q=", 200, []string{`"total":0`, `"hits":[]`}, nil},
		{"/api/suggest?q=Lyush", 200, []string{`"entity":"lyushkov-genrikh"`, `"match":"prefix"`}, nil},
		{"/api/suggest?q=zzqx", 200, []string{`[]`}, nil},
		{"/api/suggest?q=Lyush&limit=x", 400, []string{`limit`}, nil},
	}, nil)
}
