package main

import (
	"context"
	"fmt"
	"os"
	"reflect"
	"sort"
	"strings"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/sqlite"
	"github.com/tokumu/tokumu/yamlcorpus"
)

var cmdRelease = &command{
	name: "release",
	args: "diff A B",
	summary: `Compare two releases of a corpus: what changed from A to B.
A and B are corpus directories or tokumu databases. Claims are matched by
id, which survives edits of date, place, locator, grade and note, so such
an edit shows as a changed claim with the fields that changed; entities
and sources added or removed are listed too, grouped by entity.`,
	run: func(ctx context.Context, m *Main, args []string) error {
		if len(args) != 3 || args[0] != "diff" {
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
			if len(c.Fields) > 0 {
				fmt.Fprintf(m.Stdout, " (%s)", strings.Join(c.Fields, ", "))
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
	Fields    []string `json:"fields,omitempty"` // for ~: the fields that changed, in the YAML's names
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

// claimFields compares two claims field by field (not where they are
// written), in the corpus's YAML names.
func claimFields(a, b *tokumu.Claim) []string {
	var out []string
	cmp := func(name string, x, y any) {
		if !reflect.DeepEqual(x, y) {
			out = append(out, name)
		}
	}
	cmp("p", a.Predicate, b.Predicate)
	cmp("o", a.Object, b.Object)
	cmp("v", a.Value, b.Value)
	cmp("unit", a.Unit, b.Unit)
	cmp("role", a.Role, b.Role)
	cmp("lang", a.Lang, b.Lang)
	cmp("when", a.When.EDTF, b.When.EDTF)
	cmp("where", a.Where, b.Where)
	cmp("source", a.Source, b.Source)
	cmp("loc", a.Locator, b.Locator)
	cmp("grade", a.Grade, b.Grade)
	cmp("by", a.Perspective, b.Perspective)
	cmp("planted_by", a.PlantedBy, b.PlantedBy)
	cmp("note", a.Note, b.Note)
	cmp("supported_by", a.SupportedBy, b.SupportedBy)
	cmp("complicated_by", a.ComplicatedBy, b.ComplicatedBy)
	return out
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
		} else if f := claimFields(c, o); len(f) > 0 {
			d.Claims = append(d.Claims, claimChange{Op: "~", ID: c.ID, Subject: c.Subject, Predicate: c.Predicate, Fields: f})
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
