package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"github.com/tokumu/tokumu"
)

// Hub entities: an organization of a million-claim corpus is the object
// of tens of thousands of claims (21 MB of HTML and 1.2 s before paging).
// Its page shows each group of claims (predicate and side) cut to its
// first groupCap, with "show all N" linking to the paged list of that
// group (/entities/{id}/claims?p=…&inv=1&offset=…); the API pages the
// same way (/api/entities/{id}/claims). An entity with hubMin claims or
// fewer keeps its whole page as before.
const (
	hubMin   = 200
	groupCap = 20
)

// hubGroups returns the groups of entity id with their sizes when it is a
// hub, else nil; nil too while the analyses that count them are being
// built after a start (the page is then capped, as before paging).
func (sn *snapshot) hubGroups(id string) []hubGroup {
	if a := sn.readyAnalyses(); a != nil {
		return a.hubs[id]
	}
	return nil
}

// groupedStore reads a hub's claims group by group, groupCap of each, so
// that its page costs one short indexed query per group however many
// claims the hub has. Other reads pass through.
type groupedStore struct {
	tokumu.Store
	id     string
	groups []hubGroup
}

func (g *groupedStore) Claims(ctx context.Context, f tokumu.ClaimFilter) ([]*tokumu.Claim, error) {
	if f != (tokumu.ClaimFilter{About: g.id}) || g.groups == nil {
		return g.Store.Claims(ctx, f)
	}
	var out []*tokumu.Claim
	for _, gr := range g.groups {
		cs, err := groupClaims(ctx, g.Store, g.id, gr, 0, groupCap)
		if err != nil {
			return nil, err
		}
		out = append(out, cs...)
	}
	return out, nil
}

// groupClaims reads limit claims of one group of entity id from offset,
// in the store's order (the subject, then time). A claim of id about
// itself belongs to its own (subject) side only, as About has it.
func groupClaims(ctx context.Context, st tokumu.Store, id string, gr hubGroup, offset, limit int) ([]*tokumu.Claim, error) {
	f := tokumu.ClaimFilter{Subject: id, Predicate: gr.Pred, Limit: offset + limit}
	if gr.Inv {
		f = tokumu.ClaimFilter{Object: id, Predicate: gr.Pred, Limit: offset + limit}
	}
	cs, err := st.Claims(ctx, f)
	if err != nil {
		return nil, err
	}
	if gr.Inv {
		kept := cs[:0]
		for _, c := range cs {
			if c.Subject != id {
				kept = append(kept, c)
			}
		}
		cs = kept
	}
	if offset >= len(cs) {
		return nil, nil
	}
	return cs[offset:], nil
}

// groupLink is the "show all N" link of one group of a hub's page.
type groupLink struct {
	N    int
	Href string
}

func groupHref(id string, gr hubGroup, lang string) string {
	q := url.Values{"p": {gr.Pred}}
	if gr.Inv {
		q.Set("inv", "1")
	}
	if lang != "en" {
		q.Set("lang", lang)
	}
	return "/entities/" + url.PathEscape(id) + "/claims?" + q.Encode()
}

// groupRequest reads the group a paged-list request asks for.
func (s *Server) groupRequest(r *http.Request) (id string, gr hubGroup, offset, limit int, err error) {
	id = r.PathValue("id")
	q := r.URL.Query()
	gr.Pred = q.Get("p")
	switch q.Get("inv") {
	case "", "0":
	case "1":
		gr.Inv = true
	default:
		return "", gr, 0, 0, tokumu.Errorf(tokumu.EINVALID, "parameter inv=%q: give 1 for the claims whose object the entity is, or leave it out", q.Get("inv"))
	}
	sn := s.st(r).snap
	if gr.Pred == "" || sn.preds[gr.Pred] == nil {
		return "", gr, 0, 0, tokumu.Errorf(tokumu.EINVALID, "parameter p=%q: give a predicate id of the vocabulary (see /api/predicates)", gr.Pred)
	}
	if _, ok := sn.Entities[id]; !ok {
		return "", gr, 0, 0, tokumu.Errorf(tokumu.ENOTFOUND, "no entity %q", id)
	}
	if limit, err = pGroupLimit.get(r); err != nil {
		return
	}
	offset, err = pGroupOffset.get(r)
	for _, h := range sn.hubGroups(id) {
		if h.Pred == gr.Pred && h.Inv == gr.Inv {
			gr.N = h.N
		}
	}
	return
}

// entityClaimsPage is one page of one group of an entity's claims.
type entityClaimsPage struct {
	base
	E          *tokumu.Entity
	Group      string // the group's label
	Inverse    bool
	Claims     []*tokumu.Claim
	Offset, N  int
	Prev, Next string // links, "" at the ends
}

func (s *Server) handleEntityClaimsPage(w http.ResponseWriter, r *http.Request) {
	id, gr, offset, limit, err := s.groupRequest(r)
	if err != nil {
		s.htmlError(w, r, err)
		return
	}
	st := s.st(r)
	cs, err := groupClaims(r.Context(), st.store, id, gr, offset, limit+1)
	if err != nil {
		s.htmlError(w, r, err)
		return
	}
	b := s.base(r, "entities", "")
	p := entityClaimsPage{base: b, E: st.snap.Entities[id], Inverse: gr.Inv, Offset: offset, N: gr.N}
	pr := st.snap.preds[gr.Pred]
	p.Group = pr.LabelIn(p.Lang)
	if gr.Inv {
		p.Group = pr.InverseIn(p.Lang)
	}
	p.Title = b.Label(id) + " — " + p.Group
	link := func(off int) string {
		return groupHref(id, gr, p.Lang) + "&offset=" + strconv.Itoa(off) + "&limit=" + strconv.Itoa(limit)
	}
	if len(cs) > limit {
		cs = cs[:limit]
		if offset+limit <= pGroupOffset.Max {
			p.Next = link(offset + limit)
		}
	}
	if offset > 0 {
		p.Prev = link(max(0, offset-limit))
	}
	p.Claims = cs
	s.render(w, r, http.StatusOK, "entityclaims", &p)
}

func (s *Server) handleEntityClaimsAPI(w http.ResponseWriter, r *http.Request) {
	id, gr, offset, limit, err := s.groupRequest(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	cs, err := groupClaims(r.Context(), s.st(r).store, id, gr, offset, limit+1)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	p := page[*tokumu.Claim]{Offset: offset, Limit: limit, Items: []*tokumu.Claim{}}
	if gr.N > 0 {
		p.Total = &gr.N
	}
	if len(cs) > limit {
		cs, p.More = cs[:limit], true
	}
	if cs != nil {
		p.Items = cs
	}
	writeJSON(w, http.StatusOK, p)
}
