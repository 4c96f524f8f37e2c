package bench

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/search"
	"github.com/tokumu/tokumu/translit"
)

// The search benchmarks: the index build (time, heap), then query classes
// (exact name, whole-word name, prefix as typed, cross-script, misspelled,
// claim text top 20 with the total), each beside SQLite FTS5 over the
// same names and text in the same run. FTS5 uses the unicode61 tokenizer
// with diacritics removed, the usual configuration; it has no notion of
// scripts, so its cross-script and misspelled rows measure the speed of
// finding nothing — the "found" metric says how many queries reached the
// wanted entity.
//
//	go test ./internal/bench -run X -bench Search -sizes 10000,100000,1000000 -benchtime 2000x

type searchFixture struct {
	ix      *search.Index
	fts     *sql.DB
	queries map[string][]benchQuery
	labels  map[string]string // entity id → English label, for namesakes
}

func (sf *searchFixture) label(id string) string { return sf.labels[id] }

type benchQuery struct {
	text, want string // want: the entity id that must be found; "" for text queries
	label      string // want's label: synthetic names repeat, so a namesake counts as found
	fts        string // the FTS5 MATCH expression for the same question
}

var searchFixtures = map[int]*searchFixture{}

func getSearch(b *testing.B, n int) *searchFixture {
	if f := searchFixtures[n]; f != nil {
		return f
	}
	f := get(b, n)
	ctx := context.Background()

	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	ix, err := search.Build(ctx, f.db)
	if err != nil {
		b.Fatal(err)
	}
	took := time.Since(start)
	runtime.GC()
	runtime.ReadMemStats(&after)
	st := ix.Stats()
	b.Logf("size %d: index built in %v, heap %.1f MB; %+v", n, took.Round(time.Millisecond),
		float64(after.HeapAlloc-before.HeapAlloc)/1e6, st)

	fts, ftsTook, ftsSize := buildFTS(b, f, n)
	b.Logf("size %d: FTS5 built in %v, %.1f MB on disk", n, ftsTook.Round(time.Millisecond), float64(ftsSize)/1e6)

	sf := &searchFixture{ix: ix, fts: fts, queries: makeQueries(b, f, n), labels: map[string]string{}}
	es, err := f.db.Entities(ctx, tokumu.EntityFilter{})
	if err != nil {
		b.Fatal(err)
	}
	for _, e := range es {
		sf.labels[e.ID] = e.Label("en")
	}
	searchFixtures[n] = sf
	return sf
}

// buildFTS builds the baseline: two FTS5 tables, names and text, in a
// SQLite file beside the store.
func buildFTS(b *testing.B, f *fixture, n int) (*sql.DB, time.Duration, int64) {
	ctx := context.Background()
	path := filepath.Join(fixtureDir(b), fmt.Sprintf("fts-%d.db", n))
	db, err := sql.Open("sqlite", path)
	if err != nil {
		b.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	start := time.Now()
	for _, q := range []string{
		"PRAGMA journal_mode=OFF", "PRAGMA synchronous=OFF",
		"CREATE VIRTUAL TABLE names USING fts5(entity UNINDEXED, name, tokenize='unicode61 remove_diacritics 2')",
		"CREATE VIRTUAL TABLE docs USING fts5(claim UNINDEXED, entity UNINDEXED, text, tokenize='unicode61 remove_diacritics 2')",
	} {
		if _, err := db.Exec(q); err != nil {
			b.Fatal(err)
		}
	}
	tx, err := db.Begin()
	if err != nil {
		b.Fatal(err)
	}
	es, err := f.db.Entities(ctx, tokumu.EntityFilter{})
	if err != nil {
		b.Fatal(err)
	}
	ins, _ := tx.Prepare("INSERT INTO names(entity, name) VALUES (?, ?)")
	for _, e := range es {
		for _, nm := range e.Names {
			if _, err := ins.Exec(e.ID, nm.Text); err != nil {
				b.Fatal(err)
			}
		}
	}
	preds, _ := f.db.Predicates(ctx)
	insd, _ := tx.Prepare("INSERT INTO docs(claim, entity, text) VALUES (?, ?, ?)")
	for _, p := range preds {
		cs, err := f.db.Claims(ctx, tokumu.ClaimFilter{Predicate: p.ID})
		if err != nil {
			b.Fatal(err)
		}
		for _, c := range cs {
			text := c.Note
			if p.Literal == tokumu.LiteralText && c.Value != "" {
				text = strings.TrimSpace(c.Value + " " + c.Note)
			}
			if text == "" {
				continue
			}
			if _, err := insd.Exec(c.ID, c.Subject, text); err != nil {
				b.Fatal(err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	took := time.Since(start)
	st, _ := os.Stat(path)
	return db, took, st.Size()
}

// makeQueries draws the query sets from the corpus's own names, so every
// query has an answer: synthetic persons have a Japanese name in kanji
// with its romaji, or a Russian one in Cyrillic with its Latin form;
// places have a numbered name in Japanese, English and Russian.
func makeQueries(b *testing.B, f *fixture, n int) map[string][]benchQuery {
	ctx := context.Background()
	r := rand.New(rand.NewPCG(7, uint64(n)))
	persons, err := f.db.Entities(ctx, tokumu.EntityFilter{Type: tokumu.Person})
	if err != nil {
		b.Fatal(err)
	}
	places, err := f.db.Entities(ctx, tokumu.EntityFilter{Type: tokumu.Place})
	if err != nil {
		b.Fatal(err)
	}
	q := map[string][]benchQuery{}
	name := func(e *tokumu.Entity, lang string) string {
		for _, nm := range e.Names {
			if nm.Lang == lang {
				return nm.Text
			}
		}
		return ""
	}
	for len(q["exact"]) < 200 {
		p := places[r.IntN(len(places))]
		en := name(p, "en")
		q["exact"] = append(q["exact"], benchQuery{text: en, want: p.ID, label: en, fts: `"` + en + `"`})
	}
	for len(q["name"]) < 200 || len(q["cross-script"]) < 200 || len(q["misspelled"]) < 200 || len(q["prefix"]) < 200 {
		p := persons[r.IntN(len(persons))]
		label := p.Label("en")
		if ja := name(p, "ja"); ja != "" {
			latin := name(p, "ja-Latn")
			family := strings.Fields(latin)[0]
			q["name"] = append(q["name"], benchQuery{text: latin, want: p.ID, label: label, fts: `"` + latin + `"`})
			// Cross-script: the name in kanji, or in Polivanov Cyrillic,
			// which nobody stored.
			if len(q["cross-script"])%2 == 0 {
				q["cross-script"] = append(q["cross-script"], benchQuery{text: ja, want: p.ID, label: label, fts: `"` + ja + `"`})
			} else {
				var cyr []string
				for _, w := range strings.Fields(latin) {
					if kana, ok := translit.RomajiToKana(w); ok {
						cyr = append(cyr, translit.Polivanov(kana))
					}
				}
				c := strings.Join(cyr, " ")
				q["cross-script"] = append(q["cross-script"], benchQuery{text: c, want: p.ID, label: label, fts: `"` + c + `"`})
			}
			if len(family) >= 6 {
				typo := family[:len(family)-2] + family[len(family)-1:] // drop the second-to-last letter
				q["misspelled"] = append(q["misspelled"], benchQuery{text: typo + " " + strings.Fields(latin)[1], want: p.ID, label: label, fts: typo + " " + strings.Fields(latin)[1]})
			}
			q["prefix"] = append(q["prefix"], benchQuery{text: family[:min(4, len(family))], want: "", fts: family[:min(4, len(family))] + "*"})
		} else if ru := name(p, "ru"); ru != "" {
			f := strings.Fields(ru)
			// A Russian surname in the genitive: Люшкова.
			q["cross-script"] = append(q["cross-script"], benchQuery{text: f[0] + " " + f[1] + "а", want: p.ID, label: label, fts: f[0] + " " + f[1] + "а"})
			latin := name(p, "ru-Latn")
			q["name"] = append(q["name"], benchQuery{text: latin, want: p.ID, label: label, fts: `"` + latin + `"`})
		}
	}
	for i := 0; i < 200; i++ {
		// A common pair of words, and a rare one: an organization's id.
		if i%2 == 0 {
			q["text"] = append(q["text"], benchQuery{text: "synthetic note", fts: "synthetic note"})
		} else {
			id := fmt.Sprintf("org %d", r.IntN(n/50+1))
			q["text"] = append(q["text"], benchQuery{text: id, fts: id})
		}
	}
	return q
}

func BenchmarkSearch(b *testing.B) {
	classes := []string{"exact", "name", "prefix", "cross-script", "misspelled", "text"}
	for _, n := range sizeList(b) {
		for _, class := range classes {
			b.Run(fmt.Sprintf("claims=%d/%s/tokumu", n, class), func(b *testing.B) {
				sf := getSearch(b, n)
				qs := sf.queries[class]
				found := 0
				latencies(b, func(i int) {
					bq := qs[i%len(qs)]
					if class == "prefix" {
						if hits := sf.ix.Suggest(bq.text, 8, ""); len(hits) > 0 {
							found++
						}
						return
					}
					res, err := sf.ix.Search(search.Query{Text: bq.text, Limit: 20})
					if err != nil {
						b.Fatal(err)
					}
					if bq.want == "" && res.Total > 0 {
						found++
					}
					for _, h := range res.Hits {
						// The wanted entity, or a namesake: about 160
						// synthetic persons share each Japanese name at 1M.
						if bq.want != "" && (h.Entity == bq.want || (h.Kind == search.KindEntity && h.Label == bq.label)) {
							found++
							break
						}
					}
				})
				b.ReportMetric(100*float64(found)/float64(b.N), "found-%")
			})
			b.Run(fmt.Sprintf("claims=%d/%s/fts5", n, class), func(b *testing.B) {
				sf := getSearch(b, n)
				qs := sf.queries[class]
				found := 0
				latencies(b, func(i int) {
					bq := qs[i%len(qs)]
					if class == "text" {
						// Top 20 by bm25 and the total, as tokumu answers.
						rows, err := sf.fts.Query("SELECT claim FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT 20", bq.fts)
						if err != nil {
							b.Fatal(err)
						}
						for rows.Next() {
						}
						rows.Close()
						var total int
						if err := sf.fts.QueryRow("SELECT count(*) FROM docs WHERE docs MATCH ?", bq.fts).Scan(&total); err != nil {
							b.Fatal(err)
						}
						if total > 0 {
							found++
						}
						return
					}
					rows, err := sf.fts.Query("SELECT entity FROM names WHERE names MATCH ? ORDER BY rank LIMIT 20", bq.fts)
					if err != nil {
						b.Fatalf("%q: %v", bq.fts, err)
					}
					hit := false
					for rows.Next() {
						var id string
						rows.Scan(&id)
						if id == bq.want || bq.want == "" || sf.label(id) == bq.label {
							hit = true
						}
					}
					rows.Close()
					if hit {
						found++
					}
				})
				b.ReportMetric(100*float64(found)/float64(b.N), "found-%")
			})
		}
	}
}
