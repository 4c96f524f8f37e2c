package yamlcorpus

import (
	"sort"
	"strconv"
	"strings"

	"github.com/tokumu/tokumu"
)

// linker gathers the declarations of every file and checks what no single
// file can: duplicate ids and references between files.
type linker struct {
	preds    []*predDecl
	sources  []*sourceDecl
	entities []*entityDecl
	settings *settingsDecl
	nClaims  int

	predByID   map[string]*predDecl
	sourceByID map[string]*sourceDecl
	entityByID map[string]*entityDecl
	claimByID  map[string]*claimDecl

	entityIDs []string // sorted, for suggestions
	sourceIDs []string
	predIDs   []string
}

func (l *linker) add(r *fileResult) {
	l.preds = append(l.preds, r.preds...)
	l.sources = append(l.sources, r.sources...)
	l.entities = append(l.entities, r.entities...)
	if r.settings != nil {
		l.settings = r.settings
	}
	for _, e := range r.entities {
		l.nClaims += len(e.claims)
	}
}

func (l *linker) link() ErrorList {
	var errs ErrorList
	l.predByID = make(map[string]*predDecl, len(l.preds))
	for _, p := range l.preds {
		if prev, dup := l.predByID[p.p.ID]; dup {
			errs.Add(p.file, int(p.at.line), int(p.at.col), "duplicate predicate %s (first defined at %s:%d)", p.p.ID, prev.file, prev.at.line)
			continue
		}
		l.predByID[p.p.ID] = p
		l.predIDs = append(l.predIDs, p.p.ID)
	}
	l.sourceByID = make(map[string]*sourceDecl, len(l.sources))
	for _, s := range l.sources {
		if prev, dup := l.sourceByID[s.s.ID]; dup {
			errs.Add(s.file, int(s.idAt.line), int(s.idAt.col), "duplicate source id %s (also in %s)", s.s.ID, prev.file)
			continue
		}
		l.sourceByID[s.s.ID] = s
		l.sourceIDs = append(l.sourceIDs, s.s.ID)
	}
	l.entityByID = make(map[string]*entityDecl, len(l.entities))
	for _, e := range l.entities {
		if prev, dup := l.entityByID[e.e.ID]; dup {
			errs.Add(e.file, int(e.idAt.line), int(e.idAt.col), "duplicate entity id %s (also in %s)", e.e.ID, prev.file)
			continue
		}
		l.entityByID[e.e.ID] = e
		l.entityIDs = append(l.entityIDs, e.e.ID)
	}
	sort.Strings(l.entityIDs)
	sort.Strings(l.sourceIDs)
	sort.Strings(l.predIDs)

	// Claim ids: explicit ones must be unique; the others are derived
	// from what identifies the claim (tokumu.DeriveClaimID), so they
	// survive reordering and edits of date, locator, grade and note. Two
	// claims with one identity are an error naming both, never a merge.
	l.claimByID = make(map[string]*claimDecl, l.nClaims)
	for _, e := range l.entities {
		for _, cd := range e.claims {
			if cd.c.ID == "" {
				continue
			}
			if prev, dup := l.claimByID[cd.c.ID]; dup {
				errs.Add(e.file, int(cd.idAt.line), int(cd.idAt.col), "duplicate claim id %s (also at %s)", cd.c.ID, prev.c.Origin)
				continue
			}
			l.claimByID[cd.c.ID] = cd
		}
	}
	for _, e := range l.entities {
		for _, cd := range e.claims {
			if cd.c.ID != "" {
				continue
			}
			id := tokumu.DeriveClaimID(cd.c)
			if prev, dup := l.claimByID[id]; dup {
				errs.Add(e.file, int(cd.at.line), int(cd.at.col),
					"this claim and the one at %s say the same thing from the same source (id %s); if they are two statements (two dates, two places), give one an explicit id (id: %s-…); if they are one, delete one",
					prev.c.Origin, id, cd.c.Subject)
				continue
			}
			cd.c.ID = id
			l.claimByID[id] = cd
		}
	}
	if l.settings != nil && l.settings.root.id != "" {
		if e := l.checkEntity(&errs, l.settings.file, l.settings.root, "structure.root"); e != nil && e.e.Type != tokumu.Organization && e.e.Type != tokumu.Unit {
			errs.Add(l.settings.file, int(l.settings.root.at.line), int(l.settings.root.at.col), "structure.root: %s is a %s, not an organization or unit", e.e.ID, e.e.Type)
		}
	}
	if len(l.preds) > 0 {
		preds := make([]*tokumu.Predicate, len(l.preds))
		for i, p := range l.preds {
			preds[i] = p.p
		}
		if _, err := tokumu.NewVocab(preds); err != nil {
			p := l.preds[0]
			errs.Add(p.file, int(p.at.line), int(p.at.col), "%s", tokumu.ErrorMessage(err))
		}
	}

	for _, e := range l.entities {
		for _, n := range e.names {
			if n.source.id != "" {
				l.checkSource(&errs, e.file, n.source)
			}
		}
		for _, cd := range e.claims {
			l.checkClaim(&errs, e, cd)
		}
	}
	return errs
}

func (l *linker) checkSource(errs *ErrorList, file string, r ref) *sourceDecl {
	s := l.sourceByID[r.id]
	if s == nil {
		errs.Add(file, int(r.at.line), int(r.at.col), "source %q is not in the bibliography%s; add sources/%s.yaml or fix the key",
			r.id, didYouMean(r.id, l.sourceIDs), r.id)
	}
	return s
}

func (l *linker) checkEntity(errs *ErrorList, file string, r ref, field string) *entityDecl {
	e := l.entityByID[r.id]
	if e == nil {
		errs.Add(file, int(r.at.line), int(r.at.col), "%s: unknown entity %q%s", field, r.id, didYouMean(r.id, l.entityIDs))
	}
	return e
}

func (l *linker) checkClaim(errs *ErrorList, e *entityDecl, cd *claimDecl) {
	c := cd.c
	file := e.file
	p := l.predByID[c.Predicate]
	if p == nil {
		errs.Add(file, int(cd.pred.at.line), int(cd.pred.at.col), "predicate %q is not in the vocabulary%s", c.Predicate, didYouMean(c.Predicate, l.predIDs))
	} else {
		pr := p.p
		if e.e.Type.Valid() && !pr.AllowsSubject(e.e.Type) {
			errs.Add(file, int(cd.pred.at.line), int(cd.pred.at.col), "predicate %s cannot be said of a %s (it is for %s)", pr.ID, e.e.Type, joinTypes(pr.Domain))
		}
		switch pr.Literal {
		case "":
			if c.Object == "" {
				errs.Add(file, int(cd.at.line), int(cd.at.col), "predicate %s needs an object: o: <id of a %s>", pr.ID, joinTypes(pr.Range))
			}
		case tokumu.LiteralNone:
			if c.Object != "" || c.Value != "" {
				errs.Add(file, int(cd.at.line), int(cd.at.col), "predicate %s takes no object or value, only when/where", pr.ID)
			}
			if c.When.IsZero() && c.Where == "" && !cd.badWhen {
				errs.Add(file, int(cd.at.line), int(cd.at.col), "predicate %s says nothing without when or where", pr.ID)
			}
		default:
			if c.Object != "" {
				errs.Add(file, int(cd.object.at.line), int(cd.object.at.col), "predicate %s takes a value (v: …), not an entity", pr.ID)
			} else if c.Value == "" {
				errs.Add(file, int(cd.at.line), int(cd.at.col), "predicate %s needs a value: v: <%s>", pr.ID, pr.Literal)
			}
		}
		if c.Value != "" {
			switch pr.Literal {
			case tokumu.LiteralNumber:
				if _, err := strconv.ParseFloat(strings.ReplaceAll(c.Value, "_", ""), 64); err != nil {
					errs.Add(file, int(cd.valueAt.line), int(cd.valueAt.col), "predicate %s needs a number, not %q (write ranges as two claims, or put the wording in note)", pr.ID, c.Value)
				}
				if c.Unit == "" {
					errs.Add(file, int(cd.valueAt.line), int(cd.valueAt.col), "a number needs a unit (unit: men, divisions, aircraft, tanks …)")
				}
			case tokumu.LiteralPoint:
				if _, _, err := tokumu.ParsePoint(c.Value); err != nil {
					errs.Add(file, int(cd.valueAt.line), int(cd.valueAt.col), "%s", tokumu.ErrorMessage(err))
				}
			}
		}
		if c.Object != "" {
			if o := l.checkEntity(errs, file, cd.object, "o"); o != nil && o.e.Type.Valid() && pr.Literal == "" && !pr.AllowsObject(o.e.Type) {
				errs.Add(file, int(cd.object.at.line), int(cd.object.at.col), "predicate %s cannot point at %s, a %s (it takes %s)", pr.ID, c.Object, o.e.Type, joinTypes(pr.Range))
			}
		}
	}
	if c.Object != "" && p == nil {
		l.checkEntity(errs, file, cd.object, "o")
	}
	if c.Where != "" {
		if w := l.checkEntity(errs, file, cd.where, "where"); w != nil && w.e.Type != tokumu.Place {
			errs.Add(file, int(cd.where.at.line), int(cd.where.at.col), "where: %s is a %s, not a place", c.Where, w.e.Type)
		}
	}
	if c.Perspective != "" {
		l.checkEntity(errs, file, cd.persp, "by")
	}
	if c.PlantedBy != "" {
		if op := l.checkEntity(errs, file, cd.planted, "planted_by"); op != nil && op.e.Type != tokumu.Operation && op.e.Type != tokumu.Event {
			errs.Add(file, int(cd.planted.at.line), int(cd.planted.at.col), "planted_by: %s is a %s; it must be the operation that planted the claim", c.PlantedBy, op.e.Type)
		}
	}
	for _, r := range cd.supported {
		l.checkEvidence(errs, file, r, "supported_by")
	}
	for _, r := range cd.complic {
		l.checkEvidence(errs, file, r, "complicated_by")
	}
	for _, r := range cd.supported {
		c.SupportedBy = append(c.SupportedBy, r.id)
	}
	for _, r := range cd.complic {
		c.ComplicatedBy = append(c.ComplicatedBy, r.id)
	}
	if c.Source != "" {
		if s := l.checkSource(errs, file, cd.source); s != nil {
			g := s.s.DefaultGrade()
			if cd.hasGrade {
				g.Credibility = cd.grade.Credibility
				if cd.grade.Reliability != 0 {
					g.Reliability = cd.grade.Reliability
				}
			}
			c.Grade = g
		}
	}
}

func (l *linker) checkEvidence(errs *ErrorList, file string, r ref, field string) {
	if _, ok := l.claimByID[r.id]; ok {
		return
	}
	if _, ok := l.entityByID[r.id]; ok {
		return
	}
	errs.Add(file, int(r.at.line), int(r.at.col), "%s: %q is neither a claim id nor an entity id%s", field, r.id, didYouMean(r.id, l.entityIDs))
}

func joinTypes(ts []tokumu.EntityType) string {
	s := make([]string, len(ts))
	for i, t := range ts {
		s[i] = string(t)
	}
	return strings.Join(s, ", ")
}

// dataset assembles the checked declarations, in a deterministic order.
func (l *linker) dataset() *tokumu.Dataset {
	ds := &tokumu.Dataset{
		Predicates: make([]*tokumu.Predicate, 0, len(l.preds)),
		Sources:    make([]*tokumu.Source, 0, len(l.sources)),
		Entities:   make([]*tokumu.Entity, 0, len(l.entities)),
		Claims:     make([]*tokumu.Claim, 0, l.nClaims),
	}
	for _, p := range l.preds {
		ds.Predicates = append(ds.Predicates, p.p)
	}
	for _, s := range l.sources {
		ds.Sources = append(ds.Sources, s.s)
	}
	if l.settings != nil {
		ds.Settings = l.settings.s
	}
	for _, e := range l.entities {
		ds.Entities = append(ds.Entities, e.e)
		for _, cd := range e.claims {
			ds.Claims = append(ds.Claims, cd.c)
		}
	}
	return ds
}
