package yamlcorpus

// The bibliography: one source per file, in CSL's fields.

import (
	"strings"

	"github.com/tokumu/tokumu"
	"go.yaml.in/yaml/v3"
)

var sourceFields = []string{"id", "kind", "type", "author", "editor", "title", "title_en", "container",
	"publisher", "place", "year", "issued", "volume", "issue", "pages", "edition", "url", "doi", "isbn",
	"archive", "archive_location", "accessed", "language", "reliability", "note", "derived_from"}

// sourceText maps the fields of a source that are plain text, copied as
// written, to where they go; the other fields are checked as they are
// read (the switch in source).
func sourceText(s *tokumu.Source) map[string]*string {
	return map[string]*string{
		"type": &s.Type, "title": &s.Title, "title_en": &s.TitleEn, "container": &s.Container,
		"publisher": &s.Publisher, "place": &s.Place, "volume": &s.Volume, "issue": &s.Issue,
		"pages": &s.Pages, "edition": &s.Edition, "doi": &s.DOI, "isbn": &s.ISBN,
		"archive": &s.Archive, "archive_location": &s.ArchiveLocation, "accessed": &s.Accessed,
		"note": &s.Note,
	}
}

func (d *decoder) source(n *yaml.Node) *sourceDecl {
	s := &tokumu.Source{}
	sd := &sourceDecl{s: s, file: d.file, at: at(n)}
	var kindNode *yaml.Node
	plain := sourceText(s)
	ok := d.fields(n, "a source", sourceFields, func(key string, k, v *yaml.Node) {
		if dst, ok := plain[key]; ok {
			*dst = d.str(v, key)
			if key == "accessed" {
				sd.accAt = at(v)
			}
			return
		}
		switch key {
		case "id":
			s.ID = d.str(v, key)
			sd.idAt = at(v)
			d.checkID(v, s.ID, "source id")
		case "kind":
			s.Kind = tokumu.SourceKind(d.str(v, key))
			kindNode = v
		case "author":
			s.Authors = d.agents(v, key)
		case "editor":
			s.Editors = d.agents(v, key)
		case "year", "issued":
			if s.Issued != "" {
				d.errorf(k, "give year or issued, not both")
			}
			if w, ok := d.when(v, key); ok {
				s.Issued = w.EDTF
			}
		case "url":
			s.URL = d.str(v, key)
			sd.urlAt = at(k)
			if s.URL != "" && !strings.HasPrefix(s.URL, "http://") && !strings.HasPrefix(s.URL, "https://") {
				d.errorf(v, "url must start with http:// or https://")
			}
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
