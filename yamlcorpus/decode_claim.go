package yamlcorpus

// Claims and their times.

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/tokumu/tokumu"
	"go.yaml.in/yaml/v3"
)

func (d *decoder) claim(n *yaml.Node, subject string) *claimDecl {
	c := &tokumu.Claim{Subject: subject}
	cd := &claimDecl{c: c, at: at(n)}
	ok := d.fields(n, "a claim", claimFields, func(key string, k, v *yaml.Node) {
		switch key {
		case "id":
			c.ID = d.str(v, key)
			cd.idAt = at(v)
			if !keptDerivedID(c.ID, subject) {
				d.checkID(v, c.ID, "claim id")
			}
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
		case "named_as":
			cd.namedAt = map[string]pos{}
			d.fields(v, "named_as", namedAsFields, func(key string, _, w *yaml.Node) {
				cd.namedAt[key] = at(w)
				switch key {
				case "subject":
					c.NamedAs.Subject = d.str(w, "named_as."+key)
				case "o":
					c.NamedAs.Object = d.str(w, "named_as."+key)
				case "by":
					c.NamedAs.Perspective = d.str(w, "named_as."+key)
				case "words":
					c.NamedAs.Words = d.str(w, "named_as."+key)
				}
			})
		case "note":
			c.Note = d.str(v, key)
			cd.noteAt = at(v)
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

// keptDerivedID reports whether id is a derived claim id of subject
// ("subject~<16 hex digits>", tokumu.DeriveClaimID) written out as an
// explicit id. An export writes one where an edit changed what the id was
// derived from (its source, say): the claim keeps its permalink, and the
// corpus must load back as it was exported. Any other '~' stays refused,
// so that no hand-written id can take a form derivation gives.
func keptDerivedID(id, subject string) bool {
	hash, ok := strings.CutPrefix(id, subject+"~")
	if !ok || len(hash) != 16 {
		return false
	}
	for _, r := range hash {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f') {
			return false
		}
	}
	return true
}
