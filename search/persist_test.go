package search

import (
	"encoding/json"
	"testing"

	"github.com/tokumu/tokumu"
)

// TestPersist: an index decoded from its encoding answers every query
// exactly as the index that was built, with the same entities and sources
// read back from the store.
func TestPersist(t *testing.T) {
	built := embedded(t)
	data, err := built.Encode()
	if err != nil {
		t.Fatal(err)
	}
	loaded, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	queries := persistQueries
	for _, q := range queries {
		want, werr := built.Search(q)
		got, gerr := loaded.Search(q)
		wj, _ := json.Marshal(want)
		gj, _ := json.Marshal(got)
		if (werr == nil) != (gerr == nil) || string(wj) != string(gj) {
			t.Errorf("query %+v: decoded index gives\n%s (%v)\nbuilt index gives\n%s (%v)", q, gj, gerr, wj, werr)
		}
		if want != nil && want.Total == 0 && q.Text != "Lyushkv" {
			t.Errorf("query %q finds nothing; the comparison proves little", q.Text)
		}
	}
	for _, s := range []string{"Doi", "ハル", "Лю", "kwan"} {
		wj, _ := json.Marshal(built.Suggest(s, 8, "en"))
		gj, _ := json.Marshal(loaded.Suggest(s, 8, "en"))
		if string(wj) != string(gj) {
			t.Errorf("Suggest(%q): decoded %s, built %s", s, gj, wj)
		}
	}

	// Damaged data: an error, never a panic.
	for _, cut := range []int{0, 1, len(data) / 2, len(data) - 1} {
		if _, err := Decode(data[:cut]); err == nil {
			t.Errorf("Decode of the first %d of %d bytes succeeded", cut, len(data))
		}
	}
	if fp := Fingerprint(); len(fp) != 16 || fp != Fingerprint() {
		t.Errorf("Fingerprint() = %q; want 16 hex digits, stable", fp)
	}
}

// BenchmarkDecode measures loading the embedded corpus's stored index,
// what a CLI search pays instead of Build.
func BenchmarkDecode(b *testing.B) {
	data, err := embedded(b).Encode()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(len(data)), "bytes")
	b.ResetTimer()
	for b.Loop() {
		if _, err := Decode(data); err != nil {
			b.Fatal(err)
		}
	}
}

// TestDecodeDamaged flips bytes all over a stored index: Decode refuses
// the data or returns an index that answers queries, and never panics.
func TestDecodeDamaged(t *testing.T) {
	data, err := embedded(t).Encode()
	if err != nil {
		t.Fatal(err)
	}
	refused := 0
	for i := 0; i < 100; i++ {
		pos := (i*7919*17 + 13) % len(data)
		bad := append([]byte(nil), data...)
		bad[pos] ^= byte(1 + i%255)
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Fatalf("byte %d flipped: panic %v", pos, r)
				}
			}()
			ix, err := Decode(bad)
			if err != nil {
				refused++
				return
			}
			for _, q := range []string{"Doihara", "ハルビン", "Харбине", "intelligence", "Lyushkv"} {
				ix.Search(Query{Text: q, Limit: 50})
				ix.Suggest(q, 8, "en")
			}
		}()
	}
	t.Logf("%d of 100 damaged indexes refused; the others decoded to an index that answers", refused)
}

// persistQueries are queries of every kind (scripts, typos, filters, pages)
// that two indexes of the same corpus must answer alike.
var persistQueries = []Query{
	{Text: "土肥原"}, {Text: "どいはら"}, {Text: "Dohihara"}, {Text: "Доихары"}, {Text: "ＤＯＩＨＡＲＡ"},
	{Text: "Харбине", Limit: 50}, {Text: "哈尔滨"}, {Text: "ハルビン", Lang: "ja"}, {Text: "Lyushkov"}, {Text: "Люшков"},
	{Text: "Kantogun"}, {Text: "関特演", Limit: 100}, {Text: "intelligence", Limit: 100}, {Text: "разведки", Limit: 100},
	{Text: "Lyushkv"}, {Text: "Komatsubara", Limit: 30}, {Text: "Harbin", Types: []tokumu.EntityType{tokumu.Organization}},
	{Text: "Harbin", From: 19370101, To: 19391231, Limit: 100}, {Text: "army", Period: "period-2", Limit: 100},
	{Text: "Sorge", Offset: 3, Limit: 5},
}
