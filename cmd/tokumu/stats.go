package main

import (
	"context"
	"fmt"
	"sort"
	"text/tabwriter"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/view"
	"github.com/tokumu/tokumu/web"
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
		w := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
		if rel, err := web.ServedRelease(ctx, db); err == nil && rel != "" {
			// The release a citation names, as the server's footer does:
			// the content hash of the corpus files (Dataset.Hash),
			// shortened, or "+rN" after edits no release holds. Not in
			// --json, whose counts must not change when the same corpus is
			// written out and read back in other bytes.
			fmt.Fprintf(w, "release\t%s\n", rel)
		}
		fmt.Fprintf(w, "entities\t%d\n", st.Entities)
		fmt.Fprintf(w, "claims\t%d\n", st.Claims)
		fmt.Fprintf(w, "sources\t%d\n", st.Sources)
		fmt.Fprintf(w, "predicates\t%d\n", st.Predicates)
		fmt.Fprintf(w, "names\t%d\n", st.Names)
		pct := func(n int) string {
			if st.Claims == 0 {
				return "0%"
			}
			return fmt.Sprintf("%.1f%%", 100*float64(n)/float64(st.Claims))
		}
		fmt.Fprintf(w, "claims with a locator\t%d\t%s\n", st.WithLocator, pct(st.WithLocator))
		fmt.Fprintf(w, "claims with a date\t%d\t%s\n", st.Dated, pct(st.Dated))
		fmt.Fprintf(w, "claims with a perspective\t%d\t%s\n", st.WithPerspective, pct(st.WithPerspective))
		fmt.Fprintf(w, "claims on scholarly, official or memoir sources\t%d\t%s\n", bib.Strong, pct(bib.Strong))
		fmt.Fprintf(w, "claims on Wikipedia\t%d\t%s\n", bib.Wikipedia, pct(bib.Wikipedia))
		fmt.Fprintf(w, "claims of evidence (not the editors' analysis)\t%d\t%s\n", bib.Evidence, pct(bib.Evidence))
		fmt.Fprintf(w, "  of which on scholarly, official or memoir sources\t\t%.1f%%\n", 100*bib.EvidenceStrong)
		fmt.Fprintf(w, "  of which on Wikipedia\t\t%.1f%%\n", 100*bib.EvidenceWikipedia)
		fmt.Fprintf(w, "sources with an author or issuing body\t%d of %d\n", bib.WithAuthor, bib.Sources)
		fmt.Fprintf(w, "web sources with an access date\t%d of %d\n", bib.WithAccessed, bib.WebSources)
		fmt.Fprintln(w, "\nby entity type\t")
		for _, t := range tokumu.EntityTypes {
			fmt.Fprintf(w, "  %s\t%d\n", t, st.ByType[t])
		}
		if len(periods) > 0 {
			fmt.Fprintln(w, "\nclaims by period (dated claims overlapping it)\t")
			for _, p := range periods {
				fmt.Fprintf(w, "  %s %s\t%d\n", p.Label, p.EDTF, p.Claims)
			}
		}
		fmt.Fprintln(w, "\nby grade\t")
		for _, k := range sortedKeys(st.ByGrade) {
			fmt.Fprintf(w, "  %s\t%d\n", k, st.ByGrade[k])
		}
		fmt.Fprintln(w, "\nby source (claims)\t")
		keys := sortedKeys(st.BySource)
		sort.SliceStable(keys, func(i, j int) bool { return st.BySource[keys[i]] > st.BySource[keys[j]] })
		for _, k := range keys {
			fmt.Fprintf(w, "  %s\t%d\n", k, st.BySource[k])
		}
		return w.Flush()
	},
}

type periodCount struct {
	ID     string `json:"id"`
	Label  string `json:"label"`
	EDTF   string `json:"edtf"`
	Claims int    `json:"claims"`
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
		out = append(out, periodCount{e.ID, e.Label("en"), c.When.EDTF, len(cs)})
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
