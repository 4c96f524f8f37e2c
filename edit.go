package tokumu

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
)

// Editor changes a store one revision at a time and keeps the history of
// every change, as WTF Dial writes a dial and its history row in one
// transaction. Store stays the read side and the bulk import; a store that
// can be edited implements both.
//
// Concurrency is optimistic: a revision names the last revision its author
// had read (Base), and Apply refuses it with ECONFLICT when an object it
// changes was changed by a later revision, so that no update is lost.
type Editor interface {
	// Apply validates rev and writes its changes and its history row in
	// one transaction; on success rev.ID and rev.Time are set and each
	// change's Before holds what it replaced. Returns EINVALID with the
	// problems (rev is not written at all; a Base newer than the newest
	// revision is one), ECONFLICT (with the current
	// version) if an object it changes moved past rev.Base or a change
	// creates an id another revision created after Base, ENOTFOUND for a
	// retraction of a missing id.
	Apply(ctx context.Context, rev *Revision) error
	// History returns the revisions that match f, newest first, each with
	// all its changes.
	History(ctx context.Context, f HistoryFilter) ([]*Revision, error)
}

// Revision is one edit: who, when, why, and the changes, written together.
type Revision struct {
	// ID is the revision's number, set by Apply; numbers grow with time.
	ID int64 `json:"id"`
	// Base is the newest revision the author had read before reading the
	// objects they changed (0: the imported corpus). Read it first: a
	// revision committed between reading the objects and reading Base
	// would otherwise go unnoticed.
	Base    int64     `json:"base"`
	Author  string    `json:"author"`
	Time    time.Time `json:"time"`    // set by Apply
	Message string    `json:"message"` // why; required to retract
	Changes []Change  `json:"changes"`
}

// Op is what a change does to its object.
type Op string

// The operations of a change.
const (
	// OpPut creates the object or replaces it as a whole.
	OpPut Op = "put"
	// OpRetract withdraws a claim. It leaves the read side but stays in
	// the history, with the revision's message as its reason.
	OpRetract Op = "retract"
)

// ObjectKind is the kind of object a change concerns.
type ObjectKind string

// The kinds of object an Editor changes. Names are changed with their
// entity.
const (
	KindEntity ObjectKind = "entity"
	KindClaim  ObjectKind = "claim"
	KindSource ObjectKind = "source"
)

// Change is one object's change. After is the object written by a put
// (*Entity, *Claim or *Source, matching Kind) and nil for a retraction;
// Before is set by Apply: the object as it was, nil for a creation.
type Change struct {
	Op     Op         `json:"op"`
	Kind   ObjectKind `json:"kind"`
	ID     string     `json:"id"`
	Before any        `json:"before,omitempty"`
	After  any        `json:"after,omitempty"`
}

// HistoryFilter selects revisions. Zero fields select everything.
type HistoryFilter struct {
	Kind   ObjectKind // with ID: the revisions that changed this object
	ID     string
	Author string
	// Entity, if set, keeps the revisions that changed the entity or a
	// claim about it: one whose id was derived from it ("entity~…", so a
	// retracted claim counts) or whose subject it is now. Its names are
	// changed with it.
	Entity string
	// Before, if positive, keeps the revisions numbered below it: the
	// next page of a list that ended at revision Before.
	Before int64
	// Limit, if positive, keeps the newest Limit revisions.
	Limit int
}

// RevertOf returns the revision that undoes rev: each object rev changed
// is put back as it was before it, and a claim rev created is retracted.
// Its Base is rev.ID, so Apply refuses it with ECONFLICT when a later
// revision changed one of those objects: a revert never silently
// overwrites later work (revert the later revision first). An entity or a
// source rev created cannot be withdrawn, only corrected, so such a
// revision is refused with EINVALID.
func RevertOf(rev *Revision, author, reason string) (*Revision, error) {
	if strings.TrimSpace(reason) == "" {
		return nil, Errorf(EINVALID, "reason: a revert needs its reason")
	}
	out := &Revision{Base: rev.ID, Author: author, Message: fmt.Sprintf("revert r%d: %s", rev.ID, reason)}
	for _, ch := range rev.Changes {
		switch {
		case ch.Before != nil:
			out.Changes = append(out.Changes, Change{Op: OpPut, Kind: ch.Kind, ID: ch.ID, After: ch.Before})
		case ch.Kind == KindClaim:
			out.Changes = append(out.Changes, Change{Op: OpRetract, Kind: ch.Kind, ID: ch.ID})
		default:
			return nil, Errorf(EINVALID, "revision %d created %s %s, which cannot be withdrawn; correct it with a new revision instead", rev.ID, ch.Kind, ch.ID)
		}
	}
	return out, nil
}

// maxChanges bounds one revision, so that no request allocates without
// bound; a bulk change is an import (Store.Replace).
const maxChanges = 1000

// Check validates what rev says of itself, before any lookup: an author,
// a reason to retract, known operations and kinds, ids, and an After of
// the kind's type whose id is the change's. Problems name the field, as
// "changes[2].after".
func (rev *Revision) Check() error {
	var ps []string
	add := func(format string, args ...any) { ps = append(ps, fmt.Sprintf(format, args...)) }
	if strings.TrimSpace(rev.Author) == "" {
		add("author: a revision needs an author")
	}
	if len(rev.Changes) == 0 {
		add("changes: a revision needs at least one change")
	}
	if len(rev.Changes) > maxChanges {
		add("changes: %d changes in one revision; at most %d (import a corpus for more)", len(rev.Changes), maxChanges)
	}
	if rev.Base < 0 {
		add("base: %d is not a revision number", rev.Base)
	}
	seen := map[string]int{}
	for i, ch := range rev.Changes {
		f := fmt.Sprintf("changes[%d]", i)
		switch ch.Kind {
		case KindEntity, KindClaim, KindSource:
		default:
			add("%s.kind: %q is not entity, claim or source", f, ch.Kind)
		}
		if ch.ID == "" {
			add("%s.id: a change needs the id of its object", f)
		}
		key := string(ch.Kind) + " " + ch.ID
		if j, ok := seen[key]; ok {
			add("%s: %s %s is changed twice in one revision (also changes[%d])", f, ch.Kind, ch.ID, j)
		}
		seen[key] = i
		switch ch.Op {
		case OpPut:
			if id, ok := objectID(ch.Kind, ch.After); !ok {
				add("%s.after: a put of a %s needs a *%s", f, ch.Kind, typeName(ch.Kind))
			} else if id != ch.ID {
				add("%s.after: its id %q is not the change's id %q", f, id, ch.ID)
			}
		case OpRetract:
			if ch.Kind != KindClaim {
				add("%s.op: only claims can be retracted; correct the %s with a put", f, ch.Kind)
			}
			if ch.After != nil {
				add("%s.after: a retraction has no after", f)
			}
			if strings.TrimSpace(rev.Message) == "" {
				add("message: a retraction needs its reason in the message")
			}
		default:
			add("%s.op: %q is not put or retract", f, ch.Op)
		}
	}
	if len(ps) > 0 {
		return Errorf(EINVALID, "%s", strings.Join(ps, "; "))
	}
	return nil
}

func typeName(k ObjectKind) string {
	switch k {
	case KindEntity:
		return "Entity"
	case KindClaim:
		return "Claim"
	case KindSource:
		return "Source"
	}
	return "object"
}

func objectID(k ObjectKind, v any) (string, bool) {
	switch o := v.(type) {
	case *Entity:
		return o.ID, k == KindEntity && o != nil
	case *Claim:
		return o.ID, k == KindClaim && o != nil
	case *Source:
		return o.ID, k == KindSource && o != nil
	}
	return "", false
}

// EditLookup is what validating a change needs of the store beside the
// Lookup of ValidateClaim: a source by id, for a claim's effective grade.
type EditLookup interface {
	Lookup
	Source(id string) *Source
}

// ValidateChange checks a put's object against the rules every writer
// obeys (ValidateClaim, ValidateName, ValidateSource) and, for a claim,
// sets its effective grade from its source. It returns an EINVALID error
// naming the change and the fields, or nil.
func ValidateChange(lk EditLookup, i int, ch *Change) error {
	if ch.Op != OpPut {
		return nil
	}
	var ps []Problem
	switch o := ch.After.(type) {
	case *Claim:
		if o.Subject == "" {
			ps = append(ps, problem("s", "a claim needs a subject"))
			break
		}
		st, ok := lk.EntityType(o.Subject)
		if !ok {
			ps = append(ps, Problem{Field: "s", Message: fmt.Sprintf("s: unknown entity %q", o.Subject), Unknown: o.Subject, Kind: "entity"})
			break
		}
		ps = append(ps, ValidateClaim(lk, st, o)...)
		if src := lk.Source(o.Source); src != nil {
			o.Grade = EffectiveGrade(src, o.Grade)
		}
	case *Entity:
		if !o.Type.Valid() {
			ps = append(ps, problem("type", "entity %s has no valid type (%q)", o.ID, o.Type))
		}
		if len(o.Names) == 0 {
			ps = append(ps, problem("names", "entity %s needs at least one name", o.ID))
		}
		for j, n := range o.Names {
			for _, p := range ValidateName(n) {
				p.Field, p.Index = fmt.Sprintf("names[%d].%s", j, p.Field), j
				ps = append(ps, p)
			}
		}
	case *Source:
		for _, p := range ValidateSource(o) {
			// As the corpus loader: an anonymous work has no author to
			// give and a missing language costs only a hint, so these are
			// warnings there and no reason to refuse a revert that puts
			// such an imported entry back.
			if p.Field != "author" && p.Field != "language" {
				ps = append(ps, p)
			}
		}
	}
	if len(ps) == 0 {
		return nil
	}
	msgs := make([]string, len(ps))
	for j, p := range ps {
		msgs[j] = fmt.Sprintf("changes[%d].after.%s", i, p.Error())
	}
	return Errorf(EINVALID, "%s %s: %s", ch.Kind, ch.ID, strings.Join(msgs, "; "))
}

// Conflict is the error of a change whose object moved past the base.
func Conflict(k ObjectKind, id string, base, current int64) error {
	e := Errorf(ECONFLICT, "%s %s was changed by revision %d after your base %d; its current version is %d: read it again and reapply your change with base %d",
		k, id, current, base, current, current)
	e.Stale = true
	return e
}

// IsStale reports whether err is a Conflict: the object was changed after
// the revision the change was made on (a form opened before another
// editor saved), not a conflict of content such as a taken id.
func IsStale(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Stale
}

// historySource is how a source is kept in history: its JSON form plus
// the reliability that form leaves out.
type historySource struct {
	*Source
	Reliability string `json:"reliability,omitempty"`
}

// historyWhen is a time in history: its bounds as yyyymmdd numbers, which
// read back exactly (a Day's JSON form is a date string for readers).
type historyWhen struct {
	E string   `json:"e"`
	T string   `json:"t,omitempty"`
	B [4]int64 `json:"b"`
	I bool     `json:"i,omitempty"`
}

func newHistoryWhen(w When) historyWhen {
	return historyWhen{w.EDTF, w.Text, [4]int64{int64(w.Earliest), int64(w.LatestStart), int64(w.EarliestEnd), int64(w.Latest)}, w.Interval}
}

// when returns the time, its bounds derived by this build's rules
// (When.Rederive): a revision recorded before a rule changed puts back,
// when reverted, the bounds its EDTF has now.
func (h historyWhen) when() When {
	return When{EDTF: h.E, Text: h.T, Earliest: Day(h.B[0]), LatestStart: Day(h.B[1]), EarliestEnd: Day(h.B[2]), Latest: Day(h.B[3]), Interval: h.I}.Rederive()
}

// historyClaim, historyName and historyEntity replace each When with a
// historyWhen (the outer field hides the embedded one in JSON).
type historyClaim struct {
	*Claim
	When historyWhen `json:"when"`
}

type historyName struct {
	Name
	When historyWhen `json:"when"`
}

type historyEntity struct {
	*Entity
	Names []historyName `json:"names"`
}

// EncodeObject is the JSON a store keeps of a change's object in its
// history; "" for nil.
func EncodeObject(v any) (string, error) {
	switch o := v.(type) {
	case nil:
		return "", nil
	case *Claim:
		if o == nil {
			return "", nil
		}
		v = historyClaim{Claim: o, When: newHistoryWhen(o.When)}
	case *Entity:
		if o == nil {
			return "", nil
		}
		h := historyEntity{Entity: o, Names: make([]historyName, len(o.Names))}
		for i, n := range o.Names {
			h.Names[i] = historyName{Name: n, When: newHistoryWhen(n.When)}
		}
		v = h
	case *Source:
		if o == nil {
			return "", nil
		}
		h := historySource{Source: o}
		if o.Reliability != 0 {
			h.Reliability = string(rune(o.Reliability))
		}
		v = h
	}
	b, err := json.Marshal(v)
	return string(b), err
}

// DecodeObject reads what EncodeObject wrote for an object of kind k.
func DecodeObject(k ObjectKind, s string) (any, error) {
	if s == "" {
		return nil, nil
	}
	switch k {
	case KindEntity:
		h := historyEntity{Entity: &Entity{}}
		if err := json.Unmarshal([]byte(s), &h); err != nil {
			return nil, err
		}
		h.Entity.Names = nil
		for _, n := range h.Names {
			n.Name.When = n.When.when()
			h.Entity.Names = append(h.Entity.Names, n.Name)
		}
		return h.Entity, nil
	case KindClaim:
		h := historyClaim{Claim: &Claim{}}
		if err := json.Unmarshal([]byte(s), &h); err != nil {
			return nil, err
		}
		h.Claim.When = h.When.when()
		return h.Claim, nil
	case KindSource:
		h := historySource{Source: &Source{}}
		if err := json.Unmarshal([]byte(s), &h); err != nil {
			return nil, err
		}
		if h.Reliability != "" {
			h.Source.Reliability = h.Reliability[0]
		}
		return h.Source, nil
	}
	return nil, fmt.Errorf("unknown object kind %q", k)
}

// ClaimDiff lists what differs between two versions of a claim, one
// "field: before → after" per field that changed, in the order of the
// claim's fields; the names are the claim's JSON names. History pages and
// `tokumu history` show it.
func ClaimDiff(b, a *Claim) []string {
	var out []string
	f := func(name, x, y string) {
		if x != y {
			out = append(out, fmt.Sprintf("%s: %s → %s", name, orNone(x), orNone(y)))
		}
	}
	f("predicate", b.Predicate, a.Predicate)
	f("object", b.Object, a.Object)
	f("value", b.Value, a.Value)
	f("unit", b.Unit, a.Unit)
	f("role", b.Role, a.Role)
	f("lang", b.Lang, a.Lang)
	f("when", b.When.EDTF, a.When.EDTF)
	f("where", b.Where, a.Where)
	f("source", b.Source, a.Source)
	f("loc", b.Locator, a.Locator)
	f("grade", b.Grade.String(), a.Grade.String())
	f("by", b.Perspective, a.Perspective)
	f("planted_by", b.PlantedBy, a.PlantedBy)
	f("named_as.subject", b.NamedAs.Subject, a.NamedAs.Subject)
	f("named_as.object", b.NamedAs.Object, a.NamedAs.Object)
	f("named_as.by", b.NamedAs.Perspective, a.NamedAs.Perspective)
	f("named_as.words", b.NamedAs.Words, a.NamedAs.Words)
	f("note", b.Note, a.Note)
	f("supported_by", strings.Join(b.SupportedBy, ", "), strings.Join(a.SupportedBy, ", "))
	f("complicated_by", strings.Join(b.ComplicatedBy, ", "), strings.Join(a.ComplicatedBy, ", "))
	return out
}

// EntityDiff lists what differs between two versions of an entity, as
// ClaimDiff does for a claim: its type, each name added or removed
// ("names: + 試験 (ja, native)"), each summary and the tags. A name's
// date or source changed shows as the old name removed and the new added.
func EntityDiff(b, a *Entity) []string {
	var out []string
	if b.Type != a.Type {
		out = append(out, fmt.Sprintf("type: %s → %s", orNone(string(b.Type)), orNone(string(a.Type))))
	}
	name := func(n Name) string {
		s := fmt.Sprintf("%s (%s, %s", n.Text, n.Lang, n.Kind)
		if n.When.EDTF != "" {
			s += ", " + n.When.EDTF
		}
		if n.Source != "" {
			s += ", " + n.Source
		}
		return s + ")"
	}
	had, has := map[string]bool{}, map[string]bool{}
	for _, n := range b.Names {
		had[name(n)] = true
	}
	for _, n := range a.Names {
		has[name(n)] = true
	}
	for _, n := range b.Names {
		if !has[name(n)] {
			out = append(out, "names: − "+name(n))
		}
	}
	for _, n := range a.Names {
		if !had[name(n)] {
			out = append(out, "names: + "+name(n))
		}
	}
	var langs []string
	for l := range b.Summary {
		langs = append(langs, l)
	}
	for l := range a.Summary {
		if _, ok := b.Summary[l]; !ok {
			langs = append(langs, l)
		}
	}
	sort.Strings(langs)
	for _, l := range langs {
		if b.Summary[l] != a.Summary[l] {
			out = append(out, fmt.Sprintf("summary.%s: %s → %s", l, orNone(b.Summary[l]), orNone(a.Summary[l])))
		}
	}
	if x, y := strings.Join(b.Tags, ", "), strings.Join(a.Tags, ", "); x != y {
		out = append(out, fmt.Sprintf("tags: %s → %s", orNone(x), orNone(y)))
	}
	return out
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

// HeadRevision is the newest revision of a store that keeps a history
// (an Editor), 0 for one that does not or has none: what an edit's Base
// names, and what a read model built from the store reflects at least.
func HeadRevision(ctx context.Context, store Store) (int64, error) {
	ed, ok := store.(Editor)
	if !ok {
		return 0, nil
	}
	rs, err := ed.History(ctx, HistoryFilter{Limit: 1})
	if err != nil || len(rs) == 0 {
		return 0, err
	}
	return rs[0].ID, nil
}

// ImportRevision is the newest revision a store held when its corpus was
// last imported (Replace), 0 for a store that keeps no history or had
// none then. An import replaces the data the revisions up to it changed:
// they stay in the history, but the data served is the import plus the
// revisions after it, which is what "edited" means to a citation.
func ImportRevision(ctx context.Context, store Store) (int64, error) {
	if ir, ok := store.(interface {
		ImportRevision(context.Context) (int64, error)
	}); ok {
		return ir.ImportRevision(ctx)
	}
	return 0, nil
}

// ImportedAt returns when a store's corpus was last imported, zero if
// the store does not say (an older database, a store without imports).
// A release frozen at the served revision names the served data only if
// it was created after the import: an import makes no revision, so the
// revision numbers alone cannot tell a release of the data the import
// replaced from one of the data it brought.
func ImportedAt(ctx context.Context, store Store) (time.Time, error) {
	if ia, ok := store.(interface {
		ImportedAt(context.Context) (time.Time, error)
	}); ok {
		return ia.ImportedAt(ctx)
	}
	return time.Time{}, nil
}

// RollBack returns ds, the store's data now, as it stood at revision rev:
// every entity, claim and source a later revision changed is put back as
// it was before the first such revision, and one a later revision created
// is left out. ds is not changed. It is how the data as imported is given
// back after edits (the import's name is cited as a release).
func RollBack(ctx context.Context, store Store, ds *Dataset, rev int64) (*Dataset, error) {
	ed, ok := store.(Editor)
	if !ok {
		return ds, nil
	}
	before := map[objectKey]any{} // the object before the oldest revision after rev; nil: created since
	var page int64
	for {
		revs, err := ed.History(ctx, HistoryFilter{Before: page, Limit: 500})
		if err != nil {
			return nil, err
		}
		done := len(revs) == 0
		for _, r := range revs { // newest first: an older revision's Before wins
			if r.ID <= rev {
				done = true
				break
			}
			for _, ch := range r.Changes {
				before[objectKey{ch.Kind, ch.ID}] = ch.Before
			}
			page = r.ID
		}
		if done {
			break
		}
	}
	if len(before) == 0 {
		return ds, nil
	}
	out := *ds
	seen := map[objectKey]bool{}
	out.Entities = rollBack(ds.Entities, KindEntity, func(e *Entity) string { return e.ID }, before, seen)
	out.Claims = rollBack(ds.Claims, KindClaim, func(c *Claim) string { return c.ID }, before, seen)
	out.Sources = rollBack(ds.Sources, KindSource, func(s *Source) string { return s.ID }, before, seen)
	// What edits since retracted: back as it was.
	for k, b := range before {
		if seen[k] || b == nil {
			continue
		}
		out.add(b)
	}
	return &out, nil
}

// objectKey names an object of the history.
type objectKey struct {
	k  ObjectKind
	id string
}

// rollBack keeps each object of objs as it was before the revisions in
// before changed it (left out if they created it), marking it seen.
func rollBack[T any](objs []*T, kind ObjectKind, id func(*T) string, before map[objectKey]any, seen map[objectKey]bool) []*T {
	out := make([]*T, 0, len(objs))
	for _, o := range objs {
		k := objectKey{kind, id(o)}
		seen[k] = true
		b, changed := before[k]
		if !changed {
			out = append(out, o)
		} else if old, ok := b.(*T); ok && old != nil {
			out = append(out, old)
		}
	}
	return out
}

// ClaimBefore returns claim id as it stood before the first revision
// after rev that changed it — the claim as of revision rev — and true;
// (nil, true) if that revision created it (it did not exist then); and
// (nil, false) if no revision after rev changed it, so that the claim
// now is the claim then. A citation of the data as imported names a
// release that edits since have not frozen: its claims are read back so.
func ClaimBefore(ctx context.Context, store Store, id string, rev int64) (*Claim, bool, error) {
	ed, ok := store.(Editor)
	if !ok {
		return nil, false, nil
	}
	revs, err := ed.History(ctx, HistoryFilter{Kind: KindClaim, ID: id})
	if err != nil {
		return nil, false, err
	}
	var first *Revision // the oldest revision after rev; History is newest first
	for _, r := range revs {
		if r.ID > rev {
			first = r
		}
	}
	if first == nil {
		return nil, false, nil
	}
	for _, ch := range first.Changes {
		if ch.Kind == KindClaim && ch.ID == id {
			c, _ := ch.Before.(*Claim)
			return c, true, nil
		}
	}
	return nil, false, nil
}

// EditsSinceImport returns the revisions made on a store's data since its
// corpus was imported, newest first, at most limit of them, and how many
// there are: what an import would replace.
func EditsSinceImport(ctx context.Context, store Store, limit int) (revs []*Revision, n int64, err error) {
	ed, ok := store.(Editor)
	if !ok {
		return nil, 0, nil
	}
	head, err := HeadRevision(ctx, store)
	if err != nil || head == 0 {
		return nil, 0, err
	}
	from, err := ImportRevision(ctx, store)
	if err != nil || head <= from {
		return nil, 0, err
	}
	rs, err := ed.History(ctx, HistoryFilter{Limit: limit})
	if err != nil {
		return nil, 0, err
	}
	for _, r := range rs {
		if r.ID > from {
			revs = append(revs, r)
		}
	}
	return revs, head - from, nil
}
