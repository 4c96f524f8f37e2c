package format_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/format"
	"github.com/tokumu/tokumu/sqlite"
)

func TestRegistry(t *testing.T) {
	want := []string{"bibtex", "csljson", "csv", "geojson", "gexf", "graphml", "jsonld", "lpf", "ntriples", "ris", "timelinejs", "turtle"}
	if got := format.Names(); !slices.Equal(got, want) {
		t.Errorf("formats %v, want %v", got, want)
	}
	_, err := format.Lookup("xlsx")
	if tokumu.ErrorCode(err) != tokumu.EINVALID || !strings.Contains(tokumu.ErrorMessage(err), "use one of bibtex, csljson") {
		t.Errorf("Lookup(xlsx): %v", err)
	}
}

func TestBadQueries(t *testing.T) {
	st := openFixture(t)
	ctx := context.Background()
	for _, tt := range []struct {
		q    format.Query
		o    format.Options
		want string
	}{
		{format.Query{Entity: "nobody"}, format.Options{}, `entity "nobody" is not in the corpus`},
		{format.Query{Type: "persn"}, format.Options{}, `type "persn": use one of person`},
		{format.Query{From: 19400101, To: 19300101}, format.Options{}, "from 1940-01-01 is after to 1930-01-01"},
		{format.Query{}, format.Options{Base: "example.org"}, "must start with http://"},
		{format.Query{}, format.Options{Table: "people"}, `table "people": use entities, claims or sources`},
	} {
		_, err := format.NewExport(ctx, st, tt.q, tt.o)
		if tokumu.ErrorCode(err) != tokumu.EINVALID || !strings.Contains(tokumu.ErrorMessage(err), tt.want) {
			t.Errorf("%+v %+v: %v, want EINVALID with %q", tt.q, tt.o, err, tt.want)
		}
	}
}

// claimIDs lists the ids of an export's claims, sorted.
func claimIDs(t *testing.T, x *format.Export) []string {
	var ids []string
	x.Claims(context.Background(), func(c *tokumu.Claim) error { ids = append(ids, c.ID); return nil })
	sort.Strings(ids)
	return ids
}

func TestQueries(t *testing.T) {
	st := openFixture(t)
	ctx := context.Background()
	for _, tt := range []struct {
		name             string
		q                format.Query
		claims, entities []string
		sources          int
	}{
		{"neighbourhood", format.Query{Entity: "harbin-tokumu-kikan"},
			[]string{"c-doihara-head", "c-kikan-dissolved", "c-kikan-located", "c-kikan-part-of", "c-kikan-succeeded"},
			[]string{"doihara-kenji", "harbin", "harbin-tokumu-kikan", "kwantung-army", "kwantung-army-intelligence-department"}, 2},
		// 1936: the part_of of 1919/1940 and the two strengths of 1936.
		{"dates", format.Query{From: 19360101, To: 19361231},
			[]string{"c-est-1936", "c-kikan-part-of", "c-real-1936"},
			[]string{"harbin-tokumu-kikan", "kwantung-army", "soviet-far-eastern-forces"}, 2},
		// Persons: Doihara's two claims; they name the kikan and Harbin. Yak
		// is cited by both claims and by a name; zor23 by neither.
		{"type", format.Query{Type: tokumu.Person},
			[]string{"c-doihara-born", "c-doihara-head"},
			[]string{"doihara-kenji", "harbin", "harbin-tokumu-kikan", "lyushkov-genrikh"}, 1},
		// One claim: it, its subject and object, its source (yak, which
		// the entities' Russian names cite too).
		{"claim", format.Query{Entity: "doihara-kenji", Claim: "c-doihara-head"},
			[]string{"c-doihara-head"},
			[]string{"doihara-kenji", "harbin-tokumu-kikan"}, 1},
		{"tag", format.Query{Tag: "officer"},
			[]string{"c-doihara-born", "c-doihara-head"},
			[]string{"doihara-kenji", "harbin", "harbin-tokumu-kikan"}, 1},
	} {
		x, err := format.NewExport(ctx, st, tt.q, format.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got := claimIDs(t, x); !slices.Equal(got, tt.claims) {
			t.Errorf("%s: claims %v, want %v", tt.name, got, tt.claims)
		}
		if got := x.EntityIDs(); !slices.Equal(got, tt.entities) {
			t.Errorf("%s: entities %v, want %v", tt.name, got, tt.entities)
		}
		if len(x.Sources()) != tt.sources {
			t.Errorf("%s: %d sources, want %d", tt.name, len(x.Sources()), tt.sources)
		}
	}
}

func TestCSV(t *testing.T) {
	st := openFixture(t)
	p, _ := write(t, st, "csv", format.Query{}, format.Options{}, "f.zip")
	zr, err := zip.OpenReader(p)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	tables := map[string][][]string{}
	for _, f := range zr.File {
		r, _ := f.Open()
		b, _ := io.ReadAll(r)
		if !bytes.HasSuffix(b, []byte("\r\n")) {
			t.Errorf("%s: lines must end in CRLF (RFC 4180)", f.Name)
		}
		recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		tables[f.Name] = recs
	}
	// header + 7 entities, + 10 claims, + 2 sources.
	for name, n := range map[string]int{"entities.csv": 8, "claims.csv": 11, "sources.csv": 3} {
		if len(tables[name]) != n {
			t.Errorf("%s has %d rows, want %d", name, len(tables[name]), n)
		}
	}
	harbin := tables["entities.csv"][2]
	if want := []string{"harbin", "place", "Harbin", "Harbin [en native]; 哈爾浜 [ja native]; Харбин [ru native]; 哈尔滨 [zh-Hans native]", "", "", "", ""}; !slices.Equal(harbin, want) {
		t.Errorf("harbin's row %q, want %q", harbin, want)
	}
	var est []string
	for _, r := range tables["claims.csv"] {
		if r[0] == "c-est-1936" {
			est = r
		}
	}
	if want := []string{"c-est-1936", "soviet-far-eastern-forces", "strength", "", "100", "divisions", "", "", "1936", "", "zor23", "p/88", "B2", "kwantung-army", "", "", "c-kikan-part-of", "harbin", "", "", "the Japanese", "", ""}; !slices.Equal(est, want) {
		t.Errorf("the estimate's row %q, want %q", est, want)
	}
	// One table alone.
	p, _ = write(t, st, "csv", format.Query{}, format.Options{Table: "sources"}, "s.csv")
	b, _ := os.ReadFile(p)
	if !bytes.HasPrefix(b, []byte("id,kind,type,author,")) || bytes.Count(b, []byte("\r\n")) != 3 {
		t.Errorf("--table sources:\n%s", b)
	}
}

func TestTimelineJS(t *testing.T) {
	st := openFixture(t)
	p, _ := write(t, st, "timelinejs", format.Query{}, format.Options{}, "f.json")
	b, _ := os.ReadFile(p)
	var tl struct {
		Events []struct {
			StartDate struct{ Year, Month, Day int }  `json:"start_date"`
			EndDate   *struct{ Year, Month, Day int } `json:"end_date"`
			Text      struct{ Headline string }
			UniqueID  string `json:"unique_id"`
		}
	}
	if err := json.Unmarshal(b, &tl); err != nil {
		t.Fatal(err)
	}
	// born 1883-08-08 (a day: no end), head of the kikan in 1932, the
	// kikan dissolved and converted in 1940 (the year: an end).
	if len(tl.Events) != 4 {
		t.Fatalf("%d events, want 4:\n%s", len(tl.Events), b)
	}
	e := tl.Events[0]
	if e.UniqueID != "c-doihara-born" || e.StartDate.Year != 1883 || e.StartDate.Month != 8 || e.StartDate.Day != 8 || e.EndDate != nil || e.Text.Headline != "Doihara Kenji: born" {
		t.Errorf("first event %+v", e)
	}
	e = tl.Events[2]
	if e.UniqueID != "c-kikan-dissolved" || e.EndDate == nil || e.EndDate.Year != 1940 || e.EndDate.Month != 12 || e.EndDate.Day != 31 {
		t.Errorf("third event %+v", e)
	}
}

// TestTimelineJSPerspective: a party's own date is exported as its view
// (the USSR's 13 March for the 1936 protocol sat beside the
// historiography's 12 March as a second fact).
func TestTimelineJSPerspective(t *testing.T) {
	p, _ := write(t, openEmbedded(t), "timelinejs", format.Query{}, format.Options{}, "e.json")
	b, _ := os.ReadFile(p)
	var tl struct {
		Events []struct {
			StartDate struct{ Day int } `json:"start_date"`
			Text      struct{ Headline string }
			UniqueID  string `json:"unique_id"`
		}
	}
	if err := json.Unmarshal(b, &tl); err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, e := range tl.Events {
		if !strings.HasPrefix(e.UniqueID, "soviet-mpr-protocol-1936~") {
			continue
		}
		seen++
		soviet := strings.HasSuffix(e.Text.Headline, " — according to Union of Soviet Socialist Republics")
		if soviet != (e.StartDate.Day == 13) {
			t.Errorf("%s (day %d): headline %q", e.UniqueID, e.StartDate.Day, e.Text.Headline)
		}
	}
	if seen != 2 {
		t.Errorf("%d events of the 1936 protocol, want its two datings", seen)
	}
}

// TestEveryTypeHasAClass: each entity type maps to a CIDOC-CRM and a
// schema.org class, so no entity is typed with a bare namespace.
func TestEveryTypeHasAClass(t *testing.T) {
	for _, typ := range tokumu.EntityTypes {
		if !format.HasRDFClass(typ) {
			t.Errorf("entity type %s has no RDF class", typ)
		}
	}
}

// A partial export's bibliography holds the sources its sources repeat
// (derived_from), to the end of the chain, or the exported corpus would
// name a source it does not hold and fail check.
func TestExportFollowsDerivation(t *testing.T) {
	ctx := context.Background()
	ds := fixture()
	for _, s := range ds.Sources {
		if s.ID == "yak" {
			s.DerivedFrom = []string{"zor23"}
		}
	}
	db, err := sqlite.Open(ctx, ":memory:", sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Replace(ctx, ds); err != nil {
		t.Fatal(err)
	}
	// Persons cite yak only (see TestQueries); yak repeats zor23.
	x, err := format.NewExport(ctx, db, format.Query{Type: tokumu.Person}, format.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range x.Sources() {
		got = append(got, s.ID)
	}
	if want := []string{"yak", "zor23"}; !slices.Equal(got, want) {
		t.Errorf("sources %v, want %v", got, want)
	}
}

// TestCSVWhen: the claims table's when is EDTF, which every tool reads,
// and when_text the date as the source wrote it, where the corpus kept it.
func TestCSVWhen(t *testing.T) {
	w, _, err := tokumu.ParseWhen("大正7年")
	if err != nil {
		t.Fatal(err)
	}
	rec := format.ClaimRecord(&tokumu.Claim{ID: "x", Subject: "s", Predicate: "founded", When: w, Source: "src"})
	when, text := rec[slices.Index(format.ClaimsHeader, "when")], rec[slices.Index(format.ClaimsHeader, "when_text")]
	if when != "1918" || text != "大正7年" {
		t.Errorf("when %q, when_text %q; want 1918 and 大正7年", when, text)
	}
}

// TestGraphNamedAs: an edge keeps its role and the source's own words for
// what the editors identified (Akikusa heads the Intelligence Department
// as the trial record's "Harbin Military Mission"), in GraphML and GEXF:
// without them an edge says more than its source.
func TestGraphNamedAs(t *testing.T) {
	st := openEmbedded(t)
	for _, tt := range []struct{ format, named, role string }{
		{"graphml", `<data key="named_object">Harbin Military Mission</data>`, `<data key="role">assistant to the head</data>`},
		{"gexf", `<attvalue for="named_object" value="Harbin Military Mission"/>`, `<attvalue for="role" value="assistant to the head"/>`},
	} {
		p, _ := write(t, st, tt.format, format.Query{}, format.Options{}, "out."+tt.format)
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), tt.named) || !strings.Contains(string(b), tt.role) {
			t.Errorf("%s lacks the named_as or the role of its edges", tt.format)
		}
	}
}

// TestGeoJSONOwnNames: a place's name columns hold its own name in each
// script, not a former one listed first (Changchun, not Hsinking).
func TestGeoJSONOwnNames(t *testing.T) {
	p, _ := write(t, openEmbedded(t), "geojson", format.Query{}, format.Options{}, "out.geojson")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Features []struct {
			ID         string         `json:"id"`
			Properties map[string]any `json:"properties"`
		} `json:"features"`
	}
	if err := json.Unmarshal(b, &fc); err != nil {
		t.Fatal(err)
	}
	for _, f := range fc.Features {
		if f.ID == "hsinking" {
			if f.Properties["name_en"] != "Changchun" || f.Properties["name_ru"] != "Чанчунь" || f.Properties["name_ja"] != "長春" {
				t.Errorf("hsinking's names %v %v %v; want Changchun, Чанчунь, 長春", f.Properties["name_en"], f.Properties["name_ru"], f.Properties["name_ja"])
			}
			return
		}
	}
	t.Error("no feature hsinking")
}

// TestTimelineJSNamedAs: a slide says the claim's role and the source's own
// words where the editors identified an entity (Iijima's "Harbin Military
// Mission", the Intelligence Department as the corpus files it).
func TestTimelineJSNamedAs(t *testing.T) {
	p, _ := write(t, openEmbedded(t), "timelinejs", format.Query{}, format.Options{}, "out.json")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`(chief of the Hogoin camp)`, "The source says \u201cHarbin Military Mission\u201d for the object: the identification is the editors"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("the TimelineJS export lacks %q", want)
		}
	}
}
