package web_test

import (
	"testing"
)

func TestAPI(t *testing.T) {
	ts := fixtureServer(t)
	checkURLs(t, ts.URL, []urlCase{
		{"/api/", 200, []string{`"endpoints"`, `"/api/health"`, `"/api/ledger"`, `"POST /api/revisions/{id}/revert"`}, nil},
		{"/api/entities?type=person", 200, []string{`"doihara-kenji"`, `"lyushkov-genrikh"`}, []string{`"harbin"`}},
		{"/api/entities?type=spy", 400, []string{`not an entity type`}, nil},
		{"/api/entities/doihara-kenji", 200, []string{`"土肥原賢二"`, `"head of"`, `"grade":"B2"`, `"loc":"p/14"`}, nil},
		{"/api/entities/harbin-tokumu-kikan", 200, []string{`"headed by"`, `"inverse":true`}, nil},
		{"/api/entities/nobody", 404, []string{`"code":"not_found"`}, nil},
		{"/api/claims?about=kwantung-army&at=1939-06-01", 200, []string{`"c-kikan-part-of"`}, []string{`"c-kid-part-of"`}},
		{"/api/claims?about=kwantung-army&at=1941-06-01", 200, []string{`"c-kid-part-of"`}, []string{`"c-kikan-part-of"`}},
		{"/api/claims?at=1939-13-01", 400, []string{`parameter at=\"1939-13-01\" is not a date`}, nil},
		{"/api/claims?limit=x", 400, []string{`limit`}, nil},
		{"/api/claims?by=kwantung-army", 200, []string{`"c-est-1936"`}, []string{`"c-real-1936"`}},
		{"/api/at?date=1941-06-01&id=harbin-tokumu-kikan", 200, []string{`"status":"dissolved"`, `"kwantung-army-intelligence-department"`, `"c-kid-part-of"`}, nil},
		{"/api/at?id=harbin-tokumu-kikan", 400, []string{`date is required`}, nil},
		{"/api/structure?root=kwantung-army&date=1939-06-01&compare=1941-06-01", 200,
			// The conversion of 1940 is one change, not a removal and an addition.
			[]string{`"harbin-tokumu-kikan"`, `"kind":"renamed"`, `"to":"kwantung-army-intelligence-department"`}, []string{`"kind":"added"`, `"kind":"removed"`}},
		{"/api/structure?root=nowhere&date=1939-06-01", 404, nil, nil},
		{"/api/sources", 200, []string{`"zor23"`, `"Зорихин"`}, nil},
		{"/api/sources/zor23", 200, []string{`"claims"`, `"c-kid-part-of"`}, nil},
		{"/api/sources/none", 404, nil, nil},
		{"/api/predicates", 200, []string{`"part_of"`}, nil},
		{"/api/stats", 200, []string{`"Claims":9`}, nil},
		{"/api/disagreements", 200, []string{`[`}, nil},
		{"/", 200, []string{"tokumu"}, nil},
		{"/nope", 404, nil, nil},
	}, nil)
}
