package search

import (
	"context"
	"sort"
	"strings"

	"github.com/tokumu/tokumu"
)

// Index answers queries from memory. It is safe for concurrent use once
// built; rebuild it after the store changes.
type Index struct {
	entities []*tokumu.Entity
}

// Build reads the whole store and indexes it.
func Build(ctx context.Context, s tokumu.Store) (*Index, error) {
	es, err := s.Entities(ctx, tokumu.EntityFilter{})
	if err != nil {
		return nil, err
	}
	return &Index{entities: es}, nil
}

// Search answers q. It returns EINVALID for a query it cannot run (an
// unknown period, say).
func (ix *Index) Search(q Query) (*Results, error) {
	t := strings.ToLower(strings.TrimSpace(q.Text))
	res := &Results{Query: q.Text, Hits: []Hit{}}
	if t == "" {
		return res, nil
	}
	for _, e := range ix.entities {
		for _, n := range e.Names {
			if strings.Contains(strings.ToLower(n.Text), t) {
				res.Hits = append(res.Hits, Hit{Kind: KindEntity, Entity: e.ID, Type: e.Type, Label: e.Label("en"), Name: n.Text, Match: MatchName})
				break
			}
		}
	}
	sort.SliceStable(res.Hits, func(i, j int) bool { return res.Hits[i].Label < res.Hits[j].Label })
	res.Total = len(res.Hits)
	limit := q.Limit
	if limit == 0 {
		limit = 20
	}
	if len(res.Hits) > limit {
		res.Hits = res.Hits[:limit]
	}
	return res, nil
}

// Suggest returns up to n entities whose names start with or contain
// prefix, for as-you-type completion.
func (ix *Index) Suggest(prefix string, n int) []Hit {
	r, _ := ix.Search(Query{Text: prefix, Limit: n})
	return r.Hits
}
