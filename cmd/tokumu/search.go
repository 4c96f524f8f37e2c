package main

import (
	"context"
	"flag"
	"fmt"
	"html"
	"io"
	"strconv"
	"strings"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/search"
	"github.com/tokumu/tokumu/sqlite"
	"github.com/tokumu/tokumu/web/i18n"
)

// searchOptions are search's own flags.
type searchOptions struct {
	types, from, to, period, by, source string
	limit                               int
}

var cmdSearch = &command{
	name: "search",
	args: "QUERY...",
	summary: `Find entities, claims and sources from a name or words in any script.

Names match across scripts and spellings: 土肥原, どいはら, Doihara,
Dohihara and Доихара find the same person; Харбине, 哈尔滨 and ハルビン
find Harbin. Entities come first, ranked by how their name matched
(exact, name, derived spelling, prefix, fuzzy), then claims, summaries
and sources whose text has every word (Russian and English words are
stemmed, Japanese is matched by characters). Matched words in text are
shown between asterisks.`,
	flags: func(fs *flag.FlagSet, m *Main) {
		searchFlags := opts[searchOptions](m)
		fs.StringVar(&searchFlags.types, "type", "", "only these entity types, comma-separated (person,organization,…)")
		fs.StringVar(&searchFlags.from, "from", "", "only what possibly overlaps this date or later")
		fs.StringVar(&searchFlags.to, "to", "", "only what possibly overlaps this date or earlier")
		fs.StringVar(&searchFlags.period, "period", "", "only what overlaps this period (period-1 … period-4)")
		fs.StringVar(&searchFlags.by, "by", "", "only claims from this perspective (an entity id)")
		fs.StringVar(&searchFlags.source, "source", "", "only claims citing this source (a bibliography key)")
		fs.IntVar(&searchFlags.limit, "limit", 20, "at most this many hits")
	},
	run: func(ctx context.Context, m *Main, args []string) error {
		const example = "tokumu search Доихара --type person"
		searchFlags := opts[searchOptions](m)
		if len(args) == 0 {
			return usagef(example, "search needs a query")
		}
		q := search.Query{Text: strings.Join(args, " "), Period: searchFlags.period, Perspective: searchFlags.by,
			Source: searchFlags.source, Limit: searchFlags.limit, Lang: m.Lang}
		for _, t := range strings.Split(searchFlags.types, ",") {
			if t == "" {
				continue
			}
			if !tokumu.EntityType(t).Valid() {
				return usagef(example, "--type %q is not an entity type (person, organization, unit, place, event, operation, document, period)", t)
			}
			q.Types = append(q.Types, tokumu.EntityType(t))
		}
		var err error
		if q.From, err = dateFlag("--from", searchFlags.from, false); err != nil {
			return err
		}
		if q.To, err = dateFlag("--to", searchFlags.to, true); err != nil {
			return err
		}
		db, err := m.openStore(ctx)
		if err != nil {
			return err
		}
		defer db.Close()
		var ix *search.Index
		if sdb, ok := db.(*sqlite.DB); ok {
			ix, err = loadSearchIndex(ctx, sdb) // stored at import
		} else {
			ix, err = search.Build(ctx, db)
		}
		if err != nil {
			return err
		}
		res, err := ix.Search(q)
		if tokumu.ErrorCode(err) == tokumu.EINVALID {
			return usagef(example, "%s", tokumu.ErrorMessage(err))
		}
		if err != nil {
			return err
		}
		if m.JSON {
			return writeJSON(m.Stdout, res)
		}
		printSearch(termWriter(m.Stdout), res, m.Lang)
		if res.Total == 0 {
			return errFailed
		}
		return nil
	},
}

// dateFlag reads a date flag: the first day it can denote, or with end
// the last (--to 1939 means to the end of 1939).
func dateFlag(name, v string, end bool) (tokumu.Day, error) {
	if v == "" {
		return 0, nil
	}
	w, _, err := tokumu.ParseWhen(v)
	if err != nil {
		return 0, usagef("tokumu search --from 1937 --to 1939-08 Lyushkov", "%s %q is not a date: %v", name, v, err)
	}
	// A date asked about is the one it states: "1938~" asks about 1938.
	w = w.Stated()
	if end {
		return w.Latest, nil
	}
	return w.Earliest, nil
}

func printSearch(w io.Writer, r *search.Results, lang string) {
	tr := i18n.For(lang)
	if r.Total == 0 {
		fmt.Fprintf(w, "%s\n", tr.T("cli.search.none", strconv.Quote(r.Query)))
		return
	}
	fmt.Fprint(w, tr.T("cli.search.found", r.Total, strconv.Quote(r.Query)))
	if len(r.Hits) < r.Total {
		fmt.Fprint(w, tr.T("cli.search.first", len(r.Hits)))
	}
	fmt.Fprintln(w)
	for _, h := range r.Hits {
		switch h.Kind {
		case search.KindEntity:
			if h.Snippet != "" {
				fmt.Fprintf(w, "  %-8s %s [%s] %s\n           %s\n", h.Match, h.Label, h.Entity, typeName(tr, "type.", string(h.Type)), plain(h.Snippet))
				continue
			}
			if h.SameAs != "" {
				fmt.Fprintf(w, "  %-8s %s [%s] %s — possibly the same as %s [%s] (claim %s)\n", "same?", h.Label, h.Entity, h.Type, h.SameAsLabel, h.SameAs, h.Claim)
				continue
			}
			name := ""
			if h.Name != "" && h.Name != h.Label {
				name = " — " + h.Name
			}
			fmt.Fprintf(w, "  %-8s %s [%s] %s%s\n", h.Match, h.Label, h.Entity, typeName(tr, "type.", string(h.Type)), name)
		case search.KindClaim:
			by := ""
			if h.Perspective != "" {
				by = " — " + tr.T("claim.according", h.PerspectiveLabel)
			}
			grade := ""
			if h.Grade != nil {
				grade = " " + h.Grade.String()
			}
			fmt.Fprintf(w, "  %-8s %s [%s] %s %s (%s%s)%s\n           %s\n", h.Match, h.Label, h.Entity, tr.T("claim.kind"), h.Claim, h.Source, grade, by, plain(h.Snippet))
		case search.KindSource:
			fmt.Fprintf(w, "  %-8s %s [%s]\n           %s\n", h.Match, tr.T("source.kind"), h.Source, plain(h.Snippet))
		}
	}
}

// plain turns a snippet's HTML into terminal text, matches between asterisks.
func plain(s string) string {
	s = strings.NewReplacer("<mark>", "*", "</mark>", "*").Replace(s)
	return html.UnescapeString(s)
}
