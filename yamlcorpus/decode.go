package yamlcorpus

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/tokumu/tokumu"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"
)

// pos is a position in a file.
type pos struct{ line, col int32 }

func at(n *yaml.Node) pos { return pos{int32(n.Line), int32(n.Column)} }

// ref is an id written somewhere, kept with its position so that the
// cross-file check can say where an unknown id was used.
type ref struct {
	id string
	at pos
}

type predDecl struct {
	p    *tokumu.Predicate
	file string
	at   pos
}

type sourceDecl struct {
	s       *tokumu.Source
	file    string
	at      pos
	idAt    pos
	derived []ref // derived_from, with positions for errors
}

type entityDecl struct {
	e      *tokumu.Entity
	file   string
	at     pos
	idAt   pos
	names  []nameDecl
	claims []*claimDecl
}

type nameDecl struct {
	at     pos
	source ref
}

type claimDecl struct {
	c         *tokumu.Claim
	at        pos
	idAt      pos
	pred      ref
	object    ref
	where     ref
	source    ref
	persp     ref
	planted   ref
	valueAt   pos
	grade     tokumu.Grade // as written; Reliability 0 means "from the source"
	hasGrade  bool
	gradeAt   pos
	supported []ref
	complic   []ref
	badWhen   bool // a when was written but did not parse (already reported)
}

// decoder turns YAML nodes into declarations, recording every problem.
type decoder struct {
	file string
	errs *ErrorList
}

func (d *decoder) errorf(n *yaml.Node, format string, args ...any) {
	d.errs.Add(d.file, n.Line, n.Column, format, args...)
}

// fields walks a mapping node, calling f for each key. Unknown keys are
// reported with the closest known one.
func (d *decoder) fields(n *yaml.Node, what string, known []string, f func(key string, k, v *yaml.Node)) bool {
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "%s must be a mapping (key: value lines), not %s", what, kindName(n))
		return false
	}
	seen := make(map[string]bool, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key := k.Value
		if !contains(known, key) {
			hint := didYouMean(key, known)
			if n.Style&yaml.FlowStyle != 0 && v.Tag == "!!null" {
				hint = " (inside {…} a comma ends a value: put text that has commas in quotes)"
			}
			d.errorf(k, "unknown field %q in %s%s", key, what, hint)
			continue
		}
		if seen[key] {
			d.errorf(k, "field %q given twice in %s", key, what)
			continue
		}
		seen[key] = true
		f(key, k, v)
	}
	return true
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return fmt.Sprintf("the value %q", n.Value)
	case yaml.AliasNode:
		return "an alias"
	}
	return "empty"
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// str reads a scalar as a string.
func (d *decoder) str(n *yaml.Node, field string) string {
	if n.Kind != yaml.ScalarNode {
		d.errorf(n, "%s must be a single value, not %s", field, kindName(n))
		return ""
	}
	if n.Tag == "!!null" {
		return ""
	}
	return strings.TrimSpace(n.Value)
}

// strs reads a list of scalars, or one scalar as a list of one.
func (d *decoder) strs(n *yaml.Node, field string) []string {
	if n.Kind == yaml.ScalarNode {
		if s := d.str(n, field); s != "" {
			return []string{s}
		}
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, "%s must be a list, not %s", field, kindName(n))
		return nil
	}
	out := make([]string, 0, len(n.Content))
	for _, c := range n.Content {
		if s := d.str(c, field); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func (d *decoder) refs(n *yaml.Node, field string) []ref {
	if n.Kind == yaml.ScalarNode {
		return []ref{{d.str(n, field), at(n)}}
	}
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, "%s must be a list of ids, not %s", field, kindName(n))
		return nil
	}
	out := make([]ref, 0, len(n.Content))
	for _, c := range n.Content {
		out = append(out, ref{d.str(c, field), at(c)})
	}
	return out
}

// langMap reads {en: …, ja: …, ru: …}.
func (d *decoder) langMap(n *yaml.Node, field string) map[string]string {
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "%s must map languages to text, e.g. {en: …, ja: …, ru: …}", field)
		return nil
	}
	m := make(map[string]string, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if !validLangTag(k.Value) {
			d.errorf(k, "%s: %q is not a language tag (use en, ja, ru …)", field, k.Value)
			continue
		}
		m[k.Value] = d.str(v, field)
	}
	return m
}

// checkID reports an id that is not lowercase letters, digits and hyphens.
func (d *decoder) checkID(n *yaml.Node, id, what string) {
	if id == "" {
		d.errorf(n, "%s is empty", what)
		return
	}
	if msg := idProblem(id); msg != "" {
		d.errorf(n, "%s %q %s", what, id, msg)
	}
}

func idProblem(id string) string {
	for i, r := range id {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
		case r == '-' && i > 0:
		case r >= 'A' && r <= 'Z':
			return fmt.Sprintf("has an upper-case letter: write %q", strings.ToLower(id))
		default:
			return fmt.Sprintf("has %q: ids use a-z, 0-9 and hyphens only (e.g. %q)", r, slug(id))
		}
	}
	return ""
}

func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// --- vocabulary ---------------------------------------------------------------

var predFields = []string{"id", "label", "inverse", "domain", "range", "hierarchy", "roles", "note"}

func (d *decoder) vocabulary(root *yaml.Node) []*predDecl {
	var out []*predDecl
	d.fields(root, "a vocabulary file", []string{"predicates"}, func(key string, k, v *yaml.Node) {
		if v.Kind != yaml.SequenceNode {
			d.errorf(v, "predicates must be a list")
			return
		}
		for _, n := range v.Content {
			if p := d.predicate(n); p != nil {
				out = append(out, p)
			}
		}
	})
	return out
}

func (d *decoder) predicate(n *yaml.Node) *predDecl {
	p := &tokumu.Predicate{}
	pd := &predDecl{p: p, file: d.file, at: at(n)}
	ok := d.fields(n, "a predicate", predFields, func(key string, k, v *yaml.Node) {
		switch key {
		case "id":
			p.ID = d.str(v, key)
			if p.ID != "" && strings.Trim(p.ID, "abcdefghijklmnopqrstuvwxyz0123456789_") != "" {
				d.errorf(v, "predicate id %q: use a-z, 0-9 and underscores (e.g. %q)", p.ID, strings.ReplaceAll(slug(p.ID), "-", "_"))
			}
		case "label":
			p.Label = d.langMap(v, key)
		case "inverse":
			p.Inverse = d.langMap(v, key)
		case "domain":
			p.Domain = d.types(v, key)
		case "range":
			if v.Kind == yaml.ScalarNode {
				switch lit := tokumu.Literal(d.str(v, key)); lit {
				case tokumu.LiteralText, tokumu.LiteralNumber, tokumu.LiteralPoint, tokumu.LiteralNone:
					p.Literal = lit
					return
				}
			}
			p.Range = d.types(v, key)
		case "hierarchy":
			p.Hierarchy = d.str(v, key) == "true"
		case "roles":
			nodes := []*yaml.Node{v}
			if v.Kind == yaml.SequenceNode {
				nodes = v.Content
			}
			for _, rn := range nodes {
				s := d.str(rn, key)
				if s == "" {
					continue
				}
				r, err := tokumu.ParseRole(s)
				if err != nil {
					d.errorf(rn, "%s", tokumu.ErrorMessage(err))
					continue
				}
				p.Roles = append(p.Roles, r)
			}
		}
	})
	if !ok {
		return nil
	}
	if p.ID == "" {
		d.errorf(n, "predicate has no id")
		return nil
	}
	if p.Label["en"] == "" {
		d.errorf(n, "predicate %s has no English label (label: {en: …, ja: …, ru: …})", p.ID)
	}
	if len(p.Domain) == 0 {
		d.errorf(n, "predicate %s has no domain: list the entity types it may be about", p.ID)
	}
	if p.Literal == "" && len(p.Range) == 0 {
		d.errorf(n, "predicate %s has no range: list entity types, or text, number, point or none", p.ID)
	}
	p.Origin = fmt.Sprintf("%s:%d", d.file, n.Line)
	return pd
}

func (d *decoder) types(n *yaml.Node, field string) []tokumu.EntityType {
	var out []tokumu.EntityType
	names := make([]string, len(tokumu.EntityTypes))
	for i, t := range tokumu.EntityTypes {
		names[i] = string(t)
	}
	nodes := []*yaml.Node{n}
	if n.Kind == yaml.SequenceNode {
		nodes = n.Content
	}
	for _, c := range nodes {
		t := tokumu.EntityType(d.str(c, field))
		if !t.Valid() {
			d.errorf(c, "%s: unknown entity type %q%s", field, t, didYouMean(string(t), names))
			continue
		}
		out = append(out, t)
	}
	return out
}

// --- sources -----------------------------------------------------------------

var sourceFields = []string{"id", "kind", "type", "author", "editor", "title", "title_en", "container",
	"publisher", "place", "year", "issued", "volume", "issue", "pages", "edition", "url", "doi", "isbn",
	"archive", "archive_location", "accessed", "language", "reliability", "note", "derived_from"}

func (d *decoder) source(n *yaml.Node) *sourceDecl {
	s := &tokumu.Source{}
	sd := &sourceDecl{s: s, file: d.file, at: at(n)}
	var kindNode *yaml.Node
	ok := d.fields(n, "a source", sourceFields, func(key string, k, v *yaml.Node) {
		switch key {
		case "id":
			s.ID = d.str(v, key)
			sd.idAt = at(v)
			d.checkID(v, s.ID, "source id")
		case "kind":
			s.Kind = tokumu.SourceKind(d.str(v, key))
			kindNode = v
		case "type":
			s.Type = d.str(v, key)
		case "author":
			s.Authors = d.agents(v, key)
		case "editor":
			s.Editors = d.agents(v, key)
		case "title":
			s.Title = d.str(v, key)
		case "title_en":
			s.TitleEn = d.str(v, key)
		case "container":
			s.Container = d.str(v, key)
		case "publisher":
			s.Publisher = d.str(v, key)
		case "place":
			s.Place = d.str(v, key)
		case "year", "issued":
			if s.Issued != "" {
				d.errorf(k, "give year or issued, not both")
			}
			if w, ok := d.when(v, key); ok {
				s.Issued = w.EDTF
			}
		case "volume":
			s.Volume = d.str(v, key)
		case "issue":
			s.Issue = d.str(v, key)
		case "pages":
			s.Pages = d.str(v, key)
		case "edition":
			s.Edition = d.str(v, key)
		case "url":
			s.URL = d.str(v, key)
			if s.URL != "" && !strings.HasPrefix(s.URL, "http://") && !strings.HasPrefix(s.URL, "https://") {
				d.errorf(v, "url must start with http:// or https://")
			}
		case "doi":
			s.DOI = d.str(v, key)
		case "isbn":
			s.ISBN = d.str(v, key)
		case "archive":
			s.Archive = d.str(v, key)
		case "archive_location":
			s.ArchiveLocation = d.str(v, key)
		case "accessed":
			s.Accessed = d.str(v, key)
		case "language":
			s.Language = d.str(v, key)
			if s.Language != "" && !validLangTag(s.Language) {
				d.errorf(v, "language %q is not a BCP 47 tag (e.g. en, ja, ru)", s.Language)
			}
		case "reliability":
			r := strings.ToUpper(d.str(v, key))
			if len(r) != 1 || r[0] < 'A' || r[0] > 'F' {
				d.errorf(v, "reliability must be one letter A–F, not %q", r)
				return
			}
			s.Reliability = r[0]
		case "note":
			s.Note = d.str(v, key)
		case "derived_from":
			sd.derived = d.refs(v, key)
			for _, r := range sd.derived {
				s.DerivedFrom = append(s.DerivedFrom, r.id)
			}
		}
	})
	if !ok {
		return nil
	}
	if s.ID == "" {
		d.errorf(n, "source has no id (add id: <key>, the key claims cite)")
		return nil
	}
	if s.Title == "" {
		d.errorf(n, "source %s has no title", s.ID)
	}
	switch {
	case kindNode == nil:
		d.errorf(n, "source %s has no kind (one of %s)", s.ID, kinds())
	case !s.Kind.Valid():
		d.errorf(kindNode, "unknown source kind %q: use one of %s%s", s.Kind, kinds(), didYouMean(string(s.Kind), kindList()))
	}
	s.Origin = d.file
	return sd
}

func kindList() []string {
	out := make([]string, len(tokumu.SourceKinds))
	for i, k := range tokumu.SourceKinds {
		out[i] = string(k)
	}
	return out
}

func kinds() string { return strings.Join(kindList(), ", ") }

func (d *decoder) agents(n *yaml.Node, field string) []tokumu.Agent {
	nodes := []*yaml.Node{n}
	if n.Kind == yaml.SequenceNode {
		nodes = n.Content
	}
	var out []tokumu.Agent
	for _, c := range nodes {
		switch c.Kind {
		case yaml.ScalarNode:
			s := d.str(c, field)
			if fam, giv, ok := strings.Cut(s, ","); ok {
				out = append(out, tokumu.Agent{Family: strings.TrimSpace(fam), Given: strings.TrimSpace(giv)})
			} else {
				out = append(out, tokumu.Agent{Literal: s})
			}
		case yaml.MappingNode:
			var a tokumu.Agent
			d.fields(c, field, []string{"family", "given", "literal"}, func(key string, k, v *yaml.Node) {
				switch key {
				case "family":
					a.Family = d.str(v, key)
				case "given":
					a.Given = d.str(v, key)
				case "literal":
					a.Literal = d.str(v, key)
				}
			})
			out = append(out, a)
		default:
			d.errorf(c, "%s must be a list of {family: …, given: …} or names", field)
		}
	}
	return out
}

// --- entities ----------------------------------------------------------------

var entityFields = []string{"id", "type", "names", "summary", "tags", "claims", "note"}

var nameFields = []string{"text", "lang", "kind", "when", "source", "note"}

var claimFields = []string{"id", "p", "o", "v", "unit", "role", "lang", "when", "where", "source", "loc",
	"grade", "by", "planted_by", "note", "supported_by", "complicated_by"}

func (d *decoder) entity(n *yaml.Node) *entityDecl {
	e := &tokumu.Entity{Origin: d.file}
	ed := &entityDecl{e: e, file: d.file, at: at(n)}
	var typeNode, claimsNode *yaml.Node
	ok := d.fields(n, "an entity", entityFields, func(key string, k, v *yaml.Node) {
		switch key {
		case "id":
			e.ID = d.str(v, key)
			ed.idAt = at(v)
			d.checkID(v, e.ID, "entity id")
		case "type":
			typeNode = v
			e.Type = tokumu.EntityType(d.str(v, key))
		case "names":
			if v.Kind != yaml.SequenceNode {
				d.errorf(v, "names must be a list of {text: …, lang: …}")
				return
			}
			for _, c := range v.Content {
				if nm, nd, ok := d.name(c); ok {
					e.Names = append(e.Names, nm)
					ed.names = append(ed.names, nd)
				}
			}
		case "summary":
			e.Summary = d.langMap(v, key)
		case "tags":
			e.Tags = d.strs(v, key)
		case "claims":
			claimsNode = v
		}
	})
	if !ok {
		return nil
	}
	if e.ID == "" {
		d.errorf(n, "entity has no id (add id: <id>)")
		return nil
	}
	switch {
	case typeNode == nil:
		d.errorf(n, "entity %s has no type (one of %s)", e.ID, typeNames())
	case !e.Type.Valid():
		d.errorf(typeNode, "unknown entity type %q: use one of %s", e.Type, typeNames())
	}
	if len(e.Names) == 0 {
		d.errorf(n, "entity %s has no names: give at least one {text: …, lang: …}", e.ID)
	}
	if claimsNode != nil {
		if claimsNode.Kind != yaml.SequenceNode {
			d.errorf(claimsNode, "claims must be a list")
		} else {
			ed.claims = make([]*claimDecl, 0, len(claimsNode.Content))
			for _, c := range claimsNode.Content {
				if cd := d.claim(c, e.ID); cd != nil {
					ed.claims = append(ed.claims, cd)
				}
			}
		}
	}
	return ed
}

func typeNames() string {
	s := make([]string, len(tokumu.EntityTypes))
	for i, t := range tokumu.EntityTypes {
		s[i] = string(t)
	}
	return strings.Join(s, ", ")
}

func (d *decoder) name(n *yaml.Node) (tokumu.Name, nameDecl, bool) {
	var nm tokumu.Name
	nd := nameDecl{at: at(n)}
	var kindNode *yaml.Node
	ok := d.fields(n, "a name", nameFields, func(key string, k, v *yaml.Node) {
		switch key {
		case "text":
			nm.Text = d.str(v, key)
		case "lang":
			nm.Lang = d.str(v, key)
			if !validLangTag(nm.Lang) {
				d.errorf(v, "lang %q is not a BCP 47 language tag (e.g. ja, ja-Latn, ru, ru-Latn, en, zh-Hant)", nm.Lang)
			}
		case "kind":
			nm.Kind = tokumu.NameKind(d.str(v, key))
			kindNode = v
		case "when":
			nm.When, _ = d.when(v, key)
		case "source":
			nd.source = ref{d.str(v, key), at(v)}
			nm.Source = nd.source.id
		}
	})
	if !ok {
		return nm, nd, false
	}
	if nm.Text == "" {
		d.errorf(n, "name has no text")
		return nm, nd, false
	}
	if nm.Lang == "" {
		d.errorf(n, "name %q has no lang (e.g. lang: ja, ja-Latn, ru, en)", nm.Text)
	}
	switch {
	case kindNode == nil:
		nm.Kind = defaultNameKind(nm.Lang)
	case !nm.Kind.Valid():
		ks := make([]string, len(tokumu.NameKinds))
		for i, k := range tokumu.NameKinds {
			ks[i] = string(k)
		}
		d.errorf(kindNode, "unknown name kind %q: use one of %s", nm.Kind, strings.Join(ks, ", "))
	}
	return nm, nd, true
}

// defaultNameKind is native for a name in its language's own script, and
// romanized for a Latin-script form of a non-Latin language (ja-Latn).
func defaultNameKind(lang string) tokumu.NameKind {
	if strings.HasSuffix(lang, "-Latn") && !strings.HasPrefix(lang, "en") {
		return tokumu.Romanized
	}
	return tokumu.Native
}

func (d *decoder) claim(n *yaml.Node, subject string) *claimDecl {
	c := &tokumu.Claim{Subject: subject}
	cd := &claimDecl{c: c, at: at(n)}
	ok := d.fields(n, "a claim", claimFields, func(key string, k, v *yaml.Node) {
		switch key {
		case "id":
			c.ID = d.str(v, key)
			cd.idAt = at(v)
			d.checkID(v, c.ID, "claim id")
		case "p":
			cd.pred = ref{d.str(v, key), at(v)}
			c.Predicate = cd.pred.id
		case "o":
			cd.object = ref{d.str(v, key), at(v)}
			c.Object = cd.object.id
		case "v":
			c.Value = d.str(v, key)
			cd.valueAt = at(v)
		case "unit":
			c.Unit = d.str(v, key)
		case "role":
			c.Role = d.str(v, key)
		case "lang":
			c.Lang = d.str(v, key)
			if !validLangTag(c.Lang) {
				d.errorf(v, "lang %q is not a BCP 47 language tag", c.Lang)
			}
		case "when":
			var ok bool
			c.When, ok = d.when(v, key)
			cd.badWhen = !ok
		case "where":
			cd.where = ref{d.str(v, key), at(v)}
			c.Where = cd.where.id
		case "source":
			cd.source = ref{d.str(v, key), at(v)}
			c.Source = cd.source.id
		case "loc":
			c.Locator = d.str(v, key)
		case "grade":
			g, err := tokumu.ParseGrade(d.str(v, key))
			if err != nil {
				d.errorf(v, "%v", err)
				return
			}
			cd.grade, cd.hasGrade, cd.gradeAt = g, true, at(v)
		case "by":
			cd.persp = ref{d.str(v, key), at(v)}
			c.Perspective = cd.persp.id
		case "planted_by":
			cd.planted = ref{d.str(v, key), at(v)}
			c.PlantedBy = cd.planted.id
		case "note":
			c.Note = d.str(v, key)
		case "supported_by":
			cd.supported = d.refs(v, key)
		case "complicated_by":
			cd.complic = d.refs(v, key)
		}
	})
	if !ok {
		return nil
	}
	if c.Predicate == "" {
		d.errorf(n, "claim has no predicate (p: …)")
		return nil
	}
	c.Origin = fmt.Sprintf("%s:%d", d.file, n.Line)
	return cd
}

// when parses a time, reporting a bad one at the character where it goes wrong.
func (d *decoder) when(n *yaml.Node, field string) (tokumu.When, bool) {
	s := d.str(n, field)
	if s == "" {
		return tokumu.When{}, false
	}
	w, off, err := tokumu.ParseWhen(s)
	if err != nil {
		col := n.Column
		if n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
			col++
		}
		if off > 0 && off <= len(s) {
			col += utf8.RuneCountInString(s[:off])
		}
		d.errs.Add(d.file, n.Line, col, "bad date in %s: %v", field, err)
		return tokumu.When{}, false
	}
	return w, true
}

// validLangTag reports whether tag is a well-formed BCP 47 tag
// (golang.org/x/text/language): ja, ja-Latn, ru-Latn, zh-Hant, pl.
func validLangTag(tag string) bool {
	if tag == "" || strings.HasPrefix(tag, "x-") {
		return false
	}
	_, err := language.Parse(tag)
	return err == nil
}
