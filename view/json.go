package view

import (
	"strings"

	"github.com/tokumu/tokumu"
)

// The JSON shapes of the views, shared by the CLI's --json and the HTTP
// API so that scripts see the same document from both.

// EntityPage is the JSON form of an EntityView.
type EntityPage struct {
	Entity        *tokumu.Entity            `json:"entity"`
	Groups        []EntityPageGroup         `json:"groups"`
	Disagreements []DisagreementRef         `json:"disagreements"`
	SameAs        []SameAsJSON              `json:"possibly_same_as"`
	Entities      map[string]*tokumu.Entity `json:"entities"`
	Sources       map[string]*tokumu.Source `json:"sources"`
}

// EntityPageGroup is one predicate section of an entity page.
type EntityPageGroup struct {
	Predicate string          `json:"predicate"`
	Label     string          `json:"label"`
	Inverse   bool            `json:"inverse,omitempty"`
	Claims    []*tokumu.Claim `json:"claims"`
}

// DisagreementRef names a disagreement's claims by id.
type DisagreementRef struct {
	Predicate string   `json:"predicate"`
	Object    string   `json:"object,omitempty"`
	Reason    string   `json:"reason"`
	Possible  bool     `json:"possible,omitempty"`
	Claims    []string `json:"claims"`
}

// Page returns the JSON form of v with labels in lang.
func (v *EntityView) Page(lang string) EntityPage {
	out := EntityPage{Entity: v.Entity, Groups: []EntityPageGroup{}, Disagreements: []DisagreementRef{},
		SameAs: []SameAsJSON{}, Entities: v.Entities, Sources: v.Sources}
	for _, s := range v.SameAs {
		out.SameAs = append(out.SameAs, SameAsJSON{s.Other, v.Label(s.Other, lang), s.Claim.ID, s.Claim.Grade, s.Claim.Source, s.Claim.Locator})
	}
	for _, g := range v.Groups {
		label := g.Predicate
		if p := v.Predicates[g.Predicate]; p != nil {
			label = p.LabelIn(lang)
			if g.Inverse {
				label = p.InverseIn(lang)
			}
		}
		out.Groups = append(out.Groups, EntityPageGroup{g.Predicate, label, g.Inverse, g.Claims})
	}
	for _, d := range v.Disagreements {
		ids := make([]string, len(d.Claims))
		for i, c := range d.Claims {
			ids[i] = c.ID
		}
		out.Disagreements = append(out.Disagreements, DisagreementRef{d.Predicate, d.Object, d.Reason, d.Possible, ids})
	}
	return out
}

// AtRelation is a claim that held at a date, and whether it certainly did;
// where other evidence bounds its unknown start or end, the bound, why,
// and the claim it comes from.
type AtRelation struct {
	*tokumu.Claim
	Certain bool       `json:"certain"`
	Ended   *BoundJSON `json:"ended_by,omitempty"`
	Started *BoundJSON `json:"started_after,omitempty"`
}

// BoundJSON is one bound of a holding: the day, the reason ("death",
// "dissolution", "successor", "next posting", "predecessor", "founding")
// and the claim that gives it.
type BoundJSON struct {
	Day    tokumu.Day `json:"day"`
	Reason string     `json:"reason"`
	Claim  string     `json:"claim"`
}

// AtPage is the JSON form of an AtView.
type AtPage struct {
	Date            tokumu.Day                `json:"date"`
	Entity          *tokumu.Entity            `json:"entity,omitempty"`
	Status          string                    `json:"status,omitempty"`
	StatusBy        []*tokumu.Claim           `json:"status_by,omitempty"`
	Claims          []AtRelation              `json:"claims"`
	Successor       []*tokumu.Claim           `json:"successor,omitempty"`
	SuccessorClaims []AtRelation              `json:"successor_claims,omitempty"`
	Entities        map[string]*tokumu.Entity `json:"entities"`
}

// Page returns the JSON form of v.
func (v *AtView) Page() AtPage {
	wrap := func(cs []*tokumu.Claim) []AtRelation {
		out := make([]AtRelation, 0, len(cs))
		for _, c := range cs {
			r := AtRelation{Claim: c, Certain: v.Certain[c.ID]}
			if b, ok := v.Bounds[c.ID]; ok {
				if b.EndBy != nil {
					r.Ended = &BoundJSON{b.End, b.EndWhy, b.EndBy.ID}
				}
				if b.StartBy != nil {
					r.Started = &BoundJSON{b.Start, b.StartWhy, b.StartBy.ID}
				}
			}
			out = append(out, r)
		}
		return out
	}
	return AtPage{v.Date, v.Entity, v.Status, v.StatusBy, wrap(v.Claims), v.Successor, wrap(v.SuccessorClaims), v.Entities}
}

// DisagreementJSON is a disagreement with its claims in full.
type DisagreementJSON struct {
	Subject   string `json:"subject"`
	Predicate string `json:"predicate"`
	Object    string `json:"object,omitempty"`
	Reason    string `json:"reason"`
	Possible  bool   `json:"possible,omitempty"`
	// Holders are, for two holders of one office (subject and object
	// are then the office), the claims' subjects in order.
	Holders []string        `json:"holders,omitempty"`
	Claims  []*tokumu.Claim `json:"claims"`
}

// DisagreementsJSON returns the JSON form of ds (never nil).
func DisagreementsJSON(ds []Disagreement) []DisagreementJSON {
	out := []DisagreementJSON{}
	for _, d := range ds {
		j := DisagreementJSON{Subject: d.Subject, Predicate: d.Predicate, Object: d.Object, Reason: d.Reason, Possible: d.Possible, Claims: d.Claims}
		if strings.HasPrefix(d.Reason, "two holders") {
			for _, c := range d.Claims {
				j.Holders = append(j.Holders, c.Subject)
			}
		}
		out = append(out, j)
	}
	return out
}
