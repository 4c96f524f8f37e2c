package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/view"
	"github.com/tokumu/tokumu/web/i18n"
)

var cmdDisagreements = &command{
	name: "disagreements",
	args: "[ID]",
	summary: `List where sources disagree, each claim with its citation.

Two claims disagree when they say different things of the same subject and
predicate — two birth dates, two tenures of one post, two figures for the
same force in the same year from the same perspective — and come from
different sources. An estimate and the actual figure are not a
disagreement: they differ in perspective, which is the point.`,
	run: func(ctx context.Context, m *Main, args []string) error {
		if len(args) > 1 {
			return usagef("tokumu disagreements [harbin-tokumu-kikan]", "disagreements takes at most one entity id")
		}
		db, err := m.openStore(ctx)
		if err != nil {
			return err
		}
		defer db.Close()
		f := tokumu.ClaimFilter{}
		if len(args) == 1 {
			if _, err := db.Entity(ctx, args[0]); err != nil {
				return notFound(ctx, db, args[0])
			}
			f.Subject = args[0]
		}
		claims, err := db.Claims(ctx, f)
		if err != nil {
			return err
		}
		preds, err := db.Predicates(ctx)
		if err != nil {
			return err
		}
		vocab, err := tokumu.NewVocab(preds)
		if err != nil {
			return err
		}
		// One subject's claims are bounded by what LoadEvidence reads of
		// the corpus (its postings, its offices' holders), as its page is.
		var ev *view.Evidence
		if f.Subject != "" {
			if ev, err = view.LoadEvidence(ctx, db, vocab, claims); err != nil {
				return err
			}
		}
		ds := view.AllDisagreements(claims, vocab, ev)
		var involved []*tokumu.Claim
		for _, d := range ds {
			involved = append(involved, d.Claims...)
		}
		refs, err := view.LoadRefs(ctx, db, involved)
		if err != nil {
			return err
		}
		if m.JSON {
			return writeJSON(m.Stdout, view.DisagreementsJSON(ds))
		}
		out := termWriter(m.Stdout)
		for _, d := range ds {
			label := d.Predicate
			if p := vocab.Pred(d.Predicate); p != nil {
				label = p.LabelIn(m.Lang)
			}
			if d.Object != "" {
				label = i18n.For(m.Lang).T("pred.with", label, refs.Label(d.Object, m.Lang))
			}
			fmt.Fprintf(out, "%s [%s] — %s — %s\n", refs.Label(d.Subject, m.Lang), d.Subject, label, d.Reason)
			for _, c := range d.Claims {
				fmt.Fprintf(out, "    %s\n", strings.TrimSpace(claimLine(c, refs, d.Subject, m.Lang)))
			}
		}
		fmt.Fprintf(m.Stderr, "%d disagreement(s)\n", len(ds))
		if len(ds) == 0 {
			return errFailed
		}
		return nil
	},
}
