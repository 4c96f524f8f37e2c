package yamlcorpus

import (
	"fmt"
	"slices"
	"sort"
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
	warnings []string

	predByID   map[string]*predDecl
	sourceByID map[string]*sourceDecl
	entityByID map[string]*entityDecl
	claimByID  map[string]*claimDecl
	// claimIDs holds the claim ids when the claims themselves are not
	// held (a Stream's second pass).
	claimIDs []string // sorted

	// broken holds the ids declared in files that did not parse.
	broken map[string]bool

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
	for _, id := range r.broken {
		if l.broken == nil {
			l.broken = map[string]bool{}
		}
		l.broken[id] = true
	}
}

// followsBroken reports whether an unknown id is one a file that did not
// parse declares (or a claim of such an entity, "entity~hash").
func (l *linker) followsBroken(id string) bool {
	if i := strings.IndexByte(id, '~'); i > 0 {
		id = id[:i]
	}
	return l.broken[id]
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
	for _, s := range l.sources {
		for _, r := range s.derived {
			switch {
			case r.id == s.s.ID:
				errs.Add(s.file, int(r.at.line), int(r.at.col), "source %s: derived_from names the source itself; list the sources it repeats", s.s.ID)
			case l.sourceByID[r.id] == nil:
				errs.Add(s.file, int(r.at.line), int(r.at.col), "source %s: derived_from %q is not a source id (add it to sources/ or fix the key)", s.s.ID, r.id)
			}
		}
	}

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
	for _, sd := range l.sources {
		for _, p := range tokumu.ValidateSource(sd.s) {
			switch p.Field {
			case "title", "kind":
				// the decoder reports these at their fields
			case "author", "language":
				// An anonymous work has no author to give (a footnote
				// then starts with the title), and a missing language
				// only costs the reader a hint: such entries load with a
				// warning. A page on the web without the day it was read
				// cannot be cited at all, so that is an error.
				l.warnings = append(l.warnings, fmt.Sprintf("%s:%d:%d: %s", sd.file, sd.at.line, sd.at.col, p.Message))
			case "accessed", "url":
				where := sd.urlAt
				if p.Field == "accessed" && sd.s.Accessed != "" {
					where = sd.accAt // there is a date, but not one
				}
				errs.Add(sd.file, int(where.line), int(where.col), "%s", p.Message)
			default:
				errs.Add(sd.file, int(sd.at.line), int(sd.at.col), "%s", p.Message)
			}
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
		vocab, err := tokumu.NewVocab(preds)
		if err != nil {
			p := l.preds[0]
			errs.Add(p.file, int(p.at.line), int(p.at.col), "%s", tokumu.ErrorMessage(err))
		} else {
			l.checkCycles(&errs, vocab)
		}
	}

	for _, e := range l.entities {
		for i, n := range e.names {
			if n.source.id != "" {
				l.checkSource(&errs, e.file, n.source)
			}
			if i < len(e.e.Names) {
				for _, p := range tokumu.ValidateName(e.e.Names[i]) {
					errs.Add(e.file, int(n.at.line), int(n.at.col), "%s", p.Message)
				}
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
	if s == nil && !l.followsBroken(r.id) {
		errs.Add(file, int(r.at.line), int(r.at.col), "source %q is not in the bibliography%s; add sources/%s.yaml or fix the key",
			r.id, didYouMean(r.id, l.sourceIDs), r.id)
	}
	return s
}

func (l *linker) checkEntity(errs *ErrorList, file string, r ref, field string) *entityDecl {
	e := l.entityByID[r.id]
	if e == nil && !l.followsBroken(r.id) {
		errs.Add(file, int(r.at.line), int(r.at.col), "%s: unknown entity %q%s", field, r.id, didYouMean(r.id, l.entityIDs))
	}
	return e
}

// checkClaim applies the domain's rules (tokumu.ValidateClaim) and puts
// each problem at the position of the field it concerns.
func (l *linker) checkClaim(errs *ErrorList, e *entityDecl, cd *claimDecl) {
	c := cd.c
	for _, r := range cd.supported {
		c.SupportedBy = append(c.SupportedBy, r.id)
	}
	for _, r := range cd.complic {
		c.ComplicatedBy = append(c.ComplicatedBy, r.id)
	}
	for _, p := range tokumu.ValidateClaim(l, e.e.Type, c) {
		if p.Field == "when" && cd.badWhen {
			continue // the date did not parse; that is already reported
		}
		at := cd.at
		switch p.Field {
		case "p":
			at = cd.pred.at
		case "o":
			at = cd.object.at
		case "v":
			at = cd.valueAt
		case "where":
			at = cd.where.at
		case "by":
			at = cd.persp.at
		case "planted_by":
			at = cd.planted.at
		case "source":
			at = cd.source.at
		case "supported_by":
			at = cd.supported[p.Index].at
		case "complicated_by":
			at = cd.complic[p.Index].at
		case "named_as.subject", "named_as.o", "named_as.by":
			at = cd.namedAt[strings.TrimPrefix(p.Field, "named_as.")]
		}
		if at.line == 0 {
			at = cd.at
		}
		if p.Unknown != "" && l.followsBroken(p.Unknown) {
			continue
		}
		msg := p.Message
		if p.Unknown != "" {
			switch p.Kind {
			case "entity", "claim or entity":
				msg += didYouMean(p.Unknown, l.entityIDs)
			case "source":
				msg = fmt.Sprintf("source %q is not in the bibliography%s; add sources/%s.yaml or fix the key", p.Unknown, didYouMean(p.Unknown, l.sourceIDs), p.Unknown)
			case "predicate":
				msg += didYouMean(p.Unknown, l.predIDs)
			}
		}
		errs.Add(e.file, int(at.line), int(at.col), "%s", msg)
	}
	if s := l.sourceByID[c.Source]; s != nil {
		var written tokumu.Grade
		if cd.hasGrade {
			written = cd.grade
		}
		c.Grade = tokumu.EffectiveGrade(s.s, written)
		for _, p := range tokumu.WarnClaim(c, s.s) {
			at := cd.at
			switch {
			case p.Field == "grade" && cd.hasGrade:
				at = cd.gradeAt
			case p.Field == "v" && cd.valueAt.line > 0:
				at = cd.valueAt
			}
			l.warnings = append(l.warnings, fmt.Sprintf("%s:%d:%d: %s", e.file, at.line, at.col, p.Message))
		}
	}
	at := cd.noteAt
	if at.line == 0 {
		at = cd.at
	}
	for _, key := range tokumu.UnknownNoteKeys(l, c.Note) {
		p := tokumu.UnknownNoteKey(key, didYouMean(key, l.sourceIDs))
		l.warnings = append(l.warnings, fmt.Sprintf("%s:%d:%d: %s", e.file, at.line, at.col, p.Message))
	}
}

// checkCycles reports every chain of part_of / subordinate_to claims (the
// vocabulary's hierarchy) that leads an organization back to itself.
func (l *linker) checkCycles(errs *ErrorList, vocab *tokumu.Vocab) {
	var claims []*tokumu.Claim
	at := map[*tokumu.Claim]pos{}
	file := map[*tokumu.Claim]string{}
	for _, e := range l.entities {
		for _, cd := range e.claims {
			if cd.c.Object != "" && vocab.Is(cd.c.Predicate, tokumu.RoleHierarchy) {
				claims = append(claims, cd.c)
				at[cd.c], file[cd.c] = cd.at, e.file
			}
		}
	}
	for _, cyc := range tokumu.HierarchyCycles(claims, vocab) {
		first := cyc[0]
		if len(cyc) == 1 {
			errs.Add(file[first], int(at[first].line), int(at[first].col), "%s is %s itself: a unit cannot be its own parent", first.Subject, first.Predicate)
			continue
		}
		chain := first.Subject
		var where []string
		for _, c := range cyc {
			chain += " → " + c.Object
			where = append(where, c.Origin)
		}
		errs.Add(file[first], int(at[first].line), int(at[first].col), "a cycle in the hierarchy: %s (claims at %s); one of these links is wrong or belongs to another date",
			chain, strings.Join(where, ", "))
	}
}

// Predicate, EntityType, HasSource and HasClaim make the linker a
// tokumu.Lookup over the declarations of every file.
func (l *linker) Predicate(id string) *tokumu.Predicate {
	if p := l.predByID[id]; p != nil {
		return p.p
	}
	return nil
}

func (l *linker) EntityType(id string) (tokumu.EntityType, bool) {
	if e := l.entityByID[id]; e != nil {
		return e.e.Type, true
	}
	return "", false
}

func (l *linker) HasSource(id string) bool { return l.sourceByID[id] != nil }

func (l *linker) HasClaim(id string) bool {
	if l.claimByID[id] != nil {
		return true
	}
	_, ok := slices.BinarySearch(l.claimIDs, id)
	return ok
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
	sort.Strings(l.warnings)
	ds.Warnings = l.warnings
	for _, e := range l.entities {
		ds.Entities = append(ds.Entities, e.e)
		for _, cd := range e.claims {
			ds.Claims = append(ds.Claims, cd.c)
		}
	}
	return ds
}
