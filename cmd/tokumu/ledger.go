package main

import (
	"context"
	"flag"
	"fmt"
	"strconv"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/ledger"
	"github.com/tokumu/tokumu/view"
	"github.com/tokumu/tokumu/web/i18n"
)

var ledgerHorizon, ledgerTolerance int

var cmdLedger = &command{
	name: "ledger",
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
follows.`,
	flags: func(fs *flag.FlagSet, m *Main) {
		fs.IntVar(&ledgerHorizon, "horizon", ledger.DefaultHorizon, "days after a plant ends within which later estimates are listed")
		fs.IntVar(&ledgerTolerance, "tolerance", ledger.DefaultTolerance, "days before an estimate's dates an actual count may lie and still be compared (never after)")
	},
	run: func(ctx context.Context, m *Main, args []string) error {
		if len(args) != 0 {
			return usagef("tokumu ledger --json", "ledger takes no arguments")
		}
		if ledgerHorizon < 0 || ledgerTolerance < 0 {
			return usagef("tokumu ledger --horizon 730 --tolerance 31", "--horizon and --tolerance must be ≥ 0 days")
		}
		c, claims, err := m.loadAnalysis(ctx)
		if err != nil {
			return err
		}
		l := ledger.Build(c, claims, ledgerHorizon, ledgerTolerance)
		if m.JSON {
			return writeJSON(m.Stdout, l)
		}
		for _, op := range l.Operations {
			fmt.Fprintf(m.Stdout, "%s [%s] — %d planted claim(s), %d estimate(s) from the plants on, %d certainly changed%s\n", c.Label(op.ID, m.Lang), op.ID, len(op.Plants), op.Estimates, op.Moved, upDown(op.Moved, op.MovedUp, op.MovedAcross))
			for _, p := range op.Parties {
				label := p.Predicate
				if pr := c.Vocab.Pred(p.Predicate); pr != nil {
					label = pr.LabelIn(m.Lang)
				}
				obj := c.Label(p.Object, m.Lang)
				if w := p.NamedAs.Object; w != "" {
					obj += " (" + namedText(i18n.For(m.Lang), w, p.NamedAs.Words) + ")"
				}
				fmt.Fprintf(m.Stdout, "  %s: %s — %s %s\n", label, obj, p.Source, p.Grade)
			}
			for _, pl := range op.Plants {
				recv := c.Label(pl.Receiver, m.Lang)
				if w := pl.Claim.NamedAs.Perspective; w != "" && pl.Receiver == pl.Claim.Perspective {
					recv += " (" + namedText(i18n.For(m.Lang), w, pl.Claim.NamedAs.Words) + ")"
				}
				fmt.Fprintf(m.Stdout, "  planted %s: %q — received by %s — %s %s\n", whenText(pl.Claim.When), pl.Claim.Value, recv, pl.Claim.Source, pl.Claim.Grade)
				if pl.RepeatsAbove {
					fmt.Fprintln(m.Stdout, "    (the same later estimates and statements as the plant above)")
					continue
				}
				for _, mv := range pl.After {
					fmt.Fprintf(m.Stdout, "    %s\n", movementLine(c, mv, m.Lang))
				}
				if len(pl.After) == 0 {
					if len(pl.Organs) == 1 {
						fmt.Fprintln(m.Stdout, "    (no later estimate of this subject by the receiver; the organization chart links no organ to it)")
					} else {
						fmt.Fprintln(m.Stdout, "    (no later estimate of this subject by the receiver or the organs linked to it)")
					}
				}
				for _, st := range pl.Statements {
					fmt.Fprintf(m.Stdout, "    said %s: %q (%s; %s %s) [sequence]\n", whenText(st.When), st.Value, byText(c, st, m.Lang), st.Source, st.Grade)
				}
			}
		}
		fmt.Fprintln(m.Stdout, "\nBy period:")
		for _, p := range l.Periods {
			fmt.Fprintf(m.Stdout, "  %-10s %d operation(s), %d plant(s), %d estimate(s) from the plants on, %d certainly changed%s, median estimate ÷ count %s\n",
				p.Period, len(p.Operations), p.Plants, p.Estimates, p.Moved, upDown(p.Moved, p.MovedUp, p.MovedAcross), p.MedianBound.Mark(ratioText(p.MedianRatio)))
		}
		plants := 0
		for _, op := range l.Operations {
			plants += len(op.Plants)
		}
		fmt.Fprintf(m.Stdout, "  (a plant whose dates reach two periods is counted in each, so the rows do not add up: %d plants in %d operations)\n", plants, len(l.Operations))
		return nil
	},
}

// byText names whose belief a claim records, with the source's own words
// where the organ is the editors' identification (named_as.by).
func byText(c *view.Corpus, cl *tokumu.Claim, lang string) string {
	s := c.Label(cl.Perspective, lang)
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
	e := mv.Estimate
	s := fmt.Sprintf("%s %s %s %s (%s; %s %s) [%s]", whenText(e.When), pointValue(e), e.Claims[0].Unit, c.Label(e.Claims[0].Subject, lang),
		byText(c, e.Claims[0], lang), e.Claims[0].Source, e.Claims[0].Grade, mv.Basis)
	if mv.Previous != nil {
		s += fmt.Sprintf("; previously %s (%s), change %s (%s)", pointValue(mv.Previous), whenText(mv.Previous.When),
			mv.ChangeBound.Mark(fmt.Sprintf("%+g", mv.Change)), mv.ChangeBound.Mark(fmt.Sprintf("×%.2f", mv.Factor)))
		if !mv.Moved {
			s += ", perhaps none" // the two figures may be the same number
		}
		switch {
		case mv.Across:
			s += ", across the plant"
		case mv.BothAfter:
			s += ", both after the plant" // drift after it, not its effect
		default:
			s += ", not certainly across the plant"
		}
	}
	if mv.Overlaps {
		s += "; possibly made before the plant or while it ran"
	}
	if mv.Actual != nil {
		a := mv.Actual
		s += fmt.Sprintf("; count %s (%s, %s): %s [%.2f–%.2f]", pointValue(a.Actual), whenText(a.Actual.When), a.Actual.Claims[0].Source, a.Bound.Mark(fmt.Sprintf("×%.2f", a.Ratio)), a.Low, a.High)
	}
	return s
}

// pointValue writes a figure or a range after its bound: "≥1400000",
// "1700–2000".
func pointValue(p *ledger.Point) string {
	if p.Low == p.High {
		return string(p.Bound) + strconv.FormatFloat(p.Low, 'f', -1, 64)
	}
	return string(p.Bound) + strconv.FormatFloat(p.Low, 'f', -1, 64) + "–" + strconv.FormatFloat(p.High, 'f', -1, 64)
}

func ratioText(r float64) string {
	if r == 0 {
		return "—"
	}
	return fmt.Sprintf("×%.2f", r)
}

func whenText(w tokumu.When) string {
	if w.IsZero() {
		return "undated"
	}
	return w.EDTF
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

// upDown says which way the certain changes went: " (1 up, 1 down)", or
// nothing when there were none. A plant of inflated figures is followed
// by rises; a fall is no success of it.
func upDown(moved, up, across int) string {
	if moved == 0 {
		return ""
	}
	return fmt.Sprintf(" (%d up, %d down; %d across a plant, the rest after it)", up, moved-up, across)
}
