package search

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/internal/corpustest"
)

// TestSameAs: a query that hits one of the planted pair of
// view/testdata/sameas (Hawk possibly Ivan Pakhomov, claim hawk-same)
// also returns the other, right after it, as "possibly the same as", from
// either side, in the built and in the decoded index; a query that hits
// both lists each once, as a match of its own; a type filter that drops
// the partner drops it here too; paging counts the partner.
func TestSameAs(t *testing.T) {
	ctx := context.Background()
	db, err := corpustest.OpenDir(ctx, "../view/testdata/sameas")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	built, err := Build(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	data, err := built.Encode()
	if err != nil {
		t.Fatal(err)
	}
	loaded, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	show := func(r *Results) string {
		var out []string
		for _, h := range r.Hits {
			s := h.Entity + ":" + string(h.Match)
			if h.SameAs != "" {
				s += "<" + h.SameAs + "/" + h.SameAsLabel + "/" + h.Claim
			}
			out = append(out, s)
		}
		return fmt.Sprintf("%d %s", r.Total, strings.Join(out, " "))
	}
	for _, tt := range []struct {
		q    Query
		want string
	}{
		{Query{Text: "Hawk"}, "2 agent-hawk:exact pakhomov-ivan:possibly_same<agent-hawk/Hawk/hawk-same"},
		{Query{Text: "Pakhomov"}, "2 pakhomov-ivan:name agent-hawk:possibly_same<pakhomov-ivan/Ivan Pakhomov/hawk-same"},
		{Query{Text: "Пахомов"}, "2 pakhomov-ivan:name agent-hawk:possibly_same<pakhomov-ivan/Ivan Pakhomov/hawk-same"},
		{Query{Text: "Bystrov"}, "1 bystander:name"},
		// Offset 1 skips the matched entity, not its partner.
		{Query{Text: "Hawk", Offset: 1}, "2 pakhomov-ivan:possibly_same<agent-hawk/Hawk/hawk-same"},
		{Query{Text: "Hawk", Limit: 1}, "2 agent-hawk:exact"},
		{Query{Text: "Hawk", Types: []tokumu.EntityType{tokumu.Organization}}, "0 "},
	} {
		for name, ix := range map[string]*Index{"built": built, "decoded": loaded} {
			r, err := ix.Search(tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if got := show(r); got != tt.want {
				t.Errorf("%s %+v: %s, want %s", name, tt.q, got, tt.want)
			}
		}
	}
}
