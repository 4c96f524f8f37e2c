package web

import (
	"net/http"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/chart"
)

// structurePage is the organization chart under a root on a date, with
// its heads, and — given a second date — the chart then and what changed
// (chart.Diff), so that the 1940 reorganization shows as two trees side
// by side with the moved organizations marked.
type structurePage struct {
	base
	Root          string
	Date, Compare tokumu.Day
	DateText      string
	CompareText   string
	Roots         []string
	Parents       []chart.Node
	Tree          *orgNode
	Then          *orgNode // the tree on Compare
	Changes       []chart.Change
	Added         int
	Removed       int
	MoreChanges   int // changes left out of Changes
}

// orgNode is one organization in the rendered tree.
type orgNode struct {
	ID    string
	Via   *tokumu.Claim
	Heads []*tokumu.Claim
	// MoreHeads counts the heads not named (more than headsMax).
	MoreHeads int
	Change    string // "added" or "removed" relative to the other date
	Children  []*orgNode
	Size      int // organizations in this subtree, as drawn
	// Cut counts the organizations of the whole chart left out because it
	// is larger than structureMax; set on the root only.
	Cut int
}

const (
	structureRoot = "kwantung-army"
	structureDate = tokumu.Day(19390601)
	structureCmp  = tokumu.Day(19410601)
	// structureMax bounds the organizations drawn per chart, nearest the
	// root first, and changesMax the rows of the change table: on a large
	// corpus a whole subtree runs to thousands, which no page can show.
	structureMax = 150
	changesMax   = 200
	rootsMax     = 100
	headsMax     = 3 // heads named per organization; the entity page has them all
)

func (s *Server) handleStructurePage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	p := structurePage{base: s.base(r, "structure", "Organization chart", "structure"), Root: q.Get("root"), Date: structureDate}
	if p.Root == "" {
		p.Root = structureRoot
	}
	var err error
	if q.Has("date") {
		if p.Date, err = day(r, "date"); err != nil {
			s.htmlError(w, r, err)
			return
		}
	}
	if !q.Has("date") && !q.Has("compare") {
		p.Compare = structureCmp // the default view shows the 1940 reorganization
	} else if p.Compare, err = day(r, "compare"); err != nil {
		s.htmlError(w, r, err)
		return
	}
	if p.Date == 0 {
		p.Date = structureDate
	}
	p.DateText = p.Date.String()
	if p.Compare != 0 {
		p.CompareText = p.Compare.String()
	}
	p.Title = "Organization chart, " + p.Label(p.Root) + ", " + p.DateText
	nodes := s.chart.Subtree(p.Root, p.Date)
	if nodes == nil {
		s.htmlError(w, r, tokumu.Errorf(tokumu.ENOTFOUND, "%q is not in the organization chart (it has no part_of or subordinate_to claims)", p.Root))
		return
	}
	p.Roots = s.chart.Roots(p.Date)
	if len(p.Roots) > rootsMax {
		p.Roots = p.Roots[:rootsMax] // a large corpus has thousands; the field still takes any id
	}
	p.Roots = appendNew(p.Roots, p.Root)
	p.Parents = s.chart.Parents(p.Root, p.Date)
	changed := map[string]string{}
	if p.Compare != 0 {
		p.Changes = s.chart.Diff(p.Root, p.Date, p.Compare)
		for _, c := range p.Changes {
			changed[c.ID] = c.Kind
			if c.Kind == "added" {
				p.Added++
			} else {
				p.Removed++
			}
		}
		if len(p.Changes) > changesMax {
			p.MoreChanges = len(p.Changes) - changesMax
			p.Changes = p.Changes[:changesMax]
		}
		then := s.chart.Subtree(p.Root, p.Compare)
		p.Then = buildTree(then, func(id string) string { return pick(changed[id] == "added", "added") })
	}
	p.Tree = buildTree(nodes, func(id string) string { return pick(changed[id] == "removed", "removed") })
	s.render(w, r, http.StatusOK, "structure", p)
}

func pick(ok bool, s string) string {
	if ok {
		return s
	}
	return ""
}

// buildTree turns a breadth-first subtree into nested nodes.
func buildTree(nodes []chart.Node, change func(string) string) *orgNode {
	if len(nodes) == 0 {
		return nil
	}
	cut := 0
	if len(nodes) > structureMax {
		cut = len(nodes) - structureMax
		nodes = nodes[:structureMax] // breadth first: the levels nearest the root
	}
	byID := map[string]*orgNode{}
	var root *orgNode
	for _, n := range nodes {
		on := &orgNode{ID: n.ID, Via: n.Via, Heads: n.Heads, Change: change(n.ID), Size: 1}
		if len(on.Heads) > headsMax {
			on.MoreHeads = len(on.Heads) - headsMax
			on.Heads = on.Heads[:headsMax]
		}
		byID[n.ID] = on
		if root == nil {
			root = on
		} else if p := byID[n.Parent]; p != nil {
			p.Children = append(p.Children, on)
		}
	}
	var size func(*orgNode) int
	size = func(n *orgNode) int {
		for _, c := range n.Children {
			n.Size += size(c)
		}
		return n.Size
	}
	size(root)
	root.Cut = cut
	return root
}
