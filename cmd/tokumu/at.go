package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/view"
	"github.com/tokumu/tokumu/web"
	"github.com/tokumu/tokumu/web/i18n"
)

// atOptions are at's own flags.
type atOptions struct {
	limit int
}

var cmdAt = &command{
	name: "at",
	args: "DATE [ID]",
	summary: `Show the relations that held on a date, for one entity or for all.

DATE is a day (1939-06-01) or anything 'when' accepts (昭和14年6月1日,
"1 June 1939", "1 июня 1939 г."); a year or month means its first day.
For an entity, tokumu also says whether it existed then and, if it had
been dissolved, what it became and what held for its successor.
Relations marked * certainly held; the others possibly did (their dates
are uncertain or coarser than a day).`,
	flags: func(fs *flag.FlagSet, m *Main) {
		fs.IntVar(&opts[atOptions](m).limit, "limit", 200, "at most this many relations (0 for all)")
	},
	run: func(ctx context.Context, m *Main, args []string) error {
		if len(args) < 1 || len(args) > 2 {
			return usagef("tokumu at 1939-06-01 harbin-tokumu-kikan", "at needs a date and optionally an entity id")
		}
		d, err := parseDay(args[0])
		if err != nil {
			return err
		}
		id := ""
		if len(args) == 2 {
			id = args[1]
		}
		db, err := m.openStore(ctx)
		if err != nil {
			return err
		}
		defer db.Close()
		v, err := view.LoadAtView(ctx, db, d, id, opts[atOptions](m).limit)
		if tokumu.ErrorCode(err) == tokumu.ENOTFOUND {
			return notFound(ctx, db, id)
		}
		if err != nil {
			return err
		}
		if m.JSON {
			return writeJSON(m.Stdout, v.Page())
		}
		printAt(termWriter(m.Stdout), v, m.Lang)
		if len(v.Claims) == 0 && len(v.SuccessorClaims) == 0 && v.Status == "" {
			return errFailed
		}
		return nil
	},
}

// parseDay reads a date argument as the first day it states ("1938~"
// asks about 1 January 1938, not the 1937 its approximation reaches).
func parseDay(s string) (tokumu.Day, error) {
	w, _, err := tokumu.ParseWhen(s)
	if err != nil {
		return 0, usagef("tokumu at 1939-06-01", "bad date %q: %v", s, err)
	}
	w = w.Stated()
	if w.Earliest <= tokumu.MinDay {
		return 0, usagef("tokumu at 1939-06-01", "date %q has no start", s)
	}
	return w.Earliest, nil
}

func printAt(w io.Writer, v *view.AtView, lang string) {
	tr := i18n.For(lang)
	if v.Entity != nil {
		// The Russia Section on 1 June 1935 "(then the Russia Group …)".
		name := v.Entity.Label(lang)
		name += web.ThenText(tr, v.Entity, name, v.Date, lang)
		fmt.Fprintf(w, "%s\n", tr.T("cli.at.entity", name, v.Entity.ID, dayText(v.Date, lang)))
		if v.Status != "" {
			fmt.Fprintf(w, "  %s", tr.T("cli.at.status", typeName(tr, "cli.status.", v.Status)))
			var why []string
			for _, c := range v.StatusBy {
				p := c.Predicate
				if pr := v.Predicates[c.Predicate]; pr != nil {
					p = pr.LabelIn(lang)
				}
				why = append(why, fmt.Sprintf("%s [%s]", tr.T("pred.when", p, c.When.Human(lang)), cite(c, v.Refs)))
			}
			if len(why) > 0 {
				fmt.Fprintf(w, " (%s)", strings.Join(why, "; "))
			}
			fmt.Fprintln(w)
		}
		for _, c := range v.Successor {
			fmt.Fprintf(w, "  %s [%s] %s [%s] %s\n", tr.T("cli.at.became", v.Label(c.Object, lang)), c.Object, c.When.Human(lang), cite(c, v.Refs), c.Grade)
		}
	} else {
		fmt.Fprintf(w, "%s\n", tr.T("cli.at.relations", dayText(v.Date, lang)))
	}
	printRelations(w, v, v.Claims, lang)
	if len(v.SuccessorClaims) > 0 {
		fmt.Fprintf(w, "  %s\n", tr.T("cli.at.successor", dayText(v.Date, lang)))
		printRelations(w, v, v.SuccessorClaims, lang)
	}
	if len(v.Claims) == 0 && len(v.SuccessorClaims) == 0 {
		fmt.Fprintf(w, "  %s\n", tr.T("cli.at.none"))
	}
}

func printRelations(w io.Writer, v *view.AtView, cs []*tokumu.Claim, lang string) {
	tr := i18n.For(lang)
	for _, c := range cs {
		mark := " "
		if v.Certain[c.ID] {
			mark = "*"
		}
		p := c.Predicate
		if pr := v.Predicates[c.Predicate]; pr != nil {
			p = pr.LabelIn(lang)
		}
		fmt.Fprintf(w, "  %s %s — %s — %s  (%s) [%s] %s\n", mark, v.Label(c.Subject, lang), p, v.Label(c.Object, lang),
			c.When.Human(lang), cite(c, v.Refs), c.Grade)
		if b, ok := v.Bounds[c.ID]; ok {
			if b.StartBy != nil {
				fmt.Fprintf(w, "      %s (%s: %s, %s)\n", tr.T("cli.at.began", dayText(b.Start, lang)), typeName(tr, "bound.", b.StartWhy), b.StartBy.ID, cite(b.StartBy, v.Refs))
			}
			if b.EndBy != nil {
				fmt.Fprintf(w, "      %s (%s: %s, %s)\n", tr.T("cli.at.ended", dayText(b.End, lang)), typeName(tr, "bound.", b.EndWhy), b.EndBy.ID, cite(b.EndBy, v.Refs))
			}
		}
	}
}

// dayText writes a day in the language ("22 March 1949", "1949年3月22日"):
// a bound other evidence sets is a day, not a claim's EDTF date.
func dayText(d tokumu.Day, lang string) string {
	w, _, err := tokumu.ParseWhen(d.String())
	if err != nil {
		return d.String()
	}
	return w.Human(lang)
}
