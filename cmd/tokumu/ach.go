package main

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/ach"
	"github.com/tokumu/tokumu/web/i18n"
)

// achOptions are ach's own flags, one set per run (opts), bound again
// by flagsAfter for flags after the id, each keeping what the first
// parse gave.
type achOptions struct{ csv bool }

func achFlags(fs *flag.FlagSet, m *Main) {
	o := opts[achOptions](m)
	fs.BoolVar(&o.csv, "csv", o.csv, "write the matrix ID as CSV")
}

var cmdACH = &command{
	name: "ach",
	args: "[ID]",
	summary: `Analysis of competing hypotheses (Heuer): list the matrices, or show one.

A matrix is the set of hypotheses about one event or document (ID): each
row an evidence claim with its grade and weight (reliability × credibility,
B2 = 0.64), each cell a rating claim (CC, C, N, I, II, NA) with its
perspective and source. Hypotheses are ranked by Heuer's weighted
inconsistency score (I counts 1, II counts 2, times the row's weight; least
inconsistent first), then again without the rows whose source is C or
worse, and without each single row (the rows the conclusion rests on are
marked). Diagnosticity is the spread of a row's ratings times its weight.
--csv writes one matrix as CSV.`,
	flags: achFlags,
	run: func(ctx context.Context, m *Main, args []string) error {
		args, err := m.flagsAfter("ach", args, 1, achFlags)
		if err != nil {
			return usagef("tokumu ach lyushkov-defection-1938 --csv", "%v", err)
		}
		achCSV := opts[achOptions](m).csv
		if len(args) > 1 || (achCSV && len(args) != 1) {
			return usagef("tokumu ach lyushkov-defection-1938 --csv", "ach takes at most one matrix id (the event or document the hypotheses are about); --csv needs one")
		}
		c, claims, err := m.loadAnalysis(ctx)
		if err != nil {
			return err
		}
		ms := ach.Build(ach.Input{Vocab: c.Vocab, Entities: c.Entities, Claims: claims})
		if len(args) == 1 {
			var found *ach.Matrix
			var ids []string
			for _, mx := range ms {
				ids = append(ids, mx.ID)
				if mx.ID == args[0] {
					found = mx
				}
			}
			if found == nil {
				return tokumu.Errorf(tokumu.ENOTFOUND, "no matrix of hypotheses about %q (matrices: %s)", args[0], strings.Join(ids, ", "))
			}
			ms = []*ach.Matrix{found}
		}
		if achCSV {
			return ms[0].WriteCSV(m.Stdout, func(id string) string { return c.Label(id, m.Lang) })
		}
		if m.JSON {
			return writeJSON(m.Stdout, ms)
		}
		tr := i18n.For(m.Lang)
		for _, mx := range ms {
			fmt.Fprintf(m.Stdout, "%s [%s] — %s\n", c.Label(mx.ID, m.Lang), mx.ID, list(tr, tr.T("cli.ach.hypotheses", len(mx.Hypotheses)), tr.T("cli.ach.rows", len(mx.Rows)), tr.T("cli.ach.by", c.Label(mx.By, m.Lang))))
			col := map[string]int{} // hypothesis → its place in Hypotheses
			for i, h := range mx.Hypotheses {
				col[h] = i
			}
			for i, id := range mx.Ranking.Order {
				s := mx.Ranking.Scores[col[id]]
				by := ""
				if a := mx.HypothesisBy[col[id]]; a != mx.By {
					by = tr.T("cli.ach.ratedby", c.Label(a, m.Lang))
				}
				fmt.Fprintf(m.Stdout, "  %d. %s %s%s\n", i+1, pad(c.Label(id, m.Lang), 60), tr.T("cli.ach.score", tr.Format("%.2f", s.Inconsistency), tr.Num(s.Count)), by)
			}
			fmt.Fprintln(m.Stdout, "  "+tr.T("cli.ach.weak", mx.Weak, labels(c.Label, mx.WithoutWeak, m.Lang)))
			var rests []string
			for _, d := range mx.Drops {
				if d.TopChanged {
					rests = append(rests, d.Evidence)
				}
			}
			if len(rests) > 0 {
				fmt.Fprintln(m.Stdout, "  "+tr.T("cli.ach.changes", strings.Join(rests, ", ")))
			} else {
				fmt.Fprintln(m.Stdout, "  "+tr.T("cli.ach.stable"))
			}
			if len(args) == 1 {
				// The columns in the ranking's order, headed by its numbers.
				fmt.Fprintln(m.Stdout)
				// A rating as the language writes it (CC in English, ++ in
				// Russian and Japanese), every cell as wide as the widest.
				sym := func(r string) string {
					if r == "" {
						return tr.T("ach.sym.none")
					}
					if k := "ach.sym." + r; i18n.Has(k) {
						return tr.T(k)
					}
					return r
				}
				cw := 2
				for _, r := range []string{"CC", "C", "N", "NA", "I", "II", ""} {
					cw = max(cw, cellWidth(sym(r)))
				}
				head := make([]string, len(mx.Ranking.Order))
				for i := range head {
					head[i] = pad(fmt.Sprint(i+1), cw)
				}
				fmt.Fprintf(m.Stdout, "  %s  %s\n", strings.Join(head, " "), tr.T("cli.ach.head"))
				label := func(id string) string { return c.Label(id, m.Lang) }
				for _, r := range mx.Rows {
					cells := make([]string, len(mx.Ranking.Order))
					for i, id := range mx.Ranking.Order {
						cells[i] = pad(sym(string(r.Cells[col[id]].Rating)), cw)
					}
					fmt.Fprintf(m.Stdout, "  %s  w %s  d %s  %s %s  %s\n", strings.Join(cells, " "), tr.Format("%.2f", r.Weight), tr.Format("%.2f", r.Diagnosticity), r.Evidence.Grade, r.Evidence.ID, trim(ach.EvidenceText(r.Evidence, label), 70))
				}
			}
			for _, p := range mx.Problems {
				fmt.Fprintln(m.Stdout, "  "+tr.T("cli.ach.problem", p))
			}
		}
		return nil
	},
}

// labels writes a ranking, least inconsistent first: "<" between
// hypotheses that score apart, "=" between tied ones.
func labels(label func(id, lang string) string, r ach.Ranking, lang string) string {
	var b strings.Builder
	for i, id := range r.Order {
		if i > 0 {
			if r.Tied[i] {
				b.WriteString(" = ")
			} else {
				b.WriteString(" < ")
			}
		}
		b.WriteString(label(id, lang))
	}
	return b.String()
}

func trim(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
