package yamlcorpus

// The vocabulary: predicates with their labels, types and roles.

import (
	"fmt"
	"strings"

	"github.com/tokumu/tokumu"
	"go.yaml.in/yaml/v3"
)

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
				d.errorf(v, "predicate id %q: use a-z, 0-9 and underscores (e.g. %q)", p.ID, strings.ReplaceAll(tokumu.Slug(p.ID), "-", "_"))
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
