package main

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"github.com/tokumu/tokumu"
)

type historyOptions struct {
	author string
	entity string
	limit  int
}

var cmdHistory = &command{
	name: "history",
	args: "[ID]",
	summary: `Show the revisions written through the editor, newest first: who,
when, why, and what each changed. With an id, only the revisions that
changed that claim, entity or source; with --entity ID, every revision
that changed the entity, its names or a claim about it (as the entity's
history page). --json prints each change's object before and after.`,
	flags: func(fs *flag.FlagSet, m *Main) {
		fs.StringVar(&opts[historyOptions](m).author, "author", "", "only the revisions of `ACCOUNT`")
		fs.StringVar(&opts[historyOptions](m).entity, "entity", "", "the revisions that changed entity `ID`, its names or a claim about it")
		fs.IntVar(&opts[historyOptions](m).limit, "limit", 50, "at most `N` revisions (1–1000)")
	},
	run: func(ctx context.Context, m *Main, args []string) error {
		if len(args) > 1 {
			return usagef("tokumu history doihara-kenji~0123456789abcdef", "history takes at most one id")
		}
		o := opts[historyOptions](m)
		if o.limit < 1 || o.limit > 1000 {
			return usagef("tokumu history --limit 50", "--limit=%d: give 1 to 1000", o.limit)
		}
		db, err := m.openStore(ctx)
		if err != nil {
			return err
		}
		defer db.Close()
		ed, ok := db.(tokumu.Editor)
		if !ok {
			return fmt.Errorf("this database keeps no history")
		}
		f := tokumu.HistoryFilter{Author: o.author, Entity: o.entity, Limit: o.limit}
		if len(args) == 1 {
			f.ID = args[0]
		}
		rs, err := ed.History(ctx, f)
		if err != nil {
			return err
		}
		if m.JSON {
			if rs == nil {
				rs = []*tokumu.Revision{}
			}
			return writeJSON(m.Stdout, rs)
		}
		if len(rs) == 0 {
			if f.ID != "" || f.Entity != "" {
				hint := ""
				if _, err := db.Entity(ctx, f.ID); f.ID != "" && err == nil {
					hint = fmt.Sprintf("; for the claims about an entity, its names and the entity itself: tokumu history --entity %s", f.ID)
				}
				fmt.Fprintf(m.Stderr, "tokumu history: no revision changed %s (it is as imported, or there is no such id)%s\n", f.ID+f.Entity, hint)
			} else {
				fmt.Fprintln(m.Stderr, "tokumu history: no revisions yet")
			}
			return errFailed
		}
		since, err := tokumu.ImportRevision(ctx, db)
		if err != nil {
			return err
		}
		for i, r := range rs {
			if r.ID <= since && (i == 0 || rs[i-1].ID > since) {
				fmt.Fprintf(m.Stdout, "— the corpus was imported after r%d: the revisions below changed the data that import replaced —\n", since)
			}
			fmt.Fprintf(m.Stdout, "r%d  %s  %s  %s\n", r.ID, r.Time.UTC().Format("2006-01-02 15:04:05Z"), escapeControl(r.Author), escapeControl(r.Message))
			for _, ch := range r.Changes {
				fmt.Fprintf(m.Stdout, "    %s\n", describeChange(ch))
			}
		}
		return nil
	},
}

// describeChange says in one line what a change did.
func describeChange(ch tokumu.Change) string {
	verb := "changed"
	switch {
	case ch.Op == tokumu.OpRetract:
		verb = "retracted"
	case ch.Before == nil:
		verb = "created"
	}
	s := fmt.Sprintf("%s %s %s", verb, ch.Kind, ch.ID)
	b, _ := ch.Before.(*tokumu.Claim)
	a, _ := ch.After.(*tokumu.Claim)
	if b != nil && a != nil {
		if d := tokumu.ClaimDiff(b, a); len(d) > 0 {
			s += ": " + strings.Join(d, "; ")
		}
	}
	be, _ := ch.Before.(*tokumu.Entity)
	ae, _ := ch.After.(*tokumu.Entity)
	if be != nil && ae != nil {
		if d := tokumu.EntityDiff(be, ae); len(d) > 0 {
			s += ": " + strings.Join(d, "; ")
		}
	}
	return s
}
