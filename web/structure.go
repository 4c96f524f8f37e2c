package web

import (
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"sort"
	"strings"

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
	// structureMax bounds the organizations drawn per chart, nearest the
	// root first, and changesMax the rows of the change table: on a large
	// corpus a whole subtree runs to thousands, which no page can show.
	structureMax = 100
	changesMax   = 100
	rootsMax     = 100
	headsMax     = 3 // heads named per organization; the entity page has them all
)

func (s *Server) handleStructurePage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	p := structurePage{base: s.base(r, "structure", "Organization chart", "structure"), Root: q.Get("root"), Date: s.st(r).snap.structDate}
	if p.Root == "" {
		p.Root = s.st(r).snap.structRoot
	}
	var err error
	if q.Has("date") {
		if p.Date, err = day(r, "date"); err != nil {
			s.htmlError(w, r, err)
			return
		}
	}
	if !q.Has("date") && !q.Has("compare") {
		p.Compare = s.st(r).snap.structCmp // the corpus's default comparison (settings.yaml)
	} else if p.Compare, err = day(r, "compare"); err != nil {
		s.htmlError(w, r, err)
		return
	}
	if p.Date == 0 {
		p.Date = s.st(r).snap.structDate
	}
	if p.Root == "" { // the corpus names no default: the first root of the chart
		if roots := s.st(r).chart.Roots(p.Date); len(roots) > 0 {
			p.Root = roots[0]
		}
	}
	p.DateText = p.Date.String()
	if p.Compare != 0 {
		p.CompareText = p.Compare.String()
	}
	p.Title = "Organization chart, " + p.Label(p.Root) + ", " + p.DateText
	nodes := s.st(r).chart.Subtree(p.Root, p.Date)
	if nodes == nil {
		s.htmlError(w, r, tokumu.Errorf(tokumu.ENOTFOUND, "%q is not in the organization chart (it has no part_of or subordinate_to claims)", p.Root))
		return
	}
	p.Roots = s.st(r).chart.Roots(p.Date)
	if len(p.Roots) > rootsMax {
		p.Roots = p.Roots[:rootsMax] // a large corpus has thousands; the field still takes any id
	}
	p.Roots = appendNew(p.Roots, p.Root)
	p.Parents = s.st(r).chart.Parents(p.Root, p.Date)
	changed := map[string]string{}
	if p.Compare != 0 {
		then := s.st(r).chart.Subtree(p.Root, p.Compare)
		p.Changes = diff(nodes, then)
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
		p.Then = buildTree(then, func(id string) string { return pick(changed[id] == "added", "added") })
	}
	p.Tree = buildTree(nodes, func(id string) string { return pick(changed[id] == "removed", "removed") })
	s.render(w, r, http.StatusOK, "structure", &p)
}

// diff is chart.Diff on two subtrees the page already has, rather than
// walking the chart twice more: the organizations that entered root's
// subtree or moved within it between the two dates ("added"), and those
// that left or moved ("removed").
func diff(before, after []chart.Node) []chart.Change {
	was := make(map[string]string, len(before))
	for _, n := range before {
		was[n.ID] = n.Parent
	}
	is := make(map[string]string, len(after))
	var out []chart.Change
	for _, n := range after {
		is[n.ID] = n.Parent
		if p, ok := was[n.ID]; !ok || p != n.Parent {
			out = append(out, chart.Change{ID: n.ID, Parent: n.Parent, Kind: "added"})
		}
	}
	for _, n := range before {
		if q, ok := is[n.ID]; !ok || q != n.Parent {
			out = append(out, chart.Change{ID: n.ID, Parent: n.Parent, Kind: "removed"})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Kind != out[j].Kind {
			return out[i].Kind < out[j].Kind
		}
		return out[i].ID < out[j].ID
	})
	return out
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

// TreeHTML renders a chart as nested list items. It is Go rather than a
// recursive template because a large chart has hundreds of nodes and a
// template call per field made this page the slowest; every value is
// escaped (Link escapes its own).
func (p *structurePage) TreeHTML(n *orgNode) template.HTML {
	var b strings.Builder
	p.writeNode(&b, n)
	return template.HTML(b.String())
}

func (p *structurePage) writeNode(b *strings.Builder, n *orgNode) {
	esc := template.HTMLEscapeString
	b.WriteString(`<li class="org`)
	if n.Change != "" {
		b.WriteString(" ch-" + esc(n.Change))
	}
	b.WriteString(`" data-id="` + esc(n.ID) + `">` + "\n" + `<div class="org-box">`)
	b.WriteString(string(p.Link(n.ID)))
	switch n.Change {
	case "added":
		b.WriteString(` <span class="badge">new here</span>`)
	case "removed":
		b.WriteString(` <span class="badge">gone later</span>`)
	}
	if len(n.Heads) > 0 {
		b.WriteString("\n" + `<span class="heads">head: `)
		for i, h := range n.Heads {
			if i > 0 {
				b.WriteString("; ")
			}
			b.WriteString(string(p.Link(h.Subject)) + ` <span class="hw">` + esc(h.When.EDTF) + `</span>`)
		}
		if n.MoreHeads > 0 {
			fmt.Fprintf(b, "; and %d more", n.MoreHeads)
		}
		b.WriteString(`</span>`)
	}
	if c := n.Via; c != nil {
		title := ""
		if src := p.sn.Sources[c.Source]; src != nil {
			title = src.Cite()
		}
		b.WriteString("\n" + `<span class="via">` + esc(p.Pred(c.Predicate)) + ` · <a href="/sources/` + esc(url.PathEscape(c.Source)) + `#c-` + esc(url.PathEscape(c.ID)) +
			`" title="` + esc(title) + `">` + esc(c.Source) + `</a> <abbr class="grade ` + gradeClass(c.Grade) + `" title="` + esc(c.Grade.Text()) + `">` + esc(c.Grade.String()) + `</abbr></span>`)
	}
	b.WriteString(`</div>`)
	if len(n.Children) > 0 {
		b.WriteString(`<ul>`)
		for _, c := range n.Children {
			p.writeNode(b, c)
		}
		b.WriteString(`</ul>`)
	}
	b.WriteString("</li>\n")
}
