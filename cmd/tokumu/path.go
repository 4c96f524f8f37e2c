package main

import (
	"context"
	"flag"
	"fmt"
	"slices"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/network"
	"github.com/tokumu/tokumu/view"
	"github.com/tokumu/tokumu/web/i18n"
)

// pathOptions are path's own flags, one set per run (opts): flags may
// come before the two ids and after them (flagsAfter binds them again,
// each keeping what the first parse gave).
type pathOptions struct {
	at, from, to     string
	certain, undated bool
	set              bool // the defaults are in place
}

func pathFlagSet(fs *flag.FlagSet, m *Main) {
	pathFlags := opts[pathOptions](m)
	if !pathFlags.set {
		pathFlags.undated, pathFlags.set = true, true
	}
	fs.StringVar(&pathFlags.at, "at", pathFlags.at, "only relations that may have held on this day (a month or a year means its first day: 1938-07 is 1 July; --from and --to give a span)")
	fs.StringVar(&pathFlags.from, "from", pathFlags.from, "only relations that may have held after this date")
	fs.StringVar(&pathFlags.to, "to", pathFlags.to, "only relations that may have held before this date")
	fs.BoolVar(&pathFlags.certain, "certain", pathFlags.certain, "only relations that certainly held in the range")
	fs.BoolVar(&pathFlags.undated, "undated", pathFlags.undated, "let undated relations count (as possible links)")
}

var cmdPath = &command{
	name: "path",
	args: "A B",
	summary: `Find a shortest chain of sourced relations between two entities.

Each step is an edge of the relation graph (persons, organizations, units,
operations, events, documents) with every claim that makes it: its
predicate, dates, source and grade. With --at only relations that may have
held on that day count; a step is "certain" when a claim certainly held
then, "possible" when its dates only may include it. Certain steps weigh
1, possible ones 1.5, so a chain of certain links is preferred.`,
	flags: pathFlagSet,
	run: func(ctx context.Context, m *Main, args []string) error {
		args, err := m.flagsAfter("path", args, 2, pathFlagSet)
		if err != nil {
			return usagef("tokumu path lyushkov-genrikh harbin-tokumu-kikan --at 1938-07", "%v", err)
		}
		if len(args) != 2 {
			return usagef("tokumu path lyushkov-genrikh harbin-tokumu-kikan --at 1938-07", "path needs two entity ids")
		}
		pathFlags := opts[pathOptions](m)
		opt := network.Options{Certain: pathFlags.certain, Undated: pathFlags.undated}
		for _, d := range []struct {
			name, v string
			to      *tokumu.Day
			latest  bool
		}{{"--at", pathFlags.at, &opt.At, false}, {"--from", pathFlags.from, &opt.From, false}, {"--to", pathFlags.to, &opt.To, true}} {
			if d.v == "" {
				continue
			}
			w, _, err := tokumu.ParseWhen(d.v)
			if err != nil {
				return usagef("tokumu path A B --at 1938-07-01", "%s %q is not a date: %v", d.name, d.v, err)
			}
			w = w.Stated() // the dates it states, as tokumu at reads them: "1938~" asks about 1938
			*d.to = w.Earliest
			if d.latest {
				*d.to = w.Latest
			}
			if d.name == "--at" && w.Earliest != w.Latest {
				fmt.Fprintf(m.Stderr, "tokumu path: --at %s is the day %s; for any day of it give --from %s --to %s\n", d.v, w.Earliest, d.v, d.v)
			}
		}
		c, claims, err := m.loadAnalysis(ctx)
		if err != nil {
			return err
		}
		for _, id := range args {
			e := c.Entities[id]
			if e == nil {
				return tokumu.Errorf(tokumu.ENOTFOUND, "no entity %q (find ids with tokumu search)", id)
			}
			if !slices.Contains(network.DefaultTypes, e.Type) {
				// No date or flag would help: say so, and where to look.
				return tokumu.Errorf(tokumu.ENOTFOUND, "%s is a %s: the relation graph joins persons, organizations, units, operations, events and documents, not %ss (tokumu show %s lists what was there)", id, e.Type, e.Type, id)
			}
		}
		opt.Exclude = func(p string) bool {
			return c.Vocab.Is(p, tokumu.RoleHypothesisOf) || c.Vocab.Is(p, tokumu.RoleSameAs)
		}
		// What the evidence rules out of the range is no link: an open
		// end bounded by a death or a next posting, an undated holding
		// outside its organization's life (as on the network page).
		ev := view.NewEvidence(c.Vocab, claims)
		opt.Possible = func(cl *tokumu.Claim, from, to tokumu.Day) bool { return ev.Bound(cl).PossiblyIn(cl, from, to) }
		g := network.Build(claims, c.Entities, opt)
		steps, err := g.Path(args[0], args[1])
		if err != nil {
			return err
		}
		if m.JSON {
			return writeJSON(m.Stdout, steps)
		}
		for i, s := range steps {
			kind := i18n.For(m.Lang).T("cli.path.possible")
			if s.Certain {
				kind = i18n.For(m.Lang).T("cli.path.certain")
			}
			fmt.Fprintf(m.Stdout, "%d. %s → %s (%s)\n", i+1, c.Label(s.From, m.Lang), c.Label(s.To, m.Lang), kind)
			for _, cl := range s.Claims {
				label := cl.Predicate
				if p := c.Vocab.Pred(cl.Predicate); p != nil {
					label = p.LabelIn(m.Lang)
				}
				// Each end as the claim met it: head of the Russia Section
				// "(then the Russia Group …)" in 1935.
				tr := i18n.For(m.Lang)
				subj := withThen(tr, c.Entities[cl.Subject], c.Label(cl.Subject, m.Lang), cl.When, m.Lang)
				obj := withThen(tr, c.Entities[cl.Object], c.Label(cl.Object, m.Lang), cl.When, m.Lang)
				fmt.Fprintf(m.Stdout, "     %s —%s→ %s  %s  %s %s  [%s]\n", subj, label, obj, whenText(tr, cl.When), cl.Source, cl.Grade, cl.ID)
			}
		}
		return nil
	},
}

// flagsAfter parses the flags that follow the first n arguments
// (tokumu path A B --at 1938-07), with the values already set as
// defaults, and returns the arguments without them.
func (m *Main) flagsAfter(name string, args []string, n int, bind func(*flag.FlagSet, *Main)) ([]string, error) {
	if len(args) <= n {
		return args, nil
	}
	fs := flag.NewFlagSet("tokumu "+name, flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	fs.BoolVar(&m.JSON, "json", m.JSON, "print JSON for scripts")
	fs.StringVar(&m.Lang, "lang", m.Lang, "language of labels")
	fs.StringVar(&m.DB, "db", m.DB, "database file")
	bind(fs, m)
	if err := fs.Parse(args[n:]); err != nil {
		return nil, err
	}
	return append(args[:n:n], fs.Args()...), nil
}
