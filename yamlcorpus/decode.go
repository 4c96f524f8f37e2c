package yamlcorpus

import (
	"fmt"
	"strings"

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
	urlAt   pos   // the url key: a missing access date is reported there
	accAt   pos   // the accessed value: one that is not a date is reported there
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
	namedAt   map[string]pos // named_as.<key> → the wording's position
	valueAt   pos
	noteAt    pos
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
			return fmt.Sprintf("has %q: ids use a-z, 0-9 and hyphens only (e.g. %q)", r, tokumu.Slug(id))
		}
	}
	return ""
}

// --- vocabulary ---------------------------------------------------------------

// validLangTag reports whether tag is a well-formed BCP 47 tag
// (golang.org/x/text/language): ja, ja-Latn, ru-Latn, zh-Hant, pl.
func validLangTag(tag string) bool {
	if tag == "" || strings.HasPrefix(tag, "x-") {
		return false
	}
	_, err := language.Parse(tag)
	return err == nil
}
