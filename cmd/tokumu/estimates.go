package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/ledger"
	"github.com/tokumu/tokumu/web/i18n"
)

var estFlags struct {
	tolerance      int
	strong         bool
	by, subject    string
	unit, from, to string
}

var cmdEstimates = &command{
	name: "estimates",
	summary: `Belief against reality: each organ's estimates beside the historiography's counts.

For every quantity (subject, predicate, unit) each perspective's series
and the historiography's; each estimate paired with the counts whose date
lies within the estimate's own date bounds or --tolerance days before
them, never after (a "1941" estimate meets any 1941 count, a "1941-07"
one only counts of June and July with the default of 31 days). The ratio estimate ÷ count is
given for the nearest count, with the range every count in the window and
both ends of any range allow. Then each organ's error over time.`,
	flags: func(fs *flag.FlagSet, m *Main) {
		fs.IntVar(&estFlags.tolerance, "tolerance", ledger.DefaultTolerance, "days before an estimate's dates a count may lie and still be compared (never after)")
		fs.StringVar(&estFlags.by, "by", "", "only this organ's or person's estimates (entity id)")
		fs.StringVar(&estFlags.subject, "subject", "", "only this subject (entity id)")
		fs.StringVar(&estFlags.unit, "unit", "", "only this unit: men, divisions, tanks, aircraft …")
		fs.StringVar(&estFlags.from, "from", "", "only estimates possibly after this date (e.g. 1931)")
		fs.StringVar(&estFlags.to, "to", "", "only estimates possibly before this date (e.g. 1939-12)")
		fs.BoolVar(&estFlags.strong, "strong-counts", false, "leave out the counts that rest only on sources graded D or worse: estimates pair with the next count in their window, or none")
	},
	run: func(ctx context.Context, m *Main, args []string) error {
		if len(args) != 0 {
			return usagef("tokumu estimates --by ija-gs-2nd-bureau", "estimates takes no arguments; filter with --by, --subject, --unit, --from, --to")
		}
		if estFlags.tolerance < 0 {
			return usagef("tokumu estimates --tolerance 31", "--tolerance must be ≥ 0 days")
		}
		f := ledger.Filter{Perspective: estFlags.by, Subject: estFlags.subject, Unit: estFlags.unit, StrongCounts: estFlags.strong}
		for _, d := range []struct {
			name, v string
			to      *tokumu.Day
			latest  bool
		}{{"--from", estFlags.from, &f.From, false}, {"--to", estFlags.to, &f.To, true}} {
			if d.v == "" {
				continue
			}
			w, _, err := tokumu.ParseWhen(d.v)
			if err != nil {
				return usagef("tokumu estimates --from 1931 --to 1939-12", "%s %q is not a date: %v", d.name, d.v, err)
			}
			w = w.Stated() // "1938~" asks about 1938
			*d.to = w.Earliest
			if d.latest {
				*d.to = w.Latest
			}
		}
		c, _, err := m.loadAnalysis(ctx)
		if err != nil {
			return err
		}
		b := ledger.BuildBeliefs(c.Numbers, f, estFlags.tolerance)
		if m.JSON {
			return writeJSON(m.Stdout, b)
		}
		tr := i18n.For(m.Lang)
		fmt.Fprintln(m.Stdout, tr.T("cli.est.pairs", b.Tolerance))
		if b.StrongCounts {
			fmt.Fprintln(m.Stdout, tr.T("estimates.strong.note", b.LeftOut))
		}
		for _, q := range b.Quantities {
			if len(q.Pairs) == 0 && len(q.Unpaired) == 0 {
				continue
			}
			pred := q.Predicate
			if pr := c.Vocab.Pred(q.Predicate); pr != nil {
				pred = pr.LabelIn(m.Lang)
			}
			unit := q.Unit
			if k := "unit." + i18n.VocabKey(q.Unit); m.Lang != "en" && i18n.Has(k) {
				unit = tr.T(k)
			}
			fmt.Fprintf(m.Stdout, "\n%s — %s\n", c.Label(q.Subject, m.Lang), list(tr, pred, unit))
			for _, p := range q.Pairs {
				e := p.Estimate
				// The count's grade beside its source: a D4 web page's count
				// is not the historiography's.
				fmt.Fprintf(m.Stdout, "  %s %s %s ÷ %s (%s, %s %s) = %s [%s–%s]\n", pad(whenText(tr, e.When), 16), pad(pointValue(tr, e), 12), pad(tr.T("cli.est.by", byText(c, e.Claims[0], m.Lang)), 31),
					pad(pointValue(tr, p.Actual), 12), whenText(tr, p.Actual.When), srcText(c, p.Actual.Claims[0]), p.Actual.Claims[0].Grade, p.Bound.Mark(ratioText(tr, p.Ratio)), tr.Format("%.2f", p.Low), tr.Format("%.2f", p.High))
				if p.Weak {
					fmt.Fprintf(m.Stdout, "  %s(%s)\n", pad("", 16+1+12+1+31+1), tr.T("estimates.weak"))
				}
			}
			for _, e := range q.Unpaired {
				fmt.Fprintf(m.Stdout, "  %s %s %s %s\n", pad(whenText(tr, e.When), 16), pad(pointValue(tr, e), 12), pad(tr.T("cli.est.by", byText(c, e.Claims[0], m.Lang)), 31), tr.T("cli.est.nocount"))
			}
		}
		fmt.Fprintln(m.Stdout, "\n"+tr.T("cli.est.organs"))
		if len(b.Organs) == 0 {
			fmt.Fprintln(m.Stdout, "  "+tr.T("estimates.nopairs"))
		}
		for _, o := range b.Organs {
			fmt.Fprintf(m.Stdout, "  %s %s%s%s\n", pad(c.Label(o.Perspective, m.Lang), 40), tr.T("cli.est.npairs", len(o.Pairs))+weakText(tr, o.Weak), tr.T("list.sep"), tr.T("cli.est.organ", o.MedianBound.Mark(ratioText(tr, o.Median)), o.Over, o.Under))
		}
		return nil
	},
}

// weakText says how many of an organ's pairs rest on a weak count (a
// source graded D or worse), or nothing.
func weakText(tr *i18n.Printer, n int) string {
	if n == 0 {
		return ""
	}
	return " " + tr.T("estimates.organ.weak", n)
}
