package main

import (
	"context"
	"fmt"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/audit"
	"github.com/tokumu/tokumu/yamlcorpus"
)

var cmdAudit = &command{
	name: "audit",
	args: "[DIR]",
	summary: `List what the corpus says that cannot all be true (default: the embedded corpus).

The consistency audit reads the claims together: an act or posting after
the person's death or before his birth; an event before the founding or
after the end of an organization taking part; a unit under a dissolved
parent; a person in two exclusive postings at once; a hierarchy cycle; an
estimate dated before what it counts existed; a source cited for what
began after it was published. Each finding is certain (no reading of the
dates reconciles the claims) or possible (some reading does not), and
names its claims with their sources and grades. These are contradictions
of history, not load errors: check passes all the same. With --db and no
DIR it audits that database. Exits 1 if any finding is certain.`,
	run: func(ctx context.Context, m *Main, args []string) error {
		if len(args) > 1 {
			return usagef("tokumu audit corpus/", "audit takes one directory, got %d arguments", len(args))
		}
		var r *audit.Report
		if len(args) == 0 && m.DB != "" {
			db, err := m.openStore(ctx)
			if err != nil {
				return err
			}
			defer db.Close()
			if r, err = audit.Load(ctx, db); err != nil {
				return err
			}
		} else {
			fsys, name, err := corpusFS(args)
			if err != nil {
				return err
			}
			ds, err := yamlcorpus.Load(fsys)
			if err != nil {
				return fmt.Errorf("%s does not load; run tokumu check first: %w", name, err)
			}
			vocab, err := tokumu.NewVocab(ds.Predicates)
			if err != nil {
				return err
			}
			r = audit.Run(ds.Claims, vocab, ds.Sources)
		}
		if m.JSON {
			if err := writeJSON(m.Stdout, r); err != nil {
				return err
			}
		} else {
			for _, f := range r.Findings {
				level := "possible"
				if f.Certain {
					level = "CERTAIN"
				}
				fmt.Fprintf(m.Stdout, "%s %s — %s\n", level, f.Kind, f.Why)
				for _, c := range f.Claims {
					fmt.Fprintf(m.Stdout, "    %s  %s %s %s", c.ID, c.Source, c.Grade, c.When.Human(m.Lang))
					if c.Origin != "" {
						fmt.Fprintf(m.Stdout, "  (%s)", c.Origin)
					}
					fmt.Fprintln(m.Stdout)
				}
			}
		}
		fmt.Fprintf(m.Stderr, "%d certain, %d possible finding(s)\n", r.Certain, r.Possible)
		if r.Certain > 0 {
			return errFailed
		}
		return nil
	},
}
