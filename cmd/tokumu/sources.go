package main

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/view"
	"github.com/tokumu/tokumu/web"
	"github.com/tokumu/tokumu/web/i18n"
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
		tr := i18n.For(m.Lang)
		var t table
		t.add(tr.T("cli.src.key"), tr.T("cli.src.kind"), tr.T("cli.src.claims"), tr.T("cli.src.ref"))
		for _, s := range srcs {
			t.add(s.ID, typeName(tr, "kind.", string(s.Kind)), tr.Num(st.BySource[s.ID]), truncate(s.Cite(), 90))
		}
		if err := t.write(m.Stdout); err != nil {
			return err
		}
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
	tr := i18n.For(m.Lang)
	fmt.Fprintln(w, tr.T("cli.src.head", s.ID, typeName(tr, "kind.", string(s.Kind)), s.DefaultGrade().String()))
	var authors []string
	for _, a := range s.Authors {
		authors = append(authors, a.String())
	}
	var t table
	field := func(k, v string) {
		if v != "" {
			t.add("  "+k, v)
		}
	}
	field(tr.T("cli.src.author"), strings.Join(authors, "; "))
	field(tr.T("cli.src.title"), s.Title)
	field(tr.T("cli.src.title_en"), s.TitleEn)
	field(tr.T("cli.src.in"), s.Container)
	field(tr.T("cli.src.publisher"), strings.Trim(s.Place+": "+s.Publisher, ": "))
	field(tr.T("cli.src.issued"), s.Issued)
	field(tr.T("cli.src.volume"), s.Volume)
	field(tr.T("cli.src.issue"), s.Issue)
	field(tr.T("cli.src.pages"), s.Pages)
	field("url", s.URL)
	field("doi", s.DOI)
	field("isbn", s.ISBN)
	field(tr.T("cli.src.archive"), strings.Trim(s.Archive+", "+s.ArchiveLocation, ", "))
	field(tr.T("cli.src.language"), s.Language)
	field(tr.T("cli.src.note"), s.Note)
	t.write(w)
	fmt.Fprintf(w, "\n%s\n", tr.T("cli.src.rest", len(claims)))
	sort.SliceStable(claims, func(i, j int) bool { return claims[i].Subject < claims[j].Subject })
	for _, c := range claims {
		p := c.Predicate
		if pr := refs.Predicates[p]; pr != nil {
			p = pr.LabelIn(m.Lang)
		}
		obj := c.Value
		if c.Object != "" {
			obj = refs.Label(c.Object, m.Lang)
		} else if c.Value != "" && c.Unit != "" {
			obj = figureText(tr, web.NumText(tr, c.Value), i18n.LastCount(c.Value), c.Unit)
		}
		loc := ""
		if c.Locator != "" {
			loc = "  " + c.Locator
		}
		fmt.Fprintf(w, "  %s — %s — %s  %s%s %s\n", refs.Label(c.Subject, m.Lang), p, obj, c.When.Human(m.Lang), loc, c.Grade)
	}
}
