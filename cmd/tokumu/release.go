package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"reflect"
	"sort"
	"strings"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/sqlite"
	"github.com/tokumu/tokumu/yamlcorpus"
)

type releaseOptions struct {
	note string
}

var cmdRelease = &command{
	name: "release",
	args: "create [--note TEXT] | list | diff A B",
	summary: `Freeze, list and compare releases.
create freezes the database (--db, a file or postgres://…) as a release: a
content-hashed snapshot that permalinks cite as "claim X as of release R"
(/releases/R/claims/X) and that 'tokumu export --release R' writes out,
as the YAML corpus or any other format. Its name is the first 12 hex
digits of the hash of the YAML corpus it exports as, so importing that
export gives a database whose footer shows the same release. Creating a
release of an unchanged database names the existing one.
list shows the releases, newest first.
diff compares two corpus directories or databases: claims are matched by
id, which survives edits of date, place, locator, grade and note, so such
an edit shows as a changed claim with what changed; entities and sources
added or removed are listed too, grouped by entity.`,
	flags: func(fs *flag.FlagSet, m *Main) {
		fs.StringVar(&opts[releaseOptions](m).note, "note", "", "create: what the release is for, kept with it")
	},
	run: func(ctx context.Context, m *Main, args []string) error {
		if len(args) == 0 {
			return usagef("tokumu release create --db team.db", "release takes: create, list or diff A B")
		}
		switch args[0] {
		case "create":
			if len(args) != 1 {
				return usagef("tokumu release create --db team.db --note \"for the 2027 article\"", "release create takes no arguments, only flags")
			}
			return releaseCreate(ctx, m, opts[releaseOptions](m).note)
		case "list":
			if len(args) != 1 {
				return usagef("tokumu release list --db team.db", "release list takes no arguments")
			}
			return releaseList(ctx, m)
		case "diff":
		default:
			return usagef("tokumu release create --db team.db", "release %q: give create, list or diff A B", args[0])
		}
		if len(args) != 3 {
			return usagef("tokumu release diff corpus-old/ corpus/", "release takes: diff A B")
		}
		a, err := loadRelease(ctx, args[1])
		if err != nil {
			return err
		}
		b, err := loadRelease(ctx, args[2])
		if err != nil {
			return err
		}
		d := diffReleases(a, b)
		if m.JSON {
			return writeJSON(m.Stdout, d)
		}
		if d.empty() {
			fmt.Fprintf(m.Stdout, "no changes: %s and %s say the same (%d claims)\n", args[1], args[2], len(b.Claims))
			return nil
		}
		for _, e := range d.Entities {
			fmt.Fprintf(m.Stdout, "%s %s\n", e.Op, e.ID)
		}
		for _, s := range d.Sources {
			fmt.Fprintf(m.Stdout, "%s source %s\n", s.Op, s.ID)
		}
		subj := ""
		for _, c := range d.Claims {
			if c.Subject != subj {
				subj = c.Subject
				fmt.Fprintf(m.Stdout, "%s:\n", subj)
			}
			fmt.Fprintf(m.Stdout, "  %s %s %s", c.Op, c.ID, c.Predicate)
			if len(c.Diff) > 0 {
				fmt.Fprintf(m.Stdout, " (%s)", strings.Join(c.Diff, "; "))
			}
			fmt.Fprintln(m.Stdout)
		}
		fmt.Fprintf(m.Stdout, "%d claims added, %d removed, %d changed\n", d.count("+"), d.count("-"), d.count("~"))
		return nil
	},
}

// loadRelease reads a corpus directory, or every claim of a database.
func loadRelease(ctx context.Context, path string) (*tokumu.Dataset, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, usagef("tokumu release diff corpus-old/ corpus/", "cannot read %s: %v", path, err)
	}
	if st.IsDir() {
		ds, err := yamlcorpus.Load(os.DirFS(path))
		if err != nil {
			return nil, fmt.Errorf("%s has errors (run tokumu check %s): %w", path, path, err)
		}
		return ds, nil
	}
	db, err := sqlite.Open(ctx, path, sqlite.Options{})
	if err != nil {
		return nil, err
	}
	defer db.Close()
	ds := &tokumu.Dataset{}
	if ds.Entities, err = db.Entities(ctx, tokumu.EntityFilter{}); err != nil {
		return nil, err
	}
	if ds.Sources, err = db.Sources(ctx); err != nil {
		return nil, err
	}
	if ds.Claims, err = db.Claims(ctx, tokumu.ClaimFilter{}); err != nil {
		return nil, err
	}
	return ds, nil
}

type releaseDiff struct {
	Entities []idChange    `json:"entities"`
	Sources  []idChange    `json:"sources"`
	Claims   []claimChange `json:"claims"`
}

type idChange struct {
	Op string `json:"op"` // + added, - removed, ~ changed
	ID string `json:"id"`
}

type claimChange struct {
	Op        string   `json:"op"`
	ID        string   `json:"id"`
	Subject   string   `json:"subject"`
	Predicate string   `json:"predicate"`
	Fields    []string `json:"fields,omitempty"` // for ~: the fields that changed, in the claim's JSON names
	Diff      []string `json:"diff,omitempty"`   // for ~: each "field: before → after" (tokumu.ClaimDiff)
}

func (d *releaseDiff) empty() bool { return len(d.Entities)+len(d.Sources)+len(d.Claims) == 0 }

func (d *releaseDiff) count(op string) int {
	n := 0
	for _, c := range d.Claims {
		if c.Op == op {
			n++
		}
	}
	return n
}

func diffReleases(a, b *tokumu.Dataset) *releaseDiff {
	d := &releaseDiff{Entities: []idChange{}, Sources: []idChange{}, Claims: []claimChange{}}
	ia, ib := tokumu.NewIndex(a), tokumu.NewIndex(b)
	strip := func(e *tokumu.Entity) tokumu.Entity { c := *e; c.Origin = ""; return c }
	for _, e := range a.Entities {
		if ib.Entities[e.ID] == nil {
			d.Entities = append(d.Entities, idChange{"-", e.ID})
		} else if !reflect.DeepEqual(strip(e), strip(ib.Entities[e.ID])) {
			d.Entities = append(d.Entities, idChange{"~", e.ID})
		}
	}
	for _, e := range b.Entities {
		if ia.Entities[e.ID] == nil {
			d.Entities = append(d.Entities, idChange{"+", e.ID})
		}
	}
	for _, s := range a.Sources {
		if ib.Sources[s.ID] == nil {
			d.Sources = append(d.Sources, idChange{"-", s.ID})
		}
	}
	for _, s := range b.Sources {
		if ia.Sources[s.ID] == nil {
			d.Sources = append(d.Sources, idChange{"+", s.ID})
		}
	}
	for _, c := range a.Claims {
		if o := ib.Claims[c.ID]; o == nil {
			d.Claims = append(d.Claims, claimChange{Op: "-", ID: c.ID, Subject: c.Subject, Predicate: c.Predicate})
		} else if diff := tokumu.ClaimDiff(c, o); len(diff) > 0 {
			fields := make([]string, len(diff))
			for i, line := range diff {
				fields[i], _, _ = strings.Cut(line, ":")
			}
			d.Claims = append(d.Claims, claimChange{Op: "~", ID: c.ID, Subject: c.Subject, Predicate: c.Predicate, Fields: fields, Diff: diff})
		}
	}
	for _, c := range b.Claims {
		if ia.Claims[c.ID] == nil {
			d.Claims = append(d.Claims, claimChange{Op: "+", ID: c.ID, Subject: c.Subject, Predicate: c.Predicate})
		}
	}
	sort.Slice(d.Entities, func(i, j int) bool { return d.Entities[i].ID < d.Entities[j].ID })
	sort.Slice(d.Sources, func(i, j int) bool { return d.Sources[i].ID < d.Sources[j].ID })
	sort.SliceStable(d.Claims, func(i, j int) bool {
		x, y := d.Claims[i], d.Claims[j]
		if x.Subject != y.Subject {
			return x.Subject < y.Subject
		}
		return x.ID < y.ID
	})
	return d
}
