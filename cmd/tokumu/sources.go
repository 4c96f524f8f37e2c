package main

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/view"
)

var cmdSources = &command{
	name:    "sources",
	args:    "[KEY]",
	summary: `List the bibliography, or show one source with the claims that rest on it.`,
	run: func(ctx context.Context, m *Main, args []string) error {
		if len(args) > 1 {
			return usagef("tokumu sources zor23", "sources takes at most one key")
		}
		db, err := m.openStore(ctx)
		if err != nil {
			return err
		}
		defer db.Close()
		if len(args) == 1 {
			src, err := db.Source(ctx, args[0])
			if err != nil {
				return err
			}
			claims, err := db.Claims(ctx, tokumu.ClaimFilter{Source: src.ID})
			if err != nil {
				return err
			}
			if m.JSON {
				return writeJSON(m.Stdout, struct {
					Source *tokumu.Source  `json:"source"`
					Claims []*tokumu.Claim `json:"claims"`
				}{src, claims})
			}
			refs, err := view.LoadRefs(ctx, db, claims)
			if err != nil {
				return err
			}
			printSource(m, src, claims, refs)
			return nil
		}
		srcs, err := db.Sources(ctx)
		if err != nil {
			return err
		}
		st, err := db.Stats(ctx)
		if err != nil {
			return err
		}
		if m.JSON {
			type row struct {
				*tokumu.Source
				Claims int `json:"claims"`
			}
			out := make([]row, len(srcs))
			for i, s := range srcs {
				out[i] = row{s, st.BySource[s.ID]}
			}
			return writeJSON(m.Stdout, out)
		}
		tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "KEY\tKIND\tCLAIMS\tREFERENCE")
		for _, s := range srcs {
			fmt.Fprintf(tw, "%s\t%s\t%d\t%s\n", s.ID, s.Kind, st.BySource[s.ID], truncate(s.Cite(), 90))
		}
		tw.Flush()
		if len(srcs) == 0 {
			return errFailed
		}
		return nil
	},
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func printSource(m *Main, s *tokumu.Source, claims []*tokumu.Claim, refs view.Refs) {
	w := m.Stdout
	fmt.Fprintf(w, "%s  [%s, default grade %s]\n", s.ID, s.Kind, s.DefaultGrade())
	var authors []string
	for _, a := range s.Authors {
		authors = append(authors, a.String())
	}
	field := func(k, v string) {
		if v != "" {
			fmt.Fprintf(w, "  %-10s %s\n", k, v)
		}
	}
	field("author", strings.Join(authors, "; "))
	field("title", s.Title)
	field("title (en)", s.TitleEn)
	field("in", s.Container)
	field("publisher", strings.Trim(s.Place+": "+s.Publisher, ": "))
	field("issued", s.Issued)
	field("volume", s.Volume)
	field("issue", s.Issue)
	field("pages", s.Pages)
	field("url", s.URL)
	field("doi", s.DOI)
	field("isbn", s.ISBN)
	field("archive", strings.Trim(s.Archive+", "+s.ArchiveLocation, ", "))
	field("language", s.Language)
	field("note", s.Note)
	if len(claims) == 1 {
		fmt.Fprintf(w, "\n1 claim rests on it\n")
	} else {
		fmt.Fprintf(w, "\n%d claims rest on it\n", len(claims))
	}
	sort.SliceStable(claims, func(i, j int) bool { return claims[i].Subject < claims[j].Subject })
	for _, c := range claims {
		p := c.Predicate
		if pr := refs.Predicates[p]; pr != nil {
			p = pr.LabelIn(m.Lang)
		}
		obj := c.Value
		if c.Object != "" {
			obj = refs.Label(c.Object, m.Lang)
		}
		loc := ""
		if c.Locator != "" {
			loc = "  " + c.Locator
		}
		fmt.Fprintf(w, "  %s — %s — %s  %s%s %s\n", refs.Label(c.Subject, m.Lang), p, obj, c.When.Human(m.Lang), loc, c.Grade)
	}
}
