package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/internal/suggest"
	"github.com/tokumu/tokumu/view"
	"github.com/tokumu/tokumu/web"
	"github.com/tokumu/tokumu/web/i18n"
)

var cmdShow = &command{
	name: "show",
	args: "ID",
	summary: `Show everything the corpus says about an entity, or one claim.

Claims are grouped by predicate and ordered by time; each line carries its
citation and grade. Claims whose sources disagree are listed side by side
at the end. Given a claim id instead (subject~hash, or an id of its own
such as an analysis's evidence row names), it shows that claim with its
entity, citation, grade and note.`,
	run: func(ctx context.Context, m *Main, args []string) error {
		if len(args) != 1 {
			return usagef("tokumu show harbin-tokumu-kikan", "show needs one entity id (or a claim id)")
		}
		db, err := m.openStore(ctx)
		if err != nil {
			return err
		}
		defer db.Close()
		v, err := view.LoadEntityView(ctx, db, args[0])
		if tokumu.ErrorCode(err) == tokumu.ENOTFOUND {
			c, cerr := findClaim(ctx, db, args[0])
			if cerr != nil {
				return cerr
			}
			if c == nil {
				return notFound(ctx, db, args[0])
			}
			return showClaim(ctx, m, db, c)
		}
		if err != nil {
			return err
		}
		if m.JSON {
			return writeJSON(m.Stdout, v.Page(m.Lang))
		}
		printEntity(termWriter(m.Stdout), v, m.Lang)
		return nil
	},
}

// errFound stops EachClaim once findClaim has its claim.
var errFound = errors.New("found")

// findClaim resolves a claim id, or returns nil: a derived id names its
// subject before "~", so only that entity's claims are read; an id of the
// claim's own (as the analyses' evidence rows give) is looked for among
// all of them.
func findClaim(ctx context.Context, s tokumu.Store, id string) (*tokumu.Claim, error) {
	var f tokumu.ClaimFilter
	if subject, _, ok := strings.Cut(id, "~"); ok {
		f.Subject = subject
	}
	var found *tokumu.Claim
	err := s.EachClaim(ctx, f, func(c *tokumu.Claim) error {
		if c.ID == id {
			found = c
			return errFound
		}
		return nil
	})
	if err != nil && !errors.Is(err, errFound) {
		return nil, err
	}
	return found, nil
}

// showClaim prints one claim under its entity and predicate, as show
// prints it among the entity's claims, or as JSON with their labels.
func showClaim(ctx context.Context, m *Main, db tokumu.Store, c *tokumu.Claim) error {
	v, err := view.LoadEntityView(ctx, db, c.Subject)
	if err != nil {
		return err
	}
	label := c.Predicate
	if p := v.Predicates[c.Predicate]; p != nil {
		label = p.LabelIn(m.Lang)
	}
	if m.JSON {
		return writeJSON(m.Stdout, struct {
			Claim     *tokumu.Claim `json:"claim"`
			Subject   string        `json:"subject_label"`
			Predicate string        `json:"predicate_label"`
		}{c, v.Entity.Label(m.Lang), label})
	}
	w := termWriter(m.Stdout)
	tr := i18n.For(m.Lang)
	fmt.Fprintf(w, "%s  [%s · %s]\n\n%s\n", v.Entity.Label(m.Lang), typeName(tr, "type.", string(v.Entity.Type)), v.Entity.ID, label)
	fmt.Fprintln(w, claimLine(c, v.Refs, c.Subject, m.Lang))
	// The claim's permalink on a server (tokumu serve), which is also
	// where its history and citations are.
	fmt.Fprintf(w, "  /claims/%s\n", c.ID)
	return nil
}

// notFound reports an unknown id with the nearest known ones.
func notFound(ctx context.Context, s tokumu.Store, id string) error {
	es, err := s.Entities(ctx, tokumu.EntityFilter{})
	if err != nil {
		return err
	}
	// Ids near what was typed (internal/suggest's rule), then entities
	// with a name that contains it ("show Doihara" → doihara-kenji).
	ids := make([]string, len(es))
	for i, e := range es {
		ids[i] = e.ID
	}
	low := strings.ToLower(id)
	near := suggest.Near(low, ids, 8)
	for _, e := range es {
		if len(near) >= 8 {
			break
		}
		if slices.Contains(near, e.ID) {
			continue
		}
		for _, n := range e.Names {
			if strings.EqualFold(n.Text, id) || strings.Contains(strings.ToLower(n.Text), low) {
				near = append(near, e.ID)
				break
			}
		}
	}
	msg := fmt.Sprintf("no entity or claim %q", id)
	if len(near) > 0 {
		msg += "; did you mean: " + strings.Join(near, ", ")
	}
	return tokumu.Errorf(tokumu.ENOTFOUND, "%s", msg)
}

func printEntity(w io.Writer, v *view.EntityView, lang string) {
	e := v.Entity
	tr := i18n.For(lang)
	fmt.Fprintf(w, "%s  [%s · %s]\n", e.Label(lang), typeName(tr, "type.", string(e.Type)), e.ID)
	for _, n := range e.Names {
		line := fmt.Sprintf("  %-8s %s", n.Lang, n.Text)
		var extra []string
		if n.Kind != tokumu.Native && n.Kind != tokumu.Romanized {
			extra = append(extra, typeName(tr, "namekind.", string(n.Kind)))
		}
		if !n.When.IsZero() {
			extra = append(extra, n.When.Human(lang))
		}
		if n.Source != "" {
			extra = append(extra, tr.T("cli.source", n.Source))
		}
		if len(extra) > 0 {
			line += "  (" + strings.Join(extra, "; ") + ")"
		}
		fmt.Fprintln(w, line)
	}
	if s := pickLang(e.Summary, lang); s != "" {
		fmt.Fprintf(w, "\n  %s\n", s)
	}
	if len(v.SameAs) > 0 {
		// Never merged: each entity keeps its own claims.
		fmt.Fprintf(w, "\nPossibly the same as (not merged)\n")
		for _, s := range v.SameAs {
			fmt.Fprintf(w, "  %s [%s]  [%s] %s\n", v.Label(s.Other, lang), s.Other, cite(s.Claim, v.Refs), s.Claim.Grade)
		}
	}
	for _, g := range v.Groups {
		p := v.Predicates[g.Predicate]
		label := g.Predicate
		if p != nil {
			label = p.LabelIn(lang)
			if g.Inverse {
				label = p.InverseIn(lang)
			}
		}
		fmt.Fprintf(w, "\n%s\n", label)
		for _, c := range g.Claims {
			fmt.Fprintln(w, claimLine(c, v.Refs, e.ID, lang))
		}
	}
	if len(v.Disagreements) > 0 {
		fmt.Fprintf(w, "\n%s\n", tr.T("cli.disagreements"))
		for _, d := range v.Disagreements {
			label := d.Predicate
			if p := v.Predicates[d.Predicate]; p != nil {
				label = p.LabelIn(lang)
			}
			if d.Object != "" {
				label = tr.T("pred.with", label, v.Label(d.Object, lang))
			}
			fmt.Fprintf(w, "  %s — %s:\n", label, reasonText(tr, d.Reason))
			for _, c := range d.Claims {
				fmt.Fprintf(w, "    %s\n", strings.TrimSpace(claimLine(c, v.Refs, e.ID, lang)))
			}
		}
	}
}

// claimLine formats one claim: time, object or value, qualifiers, citation, grade.
func claimLine(c *tokumu.Claim, r view.Refs, self, lang string) string {
	var b strings.Builder
	tr := i18n.For(lang)
	when := c.When.Human(lang)
	if when == "" {
		when = tr.T("when.undated")
	}
	b.WriteString("  " + pad(when, 22) + " ")
	if cellWidth(when) >= 22 {
		b.WriteByte(' ') // a long date in words still stands apart from what follows
	}
	named := func(words string) {
		if words != "" {
			b.WriteString(" (" + namedText(tr, words, c.NamedAs.Words) + ")")
		}
	}
	switch {
	case c.Object != "" && c.Subject == self:
		b.WriteString(r.Label(c.Object, lang))
		named(c.NamedAs.Object)
		if !c.When.IsZero() {
			b.WriteString(web.ThenText(tr, r.Entities[c.Object], r.Label(c.Object, lang), c.When.Stated().Earliest, lang))
		}
	case c.Object != "":
		b.WriteString(r.Label(c.Subject, lang))
		named(c.NamedAs.Subject)
	case c.Value != "" && c.Unit != "":
		b.WriteString(figureText(tr, web.NumText(tr, c.Value), i18n.LastCount(c.Value), c.Unit))
	case c.Value != "":
		b.WriteString(c.Value)
	}
	if c.Role != "" {
		role := c.Role
		if k := "post." + i18n.VocabKey(role); lang != "en" && i18n.Has(k) {
			role = tr.T(k)
		}
		b.WriteString(tr.T("claim.role", role))
	}
	if c.Where != "" {
		b.WriteString(" " + tr.T("claim.at", thenLabel(r, tr, c.Where, c.When, lang)))
	}
	if c.Perspective != "" {
		b.WriteString(" — " + tr.T("claim.according", thenLabel(r, tr, c.Perspective, c.When, lang)))
		named(c.NamedAs.Perspective)
	}
	if c.PlantedBy != "" {
		b.WriteString(" — " + tr.T("claim.planted", r.Label(c.PlantedBy, lang)))
	}
	if c.Object == "" || c.Subject == self {
		if w := c.NamedAs.Subject; w != "" && c.NamedAs.Words == tokumu.WordsEditors {
			b.WriteString(" (" + namedText(tr, w, c.NamedAs.Words) + ")")
		} else if w != "" {
			b.WriteString(" (" + tr.T("claim.named.subject", w) + ")")
		}
	}
	fmt.Fprintf(&b, "  [%s] %s", cite(c, r), c.Grade)
	if c.When.Text != "" {
		b.WriteString("  (" + tr.T("cli.written", strconv.Quote(c.When.Text)) + ")")
	}
	if c.Note != "" {
		fmt.Fprintf(&b, "\n  %22s   %s", "", tr.T("cli.note", c.Note))
	}
	return b.String()
}

// cite is the short citation of a claim: source key, short reference, locator.
func cite(c *tokumu.Claim, r view.Refs) string {
	s := c.Source
	if src := r.Sources[c.Source]; src != nil {
		if a := shortAuthor(src); a != "" {
			s = a
			if src.Issued != "" {
				s += " " + src.Issued
			}
			if src.Volume != "" && !strings.HasPrefix(src.Type, "article") {
				s += ", vol. " + src.Volume // two volumes of one work cite alike otherwise
			}
		}
	}
	if c.Locator != "" {
		s += ", " + c.Locator
	}
	if s != c.Source && !strings.HasPrefix(s, c.Source) {
		s = c.Source + ": " + s
	}
	return s
}

func shortAuthor(s *tokumu.Source) string {
	if len(s.Authors) == 0 {
		return ""
	}
	a := s.Authors[0]
	name := a.Family
	if a.Literal != "" {
		// An encyclopedia's or a site's collective author says less
		// than the entry's title: "秦彦三郎 (Wikipedia)".
		if (s.Kind == tokumu.Reference || s.Kind == tokumu.Web) && s.Title != "" {
			if s.Container != "" {
				return s.Title + " (" + s.Container + ")"
			}
			return s.Title
		}
		name = a.Literal
	}
	if len(s.Authors) > 1 {
		name += " et al."
	}
	return name
}

// typeName is an entity type or name kind in the CLI's language (the
// web's catalogue keys), or the value itself.
func typeName(tr *i18n.Printer, prefix, v string) string {
	if k := prefix + strings.ReplaceAll(v, " ", "_"); i18n.Has(k) {
		return tr.T(k)
	}
	return v
}

// reasonText is a disagreement's reason ("different values, different
// dates") in the CLI's language.
func reasonText(tr *i18n.Printer, r string) string {
	parts := strings.Split(r, ", ")
	for i, p := range parts {
		parts[i] = typeName(tr, "reason.", p)
	}
	return strings.Join(parts, tr.T("list.sep"))
}

func pickLang(m map[string]string, lang string) string {
	if s := m[lang]; s != "" {
		return s
	}
	if s := m["en"]; s != "" {
		return s
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if len(keys) > 0 {
		return m[keys[0]]
	}
	return ""
}

// thenLabel is an entity's label followed, where it bore another name on
// the claim's first day, by that name: "Zabaykalsk (then Otpor)".
func thenLabel(r view.Refs, tr *i18n.Printer, id string, w tokumu.When, lang string) string {
	return withThen(tr, r.Entities[id], r.Label(id, lang), w, lang)
}

// withThen is label, an entity's, followed by the name e bore on w's
// first day where that is another.
func withThen(tr *i18n.Printer, e *tokumu.Entity, label string, w tokumu.When, lang string) string {
	if w.IsZero() {
		return label
	}
	return label + web.ThenText(tr, e, label, w.Stated().Earliest, lang)
}
