// Package ach is the analysis of competing hypotheses (Heuer, Psychology
// of Intelligence Analysis, ch. 8) over the corpus's graded claims.
// Hypotheses are entities linked by the hypothesis_of role to the event or
// document their question is about; each rating is itself a claim (the
// ach_rating role) on a hypothesis, naming the evidence claim it rates in
// supported_by, with a perspective (whose rating) and a source (where it is
// argued). Because evidence rows are claims, a change of an evidence
// claim's grade re-weighs the matrix.
package ach

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/tokumu/tokumu"
)

// Rating is one cell: how consistent a piece of evidence is with a
// hypothesis.
type Rating string

// The ratings, as Heuer and PARC ACH write them.
const (
	VeryConsistent   Rating = "CC"
	Consistent       Rating = "C"
	Neutral          Rating = "N"
	Inconsistent     Rating = "I"
	VeryInconsistent Rating = "II"
	NotApplicable    Rating = "NA"
)

// Ratings lists the ratings in order.
var Ratings = []Rating{VeryConsistent, Consistent, Neutral, Inconsistent, VeryInconsistent, NotApplicable}

// ParseRating reads a rating; the error lists the ratings there are.
func ParseRating(s string) (Rating, error) {
	r := Rating(strings.ToUpper(strings.TrimSpace(s)))
	if slices.Contains(Ratings, r) {
		return r, nil
	}
	return "", tokumu.Errorf(tokumu.EINVALID, "rating %q: write CC, C, N, I, II or NA", s)
}

// inconsistency is Heuer's count: I counts 1, II counts 2, the rest 0.
func (r Rating) inconsistency() float64 {
	switch r {
	case Inconsistent:
		return 1
	case VeryInconsistent:
		return 2
	}
	return 0
}

// Weight is an evidence row's weight from its claim's grade: the
// reliability of the source (A 1.0, B 0.8, C 0.6, D 0.4, E and F 0.2)
// times the credibility of the claim (1 1.0, 2 0.8, 3 0.6, 4 0.4, 5 and 6
// 0.2). A B2 row weighs 0.64, a C3 row 0.36: a document from a reliable
// archive counts almost twice as much as a memoir's possibly true claim.
func Weight(g tokumu.Grade) float64 {
	rel := map[byte]float64{'A': 1, 'B': 0.8, 'C': 0.6, 'D': 0.4, 'E': 0.2, 'F': 0.2}[g.Reliability]
	cred := map[byte]float64{1: 1, 2: 0.8, 3: 0.6, 4: 0.4, 5: 0.2, 6: 0.2}[g.Credibility]
	return round(rel * cred)
}

// round drops floating-point noise (0.6400000000000001) from scores.
func round(x float64) float64 { return math.Round(x*1e6) / 1e6 }

// Cell is the rating of one row against one hypothesis: the rating
// scored, the claim that gives it, and other analysts' ratings of it.
type Cell struct {
	Rating Rating          `json:"rating,omitempty"`
	Claim  *tokumu.Claim   `json:"claim,omitempty"`
	Others []*tokumu.Claim `json:"others,omitempty"`
}

// Row is one piece of evidence.
type Row struct {
	Evidence *tokumu.Claim `json:"evidence"`
	Weight   float64       `json:"weight"`
	Cells    []Cell        `json:"cells"` // one per hypothesis, in Matrix.Hypotheses order
	// Diagnosticity is the spread of the row's inconsistency (I 1, II 2,
	// any other rating 0; NA left out) across the hypotheses, times its
	// weight: what the row can do to the ranking, which counts only
	// inconsistency. 0 for evidence that tells no hypothesis from another
	// by what the score counts (N, C and CC alike), which Heuer says to
	// set aside.
	Diagnosticity float64 `json:"diagnosticity"`
}

// Score is one hypothesis's scores.
type Score struct {
	Hypothesis string `json:"hypothesis"`
	// Inconsistency is Heuer's weighted inconsistency score: the sum over
	// rows of weight × (1 for I, 2 for II). Lower is more likely.
	Inconsistency float64 `json:"inconsistency"`
	// Count is the same without weights.
	Count float64 `json:"count"`
}

// Ranking is hypotheses from least to most inconsistent, with scores.
type Ranking struct {
	Order []string `json:"order"`
	// Tied says, for each place of Order, whether its hypothesis scores
	// the same as the one before it (weighted and unweighted): the order
	// of tied hypotheses is only that of the matrix, so a reader is
	// told "=" there, not "<".
	Tied   []bool  `json:"tied"`
	Scores []Score `json:"scores"` // in Matrix.Hypotheses order
}

// Top returns the hypotheses tied for least inconsistent.
func (r Ranking) Top() []string {
	n := 0
	for n < len(r.Order) && (n == 0 || r.Tied[n]) {
		n++
	}
	return r.Order[:n]
}

// Drop is the ranking without one evidence row.
type Drop struct {
	Evidence string   `json:"evidence"`
	Order    []string `json:"order"`
	// TopChanged is true when dropping the row changes which hypotheses
	// are least inconsistent (another comes first, or one that stood
	// first alone is joined by another): the conclusion rests on that
	// one piece.
	TopChanged bool `json:"top_changed"`
}

// Matrix is one question's hypotheses, evidence and scores.
type Matrix struct {
	ID         string   `json:"id"` // the entity the question is about
	Hypotheses []string `json:"hypotheses"`
	// By is the analyst with the most ratings; Analysts lists all who
	// rated. HypothesisBy gives, for each hypothesis (in Hypotheses
	// order), the analyst whose ratings score it: the one who rated it
	// most, so that two analysts' hypotheses on one question are each
	// scored by their own ratings.
	By           string   `json:"by"`
	Analysts     []string `json:"analysts"`
	HypothesisBy []string `json:"hypothesis_by"`
	Rows         []Row    `json:"rows"`
	Ranking      Ranking  `json:"ranking"`
	// WithoutWeak is the ranking with the rows graded C or worse
	// (reliability C–F: the source's, unless the claim sets its own)
	// left out; Weak counts them.
	WithoutWeak Ranking  `json:"without_weak"`
	Weak        int      `json:"weak"`
	Drops       []Drop   `json:"drops"`
	Problems    []string `json:"problems,omitempty"`
}

// Input is what Build reads: the vocabulary, the entities and the claims
// (at least the hypothesis links, the ratings and the evidence they cite).
type Input struct {
	Vocab    *tokumu.Vocab
	Entities map[string]*tokumu.Entity
	Claims   []*tokumu.Claim
}

// Build returns every matrix in the claims, ordered by id.
func Build(in Input) []*Matrix {
	hypOf := in.Vocab.ID(tokumu.RoleHypothesisOf)
	rating := in.Vocab.ID(tokumu.RoleRating)
	if hypOf == "" || rating == "" {
		return nil
	}
	byID := make(map[string]*tokumu.Claim, len(in.Claims))
	for _, c := range in.Claims {
		byID[c.ID] = c
	}
	question := map[string]string{} // hypothesis → question
	ms := map[string]*Matrix{}
	for _, c := range in.Claims {
		if c.Predicate == hypOf && c.Object != "" {
			question[c.Subject] = c.Object
			m := ms[c.Object]
			if m == nil {
				m = &Matrix{ID: c.Object}
				ms[c.Object] = m
			}
			if !slices.Contains(m.Hypotheses, c.Subject) {
				m.Hypotheses = append(m.Hypotheses, c.Subject)
			}
		}
	}
	ratings := map[string][]*tokumu.Claim{} // question → ratings
	for _, c := range in.Claims {
		if c.Predicate != rating {
			continue
		}
		q, ok := question[c.Subject]
		if !ok {
			continue
		}
		ratings[q] = append(ratings[q], c)
	}
	var out []*Matrix
	for _, m := range ms {
		slices.Sort(m.Hypotheses)
		m.fill(ratings[m.ID], byID)
		out = append(out, m)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

func (m *Matrix) fill(rs []*tokumu.Claim, byID map[string]*tokumu.Claim) {
	count := map[string]int{}
	for _, r := range rs {
		count[r.Perspective]++
	}
	for a := range count {
		m.Analysts = append(m.Analysts, a)
	}
	slices.Sort(m.Analysts)
	best := -1
	for _, a := range m.Analysts { // the one with most ratings; ties to the first id
		if count[a] > best {
			m.By, best = a, count[a]
		}
	}
	hi := map[string]int{}
	for i, h := range m.Hypotheses {
		hi[h] = i
	}
	// Each hypothesis is scored by the ratings of the analyst who rated it
	// most (ties to the matrix's analyst, then the first id).
	per := make([]map[string]int, len(m.Hypotheses))
	for i := range per {
		per[i] = map[string]int{}
	}
	for _, r := range rs {
		if i, ok := hi[r.Subject]; ok {
			per[i][r.Perspective]++
		}
	}
	m.HypothesisBy = make([]string, len(m.Hypotheses))
	for i := range m.Hypotheses {
		who, most := m.By, per[i][m.By]
		for _, a := range m.Analysts {
			if per[i][a] > most {
				who, most = a, per[i][a]
			}
		}
		m.HypothesisBy[i] = who
	}
	rowOf := map[string]int{}
	for _, r := range rs {
		if len(r.SupportedBy) != 1 {
			m.Problems = append(m.Problems, fmt.Sprintf("%s: a rating names one evidence claim in supported_by, not %d", r.ID, len(r.SupportedBy)))
			continue
		}
		ev := byID[r.SupportedBy[0]]
		if ev == nil {
			m.Problems = append(m.Problems, fmt.Sprintf("%s: evidence %q is not a claim id", r.ID, r.SupportedBy[0]))
			continue
		}
		val, err := ParseRating(r.Value)
		if err != nil {
			m.Problems = append(m.Problems, fmt.Sprintf("%s: %s", r.ID, tokumu.ErrorMessage(err)))
			continue
		}
		i, ok := rowOf[ev.ID]
		if !ok {
			i = len(m.Rows)
			rowOf[ev.ID] = i
			m.Rows = append(m.Rows, Row{Evidence: ev, Weight: Weight(ev.Grade), Cells: make([]Cell, len(m.Hypotheses))})
		}
		h := hi[r.Subject]
		cell := &m.Rows[i].Cells[h]
		switch {
		case r.Perspective != m.HypothesisBy[h]:
			cell.Others = append(cell.Others, r)
		case cell.Claim != nil:
			m.Problems = append(m.Problems, fmt.Sprintf("%s: %s already rated %s against %s (%s)", r.ID, r.Perspective, ev.ID, r.Subject, cell.Claim.ID))
		default:
			cell.Rating, cell.Claim = val, r
		}
	}
	sort.SliceStable(m.Rows, func(i, j int) bool {
		a, b := m.Rows[i].Evidence.When, m.Rows[j].Evidence.When
		if a.Earliest != b.Earliest {
			return a.Earliest < b.Earliest
		}
		return m.Rows[i].Evidence.ID < m.Rows[j].Evidence.ID
	})
	// A cell its hypothesis's analyst did not rate scores as consistent:
	// Heuer fills every cell, so say which are empty.
	for h, id := range m.Hypotheses {
		var empty []string
		for _, r := range m.Rows {
			if r.Cells[h].Claim == nil {
				empty = append(empty, r.Evidence.ID)
			}
		}
		if len(empty) > 0 {
			m.Problems = append(m.Problems, fmt.Sprintf("%s: %d of %d rows have no rating by %s, and score as consistent: %s",
				id, len(empty), len(m.Rows), m.HypothesisBy[h], strings.Join(empty, ", ")))
		}
	}
	for i := range m.Rows {
		r := &m.Rows[i]
		lo, hi, n := 0.0, 0.0, 0
		for _, c := range r.Cells {
			if c.Rating == "" || c.Rating == NotApplicable {
				continue
			}
			v := c.Rating.inconsistency()
			if n == 0 || v < lo {
				lo = v
			}
			if n == 0 || v > hi {
				hi = v
			}
			n++
		}
		r.Diagnosticity = round((hi - lo) * r.Weight)
	}
	all := func(int) bool { return true }
	m.Ranking = m.rank(all)
	weak := func(i int) bool { return m.Rows[i].Evidence.Grade.Reliability <= 'B' } // keeps A and B
	for i := range m.Rows {
		if !weak(i) {
			m.Weak++
		}
	}
	m.WithoutWeak = m.rank(weak)
	for i := range m.Rows {
		r := m.rank(func(j int) bool { return j != i })
		m.Drops = append(m.Drops, Drop{Evidence: m.Rows[i].Evidence.ID, Order: r.Order,
			TopChanged: !slices.Equal(sorted(r.Top()), sorted(m.Ranking.Top()))})
	}
}

// rank scores the rows that keep selects.
func (m *Matrix) rank(keep func(int) bool) Ranking {
	r := Ranking{Scores: make([]Score, len(m.Hypotheses))}
	for h, id := range m.Hypotheses {
		r.Scores[h].Hypothesis = id
		for i, row := range m.Rows {
			if !keep(i) {
				continue
			}
			inc := row.Cells[h].Rating.inconsistency()
			r.Scores[h].Count += inc
			r.Scores[h].Inconsistency += inc * row.Weight
		}
		r.Scores[h].Inconsistency = round(r.Scores[h].Inconsistency)
		r.Order = append(r.Order, id)
	}
	sc := map[string]Score{}
	for _, s := range r.Scores {
		sc[s.Hypothesis] = s
	}
	sort.SliceStable(r.Order, func(i, j int) bool {
		a, b := sc[r.Order[i]], sc[r.Order[j]]
		if a.Inconsistency != b.Inconsistency {
			return a.Inconsistency < b.Inconsistency
		}
		return a.Count < b.Count
	})
	r.Tied = make([]bool, len(r.Order))
	for i := 1; i < len(r.Order); i++ {
		a, b := sc[r.Order[i-1]], sc[r.Order[i]]
		r.Tied[i] = a.Inconsistency == b.Inconsistency && a.Count == b.Count
	}
	return r
}

// WriteCSV writes the matrix as CSV: one line per evidence row (its claim
// id, text, source, grade, weight, diagnosticity and a rating per
// hypothesis), then the weighted and unweighted inconsistency scores.
func (m *Matrix) WriteCSV(w io.Writer, label func(id string) string) error {
	cw := csv.NewWriter(w)
	head := []string{"evidence", "text", "when", "by", "source", "grade", "weight", "diagnosticity"}
	for _, h := range m.Hypotheses {
		head = append(head, label(h))
	}
	// Each cell's rating claim, so that a rating is traced to its claim,
	// its analyst, its reason and its source.
	for i, h := range m.Hypotheses {
		head = append(head, label(h)+" — rating claim ("+label(m.HypothesisBy[i])+")")
	}
	cw.Write(head)
	f := func(x float64) string { return strconv.FormatFloat(math.Round(x*1e6)/1e6, 'f', -1, 64) }
	for _, r := range m.Rows {
		e := r.Evidence
		line := []string{e.ID, EvidenceText(e, label), e.When.EDTF, e.Perspective, e.Source, e.Grade.String(), f(r.Weight), f(r.Diagnosticity)}
		for _, c := range r.Cells {
			line = append(line, string(c.Rating))
		}
		for _, c := range r.Cells {
			id := ""
			if c.Claim != nil {
				id = c.Claim.ID
			}
			line = append(line, id)
		}
		cw.Write(line)
	}
	for _, total := range []struct {
		name string
		get  func(Score) float64
	}{{"weighted inconsistency", func(s Score) float64 { return s.Inconsistency }}, {"inconsistency (unweighted)", func(s Score) float64 { return s.Count }}} {
		line := []string{"", total.name, "", "", "", "", "", ""}
		for _, sc := range m.Ranking.Scores {
			line = append(line, f(total.get(sc)))
		}
		cw.Write(line)
	}
	cw.Flush()
	return cw.Error()
}

// EvidenceText says what an evidence claim says, for a row: its value and
// unit ("≤28 rifle divisions" of its subject), or, for a relation, its
// subject, predicate and object, which have no text of their own.
func EvidenceText(c *tokumu.Claim, label func(id string) string) string {
	switch {
	case c.Object != "":
		return label(c.Subject) + " — " + c.Predicate + " — " + label(c.Object)
	case c.Unit != "":
		return label(c.Subject) + ": " + c.Value + " " + c.Unit
	}
	return c.Value
}

func sorted(ids []string) []string {
	out := slices.Clone(ids)
	slices.Sort(out)
	return out
}
