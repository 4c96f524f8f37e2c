package view

import (
	"sync"

	"github.com/tokumu/tokumu"
)

// Relations holds the relation claims of a corpus compactly, for the
// server's network page and path graphs: a relation is 40 bytes without
// a pointer (interned entity, predicate and perspective ids, an interned
// time, the ends of its possible time, the end of its id in one string
// of all ids), where a *tokumu.Claim read from the store is ~800 with
// its strings. At a million claims the 644k relations held as claims
// were ~0.5 GB of the server's heap, and marking them a GC cost every
// page (BENCHMARKS.md, "Memory"). What a page prints in full (a path's
// claims) it reads from the store; what it only draws or bounds it
// takes from Claim, a claim with just the fields those read.
type Relations struct {
	strs  []string            // entity, predicate and perspective ids
	types []tokumu.EntityType // of each of strs that is an entity's id, for NetworkOf
	drawn []bool              // of each of strs: an entity of NetworkTypes
	whens []tokumu.When
	ids   string // every claim id, one after another
	rs    []relation
	// scratch holds *netScratch for NetworkOf.
	scratch sync.Pool
}

type relation struct {
	earliest, latest tokumu.Day // of the time; 0 when undated
	idEnd            uint32     // ids[rs[i-1].idEnd:idEnd]
	subj, pred, obj  int32      // in strs
	persp            int32      // in strs; -1 when none
	when             int32      // in whens; -1 when undated
}

// NewRelations keeps the relation claims of cs (those with an object), in
// cs's order, and the types of the entities they name.
func NewRelations(cs []*tokumu.Claim, entities map[string]*tokumu.Entity) *Relations {
	r := &Relations{}
	strIx := map[string]int32{}
	str := func(s string) int32 {
		if i, ok := strIx[s]; ok {
			return i
		}
		strIx[s] = int32(len(r.strs))
		r.strs = append(r.strs, s)
		return int32(len(r.strs) - 1)
	}
	whenIx := map[tokumu.When]int32{}
	n, idLen := 0, 0
	for _, c := range cs {
		if c.Object != "" {
			n++
			idLen += len(c.ID)
		}
	}
	r.rs = make([]relation, 0, n)
	ids := make([]byte, 0, idLen)
	for _, c := range cs {
		if c.Object == "" {
			continue
		}
		ids = append(ids, c.ID...)
		x := relation{idEnd: uint32(len(ids)), subj: str(c.Subject), pred: str(c.Predicate), obj: str(c.Object), persp: -1, when: -1}
		if c.Perspective != "" {
			x.persp = str(c.Perspective)
		}
		if !c.When.IsZero() {
			w, ok := whenIx[c.When]
			if !ok {
				w = int32(len(r.whens))
				whenIx[c.When] = w
				r.whens = append(r.whens, c.When)
			}
			x.when, x.earliest, x.latest = w, c.When.Earliest, c.When.Latest
		}
		r.rs = append(r.rs, x)
	}
	r.ids = string(ids)
	// The ids and times are the strings of cs, which the caller drops:
	// copied into blocks, they keep none of its memory in use
	// (CompactClaims).
	CompactStrings(r.strs)
	times := make([]string, 0, 2*len(r.whens))
	for _, w := range r.whens {
		times = append(times, w.EDTF, w.Text)
	}
	CompactStrings(times)
	for i := range r.whens {
		r.whens[i].EDTF, r.whens[i].Text = times[2*i], times[2*i+1]
	}
	r.types = make([]tokumu.EntityType, len(r.strs))
	r.drawn = make([]bool, len(r.strs))
	for i, s := range r.strs {
		if e := entities[s]; e != nil {
			r.types[i], r.drawn[i] = e.Type, NetworkTypes[e.Type]
		}
	}
	return r
}

// Len is the number of relations.
func (r *Relations) Len() int { return len(r.rs) }

// ID is the id of the i-th relation.
func (r *Relations) ID(i int) string {
	lo := uint32(0)
	if i > 0 {
		lo = r.rs[i-1].idEnd
	}
	return r.ids[lo:r.rs[i].idEnd]
}

// Subject, Predicate and Object are the i-th relation's.
func (r *Relations) Subject(i int) string   { return r.strs[r.rs[i].subj] }
func (r *Relations) Predicate(i int) string { return r.strs[r.rs[i].pred] }
func (r *Relations) Object(i int) string    { return r.strs[r.rs[i].obj] }

// Claim returns the i-th relation as a claim with its id, subject,
// predicate, object, perspective and time, and no other field: what a
// network, a path graph and view.Evidence.Bound read. It shares its
// strings with r.
func (r *Relations) Claim(i int) *tokumu.Claim {
	c := &tokumu.Claim{}
	r.ClaimInto(i, c)
	return c
}

// ClaimInto is Claim into c (every other field of c is cleared).
func (r *Relations) ClaimInto(i int, c *tokumu.Claim) {
	x := r.rs[i]
	*c = tokumu.Claim{ID: r.ID(i), Subject: r.strs[x.subj], Predicate: r.strs[x.pred], Object: r.strs[x.obj]}
	if x.persp >= 0 {
		c.Perspective = r.strs[x.persp]
	}
	if x.when >= 0 {
		c.When = r.whens[x.when]
	}
}

// Claims returns Claim of each index of ix, in one allocation.
func (r *Relations) Claims(ix []int32) []*tokumu.Claim {
	slab := make([]tokumu.Claim, len(ix))
	out := make([]*tokumu.Claim, len(ix))
	for k, i := range ix {
		r.ClaimInto(int(i), &slab[k])
		out[k] = &slab[k]
	}
	return out
}

// Select returns the indexes of the relations that match f, in order, up
// to f.Limit: what the store's Claims(f) returns when the relations are
// in its order (TestRelationsSelect). A filter on the source cannot be
// answered (the relations do not keep it): ok is false.
func (r *Relations) Select(f tokumu.ClaimFilter) (ix []int32, ok bool) {
	if f.Source != "" {
		return nil, false
	}
	// An id absent from strs matches no relation: -2 is no index.
	id := func(s string) int32 {
		if s == "" {
			return -1
		}
		for i, t := range r.strs { // few filters name an entity; see below
			if t == s {
				return int32(i)
			}
		}
		return -2
	}
	subj, obj, about, pred, persp := id(f.Subject), id(f.Object), id(f.About), id(f.Predicate), id(f.Perspective)
	if subj == -2 || obj == -2 || about == -2 || pred == -2 || persp == -2 {
		return nil, true
	}
	timed := f.At != 0 || f.From != 0 || f.To != 0
	for i := range r.rs {
		if f.Limit > 0 && len(ix) == f.Limit {
			break
		}
		x := &r.rs[i]
		switch {
		case subj >= 0 && x.subj != subj,
			obj >= 0 && x.obj != obj,
			about >= 0 && x.subj != about && x.obj != about,
			pred >= 0 && x.pred != pred,
			persp >= 0 && x.persp != persp:
			continue
		}
		if timed {
			switch {
			case x.when < 0,
				f.At != 0 && (x.earliest > f.At || x.latest < f.At),
				f.From != 0 && x.latest < f.From,
				f.To != 0 && x.earliest > f.To:
				continue
			}
		}
		ix = append(ix, int32(i))
	}
	return ix, true
}
