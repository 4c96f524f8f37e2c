package main

import (
	"context"
	"flag"
	"fmt"
	"strconv"
	"strings"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/ledger"
	"github.com/tokumu/tokumu/view"
	"github.com/tokumu/tokumu/web/i18n"
)

// ledgerOptions are ledger's own flags, one set per run (opts), bound
// again by flagsAfter for flags after the operation's id.
type ledgerOptions struct {
	horizon, tolerance int
	set                bool // the defaults are in place
}

func ledgerFlags(fs *flag.FlagSet, m *Main) {
	o := opts[ledgerOptions](m)
	if !o.set {
		o.horizon, o.tolerance, o.set = ledger.DefaultHorizon, ledger.DefaultTolerance, true
	}
	fs.IntVar(&o.horizon, "horizon", o.horizon, "days after a plant ends within which later estimates are listed")
	fs.IntVar(&o.tolerance, "tolerance", o.tolerance, "days before an estimate's dates an actual count may lie and still be compared (never after)")
}

var cmdLedger = &command{
	name: "ledger",
	args: "[ID]",
	summary: `The deception ledger: what each operation planted, who received it, and
which of the receiver's estimates came after and how far they moved.

For each operation or event that planted claims (planted_by), every planted
claim with its receiver (by), its date and its source; then the receiver's
estimates of the same subject made from the plant's start to --horizon days
after its end — by the receiver or an organ linked to it in the
organization chart — each with the organ's previous estimate, the change,
and the historiography's count for the same date (within --tolerance days)
as a ratio. "sequence" marks an estimate listed only because it is the
receiver's, of the same subject and later: the ledger's inference, not a
historian's finding that the plant caused it; "cited" marks one a claim
links to the plant. "said" lines are what the receiver's organs went on to
say of the same subject in the same window (descriptions not themselves
planted), listed by sequence alike. A summary by period of the thesis
follows. With an operation's ID, that operation alone, without the
summary.`,
	flags: ledgerFlags,
	run: func(ctx context.Context, m *Main, args []string) error {
		args, err := m.flagsAfter("ledger", args, 1, ledgerFlags)
		if err != nil {
			return usagef("tokumu ledger maki-mirage --horizon 730", "%v", err)
		}
		if len(args) > 1 {
			return usagef("tokumu ledger maki-mirage", "ledger takes at most one operation id")
		}
		o := opts[ledgerOptions](m)
		if o.horizon < 0 || o.tolerance < 0 {
			return usagef("tokumu ledger --horizon 730 --tolerance 31", "--horizon and --tolerance must be ≥ 0 days")
		}
		c, claims, err := m.loadAnalysis(ctx)
		if err != nil {
			return err
		}
		l := ledger.Build(c, claims, o.horizon, o.tolerance)
		if len(args) == 1 {
			if l, err = l.Only(args[0]); err != nil {
				return err
			}
		}
		if m.JSON {
			return writeJSON(m.Stdout, l)
		}
		tr := i18n.For(m.Lang)
		for _, op := range l.Operations {
			fmt.Fprintf(m.Stdout, "%s [%s] — %s%s%s\n", c.Label(op.ID, m.Lang), op.ID, list(tr, tr.T("cli.ledger.plants", len(op.Plants)),
				tr.T("cli.ledger.estimates", op.Estimates), tr.T("cli.ledger.moved", op.Moved)), upDown(tr, op.Moved, op.MovedUp, op.MovedAcross), maybeText(tr, op.MaybeMoved))
			for _, p := range op.Parties {
				label := p.Predicate
				if pr := c.Vocab.Pred(p.Predicate); pr != nil {
					label = pr.LabelIn(m.Lang)
				}
				obj := c.Label(p.Object, m.Lang)
				if w := p.NamedAs.Object; w != "" {
					obj += " (" + namedText(tr, w, p.NamedAs.Words) + ")"
				}
				fmt.Fprintf(m.Stdout, "  %s: %s — %s %s\n", label, obj, srcText(c, p), p.Grade)
			}
			for _, pl := range op.Plants {
				recv := withThen(tr, c.Entities[pl.Receiver], c.Label(pl.Receiver, m.Lang), pl.Claim.When, m.Lang)
				if w := pl.Claim.NamedAs.Perspective; w != "" && pl.Receiver == pl.Claim.Perspective {
					recv += " (" + namedText(tr, w, pl.Claim.NamedAs.Words) + ")"
				}
				fmt.Fprintln(m.Stdout, "  "+tr.T("cli.ledger.planted", whenText(tr, pl.Claim.When), strconv.Quote(pl.Claim.Value), recv, srcText(c, pl.Claim), pl.Claim.Grade.String()))
				if pl.RepeatsAbove {
					fmt.Fprintln(m.Stdout, "    "+tr.T("cli.ledger.repeats"))
					continue
				}
				for _, mv := range pl.After {
					fmt.Fprintf(m.Stdout, "    %s\n", movementLine(c, mv, m.Lang))
				}
				if len(pl.After) == 0 {
					if len(pl.Organs) == 1 {
						fmt.Fprintln(m.Stdout, "    "+tr.T("cli.ledger.none.alone"))
					} else {
						fmt.Fprintln(m.Stdout, "    "+tr.T("cli.ledger.none"))
					}
				}
				for _, st := range pl.Statements {
					fmt.Fprintln(m.Stdout, "    "+tr.T("cli.ledger.said", whenText(tr, st.When), strconv.Quote(st.Value), byText(c, st, m.Lang), srcText(c, st), st.Grade.String(), typeName(tr, "ledger.basis.", "sequence")))
				}
			}
		}
		if len(args) == 1 {
			return nil
		}
		fmt.Fprintln(m.Stdout, "\n"+tr.T("cli.ledger.byperiod"))
		for _, p := range l.Periods {
			fmt.Fprintf(m.Stdout, "  %-10s %s%s%s%s%s\n", p.Period, list(tr, tr.T("cli.ledger.operations", len(p.Operations)), tr.T("cli.ledger.plants", p.Plants),
				tr.T("cli.ledger.estimates", p.Estimates), tr.T("cli.ledger.moved", p.Moved)), upDown(tr, p.Moved, p.MovedUp, p.MovedAcross), maybeText(tr, p.MaybeMoved), tr.T("list.sep"), tr.T("cli.ledger.median", p.MedianBound.Mark(ratioText(tr, p.MedianRatio))))
		}
		plants := 0
		for _, op := range l.Operations {
			plants += len(op.Plants)
		}
		fmt.Fprintln(m.Stdout, "  "+tr.T("cli.ledger.footnote", plants, len(l.Operations)))
		return nil
	},
}

// srcText names a claim's source as show does: its key, then author and
// year where the bibliography has them ("zor23: Зорихин", "yak: Яковкин
// 2014"), so that a reader knows the work and can still ask `tokumu
// sources KEY`.
func srcText(c *view.Corpus, cl *tokumu.Claim) string {
	return cite(cl, view.Refs{Sources: c.Sources})
}

// byText names whose belief a claim records, with the source's own words
// where the organ is the editors' identification (named_as.by).
func byText(c *view.Corpus, cl *tokumu.Claim, lang string) string {
	s := withThen(i18n.For(lang), c.Entities[cl.Perspective], c.Label(cl.Perspective, lang), cl.When, lang)
	if w := cl.NamedAs.Perspective; w != "" {
		s += " (" + namedText(i18n.For(lang), w, cl.NamedAs.Words) + ")"
	}
	return s
}

// namedText says a named_as phrase: as the source's words in quotation
// marks, or, for the editors' account of them (words: editors), as theirs.
func namedText(tr *i18n.Printer, words, whose string) string {
	if whose == tokumu.WordsEditors {
		return tr.T("claim.named.editors", words)
	}
	return tr.T("claim.named", words)
}

func movementLine(c *view.Corpus, mv ledger.Movement, lang string) string {
	tr := i18n.For(lang)
	e := mv.Estimate
	s := fmt.Sprintf("%s %s %s (%s; %s %s) [%s]", whenText(tr, e.When), figureText(tr, pointValue(tr, e), int64(e.High), e.Claims[0].Unit), c.Label(e.Claims[0].Subject, lang),
		byText(c, e.Claims[0], lang), srcText(c, e.Claims[0]), e.Claims[0].Grade, typeName(tr, "ledger.basis.", mv.Basis))
	if mv.Previous != nil {
		s += tr.T("cli.ledger.previously", pointValue(tr, mv.Previous), whenText(tr, mv.Previous.When),
			mv.ChangeBound.Mark(signedText(tr, mv.Change)), mv.ChangeBound.Mark(ratioText(tr, mv.Factor)))
		if !mv.Moved {
			s += tr.T("cli.ledger.perhapsnone") // the two figures may be the same number
		}
		switch {
		case mv.Across:
			s += tr.T("cli.ledger.across")
		case mv.BothAfter:
			s += tr.T("cli.ledger.bothafter") // drift after it, not its effect
		default:
			s += tr.T("cli.ledger.notacross")
		}
	}
	if mv.Overlaps {
		s += tr.T("cli.ledger.overlaps")
	}
	if mv.Actual != nil {
		a := mv.Actual
		s += tr.T("cli.ledger.count", pointValue(tr, a.Actual), whenText(tr, a.Actual.When), srcText(c, a.Actual.Claims[0]), a.Bound.Mark(ratioText(tr, a.Ratio)),
			tr.Format("%.2f", a.Low), tr.Format("%.2f", a.High))
	}
	return s
}

// figureText is a figure with its unit: as the corpus writes it in
// English, in the language's words where the catalogue has the unit
// (qty.<unit>: 1700–2000機, 1700–2000 самолётов).
func figureText(tr *i18n.Printer, fig string, count int64, unit string) string {
	if unit == "" {
		return fig
	}
	if k := "qty." + i18n.VocabKey(unit); tr.Lang() != "en" && i18n.Has(k) {
		return tr.T(k, count, fig)
	}
	return fig + " " + unit
}

// pointValue writes a figure or a range after its bound, grouped as the
// language writes numbers: "≥1,400,000", "1,700–2,000", «1 300 000».
func pointValue(tr *i18n.Printer, p *ledger.Point) string {
	if p.Low == p.High {
		return string(p.Bound) + tr.Num(p.Low)
	}
	return string(p.Bound) + tr.Num(p.Low) + "–" + tr.Num(p.High)
}

// ratioText writes a ratio or factor to two places, with the language's
// decimal mark: "×1.10", «×1,10»; "—" for none.
func ratioText(tr *i18n.Printer, r float64) string {
	if r == 0 {
		return "—"
	}
	return "×" + tr.Format("%.2f", r)
}

// signedText writes a change with its sign, grouped: "+800", «−1 200».
func signedText(tr *i18n.Printer, x float64) string {
	switch {
	case x > 0:
		return "+" + tr.Num(x)
	case x < 0:
		return "−" + tr.Num(-x)
	}
	return "0"
}

// whenText writes a claim's date in words, as show does ("July 1931",
// «июль 1931 г.», 「1931年7月」), not as its EDTF.
func whenText(tr *i18n.Printer, w tokumu.When) string {
	if w.IsZero() {
		return tr.T("when.undated")
	}
	return w.Human(tr.Lang())
}

// loadAnalysis reads the corpus read model and every claim, which the
// analyses take as input.
func (m *Main) loadAnalysis(ctx context.Context) (*view.Corpus, []*tokumu.Claim, error) {
	db, err := m.openStore(ctx)
	if err != nil {
		return nil, nil, err
	}
	defer db.Close()
	c, _, err := view.LoadCorpusStored(ctx, db) // decoded if import stored it
	if err != nil {
		return nil, nil, err
	}
	claims, err := db.Claims(ctx, tokumu.ClaimFilter{})
	if err != nil {
		return nil, nil, err
	}
	return c, claims, nil
}

// list joins phrases as the language lists them (", " · "、").
func list(tr *i18n.Printer, items ...string) string {
	return strings.Join(items, tr.T("list.sep"))
}

// upDown says which way the certain changes went: " (1 up, 1 down)", or
// nothing when there were none. A plant of inflated figures is followed
// by rises; a fall is no success of it.
func upDown(tr *i18n.Printer, moved, up, across int) string {
	if moved == 0 {
		return ""
	}
	return " " + tr.T("cli.ledger.updown", up, moved-up, across)
}

// maybeText says how many later estimates possibly changed (a previous
// estimate exists, but the two figures may be one number), or nothing.
func maybeText(tr *i18n.Printer, n int) string {
	if n == 0 {
		return ""
	}
	return tr.T("cli.ledger.maybe", n)
}
