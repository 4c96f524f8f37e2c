package main

import (
	"context"
	"fmt"
	"sort"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/view"
	"github.com/tokumu/tokumu/web"
	"github.com/tokumu/tokumu/web/i18n"
)

var cmdStats = &command{
	name:    "stats",
	summary: `Count what the corpus holds: by entity type, period, source and grade, and the share of claims with a locator.`,
	run: func(ctx context.Context, m *Main, args []string) error {
		if len(args) != 0 {
			return usagef("tokumu stats", "stats takes no arguments")
		}
		db, err := m.openStore(ctx)
		if err != nil {
			return err
		}
		defer db.Close()
		st, err := db.Stats(ctx)
		if err != nil {
			return err
		}
		periods, err := periodCounts(ctx, db)
		if err != nil {
			return err
		}
		srcs, err := db.Sources(ctx)
		if err != nil {
			return err
		}
		bib := view.Bibliography(srcs, st.BySource)
		if m.JSON {
			return writeJSON(m.Stdout, struct {
				*tokumu.Stats
				ByPeriod     []periodCount          `json:"ByPeriod"`
				Bibliography view.BibliographyStats `json:"bibliography"`
			}{st, periods, bib})
		}
		tr := i18n.For(m.Lang)
		var t table
		if rel, err := web.ServedRelease(ctx, db); err == nil && rel != "" {
			// The release a citation names, as the server's footer does:
			// the content hash of the corpus files (Dataset.Hash),
			// shortened, or "+rN" after edits no release holds. Not in
			// --json, whose counts must not change when the same corpus is
			// written out and read back in other bytes.
			t.add(tr.T("cli.stats.release"), rel)
		}
		t.add(tr.T("cli.stats.entities"), tr.Num(st.Entities))
		t.add(tr.T("cli.stats.claims"), tr.Num(st.Claims))
		t.add(tr.T("cli.stats.sources"), tr.Num(st.Sources))
		t.add(tr.T("cli.stats.predicates"), tr.Num(st.Predicates))
		t.add(tr.T("cli.stats.names"), tr.Num(st.Names))
		share := func(x float64) string { return tr.Format("%.1f%%", 100*x) }
		pct := func(n int) string {
			if st.Claims == 0 {
				return share(0)
			}
			return share(float64(n) / float64(st.Claims))
		}
		t.add(tr.T("cli.stats.locator"), tr.Num(st.WithLocator), pct(st.WithLocator))
		t.add(tr.T("cli.stats.dated"), tr.Num(st.Dated), pct(st.Dated))
		t.add(tr.T("cli.stats.perspective"), tr.Num(st.WithPerspective), pct(st.WithPerspective))
		t.add(tr.T("cli.stats.strong"), tr.Num(bib.Strong), pct(bib.Strong))
		t.add(tr.T("cli.stats.wikipedia"), tr.Num(bib.Wikipedia), pct(bib.Wikipedia))
		t.add(tr.T("cli.stats.evidence"), tr.Num(bib.Evidence), pct(bib.Evidence))
		t.add(tr.T("cli.stats.ev.strong"), "", share(bib.EvidenceStrong))
		t.add(tr.T("cli.stats.ev.wikipedia"), "", share(bib.EvidenceWikipedia))
		t.add(tr.T("cli.stats.authored"), tr.T("cli.stats.of", bib.WithAuthor, bib.Sources))
		t.add(tr.T("cli.stats.accessed"), tr.T("cli.stats.of", bib.WithAccessed, bib.WebSources))
		if err := t.write(m.Stdout); err != nil {
			return err
		}
		section := func(head string, rows func(t *table)) error {
			var t table
			rows(&t)
			if _, err := fmt.Fprintf(m.Stdout, "\n%s\n", head); err != nil {
				return err
			}
			return t.write(m.Stdout)
		}
		if err := section(tr.T("cli.stats.bytype"), func(t *table) {
			for _, ty := range tokumu.EntityTypes {
				t.add("  "+typeName(tr, "type.", string(ty)), tr.Num(st.ByType[ty]))
			}
		}); err != nil {
			return err
		}
		if len(periods) > 0 {
			if err := section(tr.T("cli.stats.byperiod"), func(t *table) {
				for _, p := range periods {
					t.add("  "+p.label[m.Lang], p.when.Human(m.Lang), tr.Num(p.Claims))
				}
			}); err != nil {
				return err
			}
		}
		if err := section(tr.T("cli.stats.bygrade"), func(t *table) {
			for _, k := range sortedKeys(st.ByGrade) {
				t.add("  "+k, tr.Num(st.ByGrade[k]))
			}
		}); err != nil {
			return err
		}
		return section(tr.T("cli.stats.bysource"), func(t *table) {
			keys := sortedKeys(st.BySource)
			sort.SliceStable(keys, func(i, j int) bool { return st.BySource[keys[i]] > st.BySource[keys[j]] })
			for _, k := range keys {
				t.add("  "+k, tr.Num(st.BySource[k]))
			}
		})
	},
}

type periodCount struct {
	ID     string `json:"id"`
	Label  string `json:"label"`
	EDTF   string `json:"edtf"`
	Claims int    `json:"claims"`
	// label and when are for the text: the period's name in each
	// language and its span in words; --json keeps the English label
	// and the EDTF.
	label map[string]string
	when  tokumu.When
}

// periodCounts counts the dated claims that overlap each period entity's
// span (its claim of the vocabulary role covers).
func periodCounts(ctx context.Context, s tokumu.Store) ([]periodCount, error) {
	preds, err := s.Predicates(ctx)
	if err != nil {
		return nil, err
	}
	vocab, err := tokumu.NewVocab(preds)
	if err != nil {
		return nil, err
	}
	id := vocab.ID(tokumu.RoleCovers)
	if id == "" {
		return nil, nil
	}
	covers, err := s.Claims(ctx, tokumu.ClaimFilter{Predicate: id})
	if err != nil {
		return nil, err
	}
	var out []periodCount
	for _, c := range covers {
		if c.When.IsZero() {
			continue
		}
		e, err := s.Entity(ctx, c.Subject)
		if err != nil {
			return nil, err
		}
		cs, err := s.Claims(ctx, tokumu.ClaimFilter{From: c.When.Earliest, To: c.When.Latest})
		if err != nil {
			return nil, err
		}
		label := map[string]string{}
		for _, l := range []string{"en", "ja", "ru"} {
			label[l] = e.Label(l)
		}
		out = append(out, periodCount{e.ID, e.Label("en"), c.When.EDTF, len(cs), label, c.When})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].EDTF < out[j].EDTF })
	return out, nil
}

func sortedKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
