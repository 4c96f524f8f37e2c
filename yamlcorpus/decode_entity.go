package yamlcorpus

// Entities and their names.

import (
	"strings"

	"github.com/tokumu/tokumu"
	"go.yaml.in/yaml/v3"
)

var entityFields = []string{"id", "type", "names", "summary", "tags", "claims", "note"}

var nameFields = []string{"text", "lang", "kind", "when", "source", "note"}

var claimFields = []string{"id", "p", "o", "v", "unit", "role", "lang", "when", "where", "source", "loc",
	"grade", "by", "planted_by", "named_as", "note", "supported_by", "complicated_by"}

// namedAsFields are the keys of a claim's named_as: the claim fields whose
// entity the source names in its own words.
var namedAsFields = []string{"subject", "o", "by", "words"}

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
