package web

import (
	"html/template"
	"net/http"
	"net/url"
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
	// DateHuman and CompareHuman are the dates as the page's language
	// writes them (1 июня 1939 г.), for headings and titles; the Text
	// forms are the fields' and the links' ISO dates.
	DateHuman, CompareHuman string
	// DateErr and CompareErr say why a typed date was refused; DateBad
	// and CompareBad are the text as typed, put back in the field.
	DateErr, CompareErr string
	DateBad, CompareBad string
	Roots               []string
	Parents             []chart.Node
	Tree                *orgNode
	Then                *orgNode // the tree on Compare
	Changes             []chart.Change
	// Counts is the number of changes of each kind (chart.Added …).
	Counts      map[string]int
	MoreChanges int // changes left out of Changes
	// Unplaced and ThenUnplaced are the organizations that existed on
	// each date with their parent then unknown (chart.Unplaced).
	Unplaced, ThenUnplaced []chart.Node

	ch *chart.Chart // for the bounds of the heads (HeadBound)
}

// orgNode is one organization in the rendered tree.
type orgNode struct {
	ID  string
	Via *tokumu.Claim
	// Heads are the heads whose dated claims may hold on the date;
	// Undated those a source names without dates, whom the chart cannot
	// place at it (splitHeads).
	Heads, Undated []*tokumu.Claim
	// MoreHeads and MoreUndated count those not named (more than headsMax).
	MoreHeads, MoreUndated int
	Change                 string     // a chart change kind (chart.Added …) relative to the other date
	On                     tokumu.Day // the chart's date
	Children               []*orgNode
	Size                   int // organizations in this subtree, as drawn
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
	p := structurePage{base: s.base(r, "structure", "structure.title", "structure"), Root: q.Get("root"), Date: s.st(r).snap.structDate}
	if p.Root == "" {
		p.Root = s.st(r).snap.structRoot
	}
	// A date that does not parse comes back in its field, marked and
	// explained, over the chart of the default date (status 400): an
	// error page would lose both dates, and the typed text with them.
	status := http.StatusOK
	var err error
	if q.Has("date") {
		if p.Date, err = day(r, "date"); err != nil {
			p.Date, p.DateErr, p.DateBad, status = 0, tokumu.ErrorMessage(err), q.Get("date"), http.StatusBadRequest
		}
	}
	if !q.Has("date") && !q.Has("compare") {
		p.Compare = s.st(r).snap.structCmp // the corpus's default comparison (settings.yaml)
	} else if p.Compare, err = day(r, "compare"); err != nil {
		p.Compare, p.CompareErr, p.CompareBad, status = 0, tokumu.ErrorMessage(err), q.Get("compare"), http.StatusBadRequest
	}
	if p.Date == 0 {
		p.Date = s.st(r).snap.structDate
	}
	if p.Compare == p.Date {
		// The year slider brought the date onto the comparison's: one
		// chart, not two identical ones and an empty list of changes.
		p.Compare = 0
	}
	if p.Root == "" { // the corpus names no default: the first root of the chart
		if roots := s.st(r).orgChart().Roots(p.Date); len(roots) > 0 {
			p.Root = roots[0]
		}
	}
	p.DateText, p.DateHuman = p.Date.String(), p.Day(p.Date)
	if p.Compare != 0 {
		p.CompareText, p.CompareHuman = p.Compare.String(), p.Day(p.Compare)
	}
	p.Title = p.T("structure.title.at", p.Label(p.Root), p.DateHuman)
	if p.CompareText != "" {
		p.Title = p.T("structure.title.cmp", p.Label(p.Root), p.DateHuman, p.CompareHuman)
	}
	p.setView("root", p.Root, "date", p.DateText, "compare", p.CompareText)
	nodes := s.st(r).orgChart().Subtree(p.Root, p.Date)
	if nodes == nil {
		s.htmlError(w, r, tokumu.Errorf(tokumu.ENOTFOUND, "%q is not in the organization chart (it has no part_of or subordinate_to claims)", p.Root))
		return
	}
	p.Roots = s.st(r).orgChart().Roots(p.Date)
	if len(p.Roots) > rootsMax {
		p.Roots = p.Roots[:rootsMax] // a large corpus has thousands; the field still takes any id
	}
	p.Roots = appendNew(p.Roots, p.Root)
	p.Parents = s.st(r).orgChart().Parents(p.Root, p.Date)
	ch := s.st(r).orgChart()
	p.ch = ch
	p.Unplaced = capNodes(ch.Unplaced(p.Root, p.Date))
	// On the first date a tree marks what is gone or moved by the second;
	// on the second, what is new, moved in or renamed into.
	first := map[string]string{}
	second := map[string]string{}
	if p.Compare != 0 {
		then := ch.Subtree(p.Root, p.Compare)
		p.ThenUnplaced = capNodes(ch.Unplaced(p.Root, p.Compare))
		p.Changes = ch.DiffTrees(nodes, then, p.Date, p.Compare)
		p.Counts = map[string]int{}
		for _, c := range p.Changes {
			p.Counts[c.Kind]++
			switch c.Kind {
			case chart.Added:
				second[c.ID] = c.Kind
			case chart.Moved:
				first[c.ID], second[c.ID] = c.Kind, c.Kind
			case chart.Renamed:
				first[c.ID], second[c.To] = c.Kind, c.Kind
			case chart.NoEvidence:
				if c.At == p.Compare {
					first[c.ID] = c.Kind
				} else {
					second[c.ID] = c.Kind
				}
			default:
				first[c.ID] = c.Kind
			}
		}
		if len(p.Changes) > changesMax {
			p.MoreChanges = len(p.Changes) - changesMax
			p.Changes = p.Changes[:changesMax]
		}
		p.Then = buildTree(then, p.Compare, func(id string) string { return second[id] })
	}
	p.Tree = buildTree(nodes, p.Date, func(id string) string { return first[id] })
	s.render(w, r, status, "structure", &p)
}

// unplacedCtx is one chart's list of organizations of unknown parent, for
// the "unplaced" template.
type unplacedCtx struct {
	P     *structurePage
	Date  string // as the page's language writes it
	Nodes []chart.Node
}

// UnplacedAt returns the lists of organizations of unknown parent on the
// first date (0) and the second (1).
func (p *structurePage) UnplacedAt() []unplacedCtx {
	return []unplacedCtx{{p, p.DateHuman, p.Unplaced}, {p, p.CompareHuman, p.ThenUnplaced}}
}

// capNodes keeps a page's list of organizations of unknown parent to
// rootsMax: a large corpus may have thousands.
func capNodes(ns []chart.Node) []chart.Node {
	return ns[:min(len(ns), rootsMax)]
}

// ChangeText says in words what a change is, seen from the first date.
func (p *structurePage) ChangeText(c chart.Change) template.HTML {
	switch c.Kind {
	case chart.Added:
		return p.TH("structure.change.added", p.CompareText)
	case chart.Removed:
		return p.TH("structure.change.removed", p.CompareText)
	case chart.Moved:
		return p.TH("structure.change.moved", p.Link(c.From))
	case chart.Renamed:
		return p.TH("structure.change.renamed", p.Link(c.To))
	case chart.NoEvidence:
		return p.TH("structure.change.no_evidence", c.At.String())
	}
	return template.HTML(template.HTMLEscapeString(c.Kind))
}

// splitHeads parts an organization's heads on a date into those whose
// claims are dated and those a source names without dates, and drops an
// undated claim of a man a dated claim already names. An undated head is
// possible at any date his life and the organization's allow (Matsui
// Iwane "head of the 2nd Bureau" is as possible in 1945 as in 1929), so
// the page lists him apart, as named without dates, never among the
// heads the dates place there.
func splitHeads(heads []*tokumu.Claim) (dated, undated []*tokumu.Claim) {
	named := map[string]bool{}
	for _, h := range heads {
		if !h.When.IsZero() {
			dated = append(dated, h)
			named[h.Subject] = true
		}
	}
	for _, h := range heads {
		if h.When.IsZero() && !named[h.Subject] {
			undated = append(undated, h)
			named[h.Subject] = true
		}
	}
	return dated, undated
}

func buildTree(nodes []chart.Node, day tokumu.Day, change func(string) string) *orgNode {
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
		on := &orgNode{ID: n.ID, Via: n.Via, Change: change(n.ID), Size: 1, On: day}
		on.Heads, on.Undated = splitHeads(n.Heads)
		if len(on.Heads) > headsMax {
			on.MoreHeads = len(on.Heads) - headsMax
			on.Heads = on.Heads[:headsMax]
		}
		if len(on.Undated) > headsMax {
			on.MoreUndated = len(on.Undated) - headsMax
			on.Undated = on.Undated[:headsMax]
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

// writeCite writes a claim's source key, linked to the claim on the
// source's page (the full reference as its title), and its grade: every
// statement of the chart, a head as much as a link, carries both.
func (p *structurePage) writeCite(b *strings.Builder, c *tokumu.Claim) {
	esc := template.HTMLEscapeString
	title := ""
	if src := p.sn.Sources[c.Source]; src != nil {
		title = p.ShortCite(src)
	}
	// The link shows the author and year, as the chart has room for
	// ("Яковкин 2014", not the key "yak"), which is its accessible name;
	// the title gives the short citation.
	b.WriteString(`<a class="src" href="/sources/` + esc(url.PathEscape(c.Source)) + esc(p.Q()) + `#c-` + esc(url.PathEscape(c.ID)) +
		`" title="` + esc(title) + `">` + string(p.BriefCiteHTML(c.Source)) + `</a> `)
	p.writeGrade(b, c.Grade)
}

// writeMore links the heads not named to the organization's page, which
// lists them all, each with its source.
func (p *structurePage) writeMore(b *strings.Builder, id string, more int) {
	if more > 0 {
		esc := template.HTMLEscapeString
		b.WriteString("; " + `<a href="/entities/` + esc(url.PathEscape(id)) + esc(p.Q()) + `">` + esc(p.T("structure.moreheads", more)) + `</a>`)
	}
}

func (p *structurePage) writeNode(b *strings.Builder, n *orgNode) {
	esc := template.HTMLEscapeString
	b.WriteString(`<li class="org`)
	if n.Change != "" {
		b.WriteString(" ch-" + esc(n.Change))
	}
	b.WriteString(`" data-id="` + esc(n.ID) + `">` + "\n" + `<div class="org-box">`)
	b.WriteString(string(p.Link(n.ID)))
	// The organization as it was called on the chart's date: the Russia
	// Section's box on 1 June 1935 says it was then the Russia Group.
	b.WriteString(p.thenSpan(n.ID, p.nameOn(n.ID, n.On)))
	switch n.Change {
	case chart.Added, chart.Removed, chart.Moved, chart.Renamed, chart.NoEvidence:
		b.WriteString(` <span class="badge">` + esc(p.T("structure.badge."+n.Change)) + `</span>`)
	}
	if len(n.Heads) > 0 {
		b.WriteString("\n" + `<span class="heads">` + esc(p.T("structure.head")) + ` `)
		for i, h := range n.Heads {
			if i > 0 {
				b.WriteString("; ")
			}
			b.WriteString(string(p.Link(h.Subject)) + ` <span class="hw" title="` + esc(h.When.EDTF) + `">` + esc(p.Human(h.When)) + `</span> `)
			p.writeCite(b, h)
			if bd := p.ch.HeadBound(h); bd.EndBy != nil {
				// The source gives no end; other evidence does.
				b.WriteString(` <span class="bound" title="` + esc(bd.EndBy.ID+" ("+bd.EndBy.Source+")") + `">` + esc(p.T("structure.until", p.Day(bd.End), p.TypeName("bound.", bd.EndWhy))) + `</span>`)
			}
		}
		p.writeMore(b, n.ID, n.MoreHeads)
		b.WriteString(`</span>`)
	}
	if len(n.Undated) > 0 {
		b.WriteString("\n" + `<span class="heads undated" title="` + esc(p.T("structure.undatedheads.why")) + `">` + esc(p.T("structure.undatedheads")) + ` `)
		for i, h := range n.Undated {
			if i > 0 {
				b.WriteString("; ")
			}
			b.WriteString(string(p.Link(h.Subject)) + ` `)
			p.writeCite(b, h)
		}
		p.writeMore(b, n.ID, n.MoreUndated)
		b.WriteString(`</span>`)
	}
	if c := n.Via; c != nil {
		b.WriteString("\n" + `<span class="via">` + esc(p.Pred(c.Predicate)) + ` · `)
		p.writeCite(b, c)
		b.WriteString(`</span>`)
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
