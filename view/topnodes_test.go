package view

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"sort"
	"testing"
)

// TestTopNodes: the nodes topNodes keeps are the first of a full sort by
// degree, then id, in that order — with many ties at the cut.
func TestTopNodes(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for round := 0; round < 200; round++ {
		n := r.IntN(300)
		var ns []GraphNode
		for i := 0; i < n; i++ {
			ns = append(ns, GraphNode{ID: fmt.Sprintf("e-%d", r.IntN(1000)), Degree: 1 + r.IntN(1+r.IntN(6))})
		}
		full := append([]GraphNode(nil), ns...)
		sort.Slice(full, func(i, j int) bool {
			if full[i].Degree != full[j].Degree {
				return full[i].Degree > full[j].Degree
			}
			return full[i].ID < full[j].ID
		})
		limit := r.IntN(60)
		want := full
		if limit > 0 && len(full) > limit {
			want = full[:limit]
		}
		got := topNodes(append([]GraphNode(nil), ns...), limit)
		if len(got) == 0 && len(want) == 0 {
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("round %d, %d nodes, limit %d:\n got %v\nwant %v", round, n, limit, got, want)
		}
	}
}
