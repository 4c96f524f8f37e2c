package search

import (
	"context"
	"reflect"
	"testing"

	"github.com/tokumu/tokumu/corpus"
	"github.com/tokumu/tokumu/yamlcorpus"
)

// TestBuildDatasetSameAsStore: the index import builds from the dataset
// in memory answers every query as the one Build reads back from a store
// holding that dataset. (Encode's bytes are not compared: gob writes maps
// in random order, so two builds of one store differ in bytes too.)
func TestBuildDatasetSameAsStore(t *testing.T) {
	ctx := context.Background()
	ds, err := yamlcorpus.Load(corpus.FS)
	if err != nil {
		t.Fatal(err)
	}
	fromDS, err := BuildDataset(ctx, ds)
	if err != nil {
		t.Fatal(err)
	}
	fromStore := embedded(t)
	if a, b := fromDS.Stats(), fromStore.Stats(); a != b {
		t.Errorf("Stats: dataset %+v, store %+v", a, b)
	}
	queries := []string{"Harbin", "Люшков", "ハルビン", "Kwantung", "special service", "Doihara", "1939", "Zhukov"}
	for _, e := range ds.Entities {
		queries = append(queries, e.Names[0].Text)
	}
	for _, q := range queries {
		a, errA := fromDS.Search(Query{Text: q, Limit: 20})
		b, errB := fromStore.Search(Query{Text: q, Limit: 20})
		if errA != nil || errB != nil {
			t.Fatalf("%q: %v / %v", q, errA, errB)
		}
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%q: dataset index gives %d hits (total %d), store index %d (total %d)", q, len(a.Hits), a.Total, len(b.Hits), b.Total)
		}
	}
	res, err := fromDS.Search(Query{Text: "Люшков", Limit: 3})
	if err != nil || len(res.Hits) == 0 || res.Hits[0].Entity != "lyushkov-genrikh" {
		t.Errorf("Люшков in the dataset's index: %+v, %v; want lyushkov-genrikh first", res, err)
	}
}
