package format

import (
	"bufio"
	"context"
	"io"
	"strconv"
	"strings"

	"github.com/tokumu/tokumu"
)

// The RDF export models tokumu on CIDOC-CRM, the museum and archive
// world's ontology, so that a triple store of the field can join it:
//
//   - an entity is an E21 Person, E74 Group (organizations and units),
//     E53 Place, E5 Event (events and operations), E31 Document or E4
//     Period, and a schema.org Person, Organization, Place, Event or
//     CreativeWork with its names (schema:name, one per script) and
//     summaries (schema:description);
//   - a claim is an E13 Attribute Assignment: P140 assigned attribute to
//     its subject, P177 assigned property of type its predicate, P141
//     assigned its object or value, P70i is documented in its source (the
//     carrier of the statement), P7 took place at its place, and P4 has
//     time-span an E52 Time-Span whose P82a/P81a/P81b/P82b are the EDTF
//     bounds (begin of the begin … end of the end) and whose P170i is the
//     EDTF text;
//   - a claim with a perspective is also held as a CRMinf I2 Belief (J4
//     that the claim, J5 holds to be true) concluded by an I1
//     Argumentation carried out by (P14) the perspective's entity;
//   - a source is an E31 Document and a schema:CreativeWork.
//
// IRIs are stable: Base + entities/ID, claims/ID, sources/ID and
// predicates/ID, with #time, #belief and #argumentation for the nodes a
// claim needs. No blank nodes, so that two exports of one release give
// the same triples.
const (
	nsRDF    = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
	nsRDFS   = "http://www.w3.org/2000/01/rdf-schema#"
	nsXSD    = "http://www.w3.org/2001/XMLSchema#"
	nsCRM    = "http://www.cidoc-crm.org/cidoc-crm/"
	nsCRMinf = "http://www.ics.forth.gr/isl/CRMinf/"
	nsSchema = "https://schema.org/"
	nsTK     = "https://tokumu.github.io/ns#" // tokumu's own terms: grade, locator, role, unit

	schemaDescription = "https://schema.org/description" // whole, so that no literal reads as a predicate id
)

var prefixes = [][2]string{{"rdf", nsRDF}, {"rdfs", nsRDFS}, {"xsd", nsXSD}, {"crm", nsCRM},
	{"crminf", nsCRMinf}, {"schema", nsSchema}, {"tk", nsTK}}

// term is an RDF term: an IRI, or a literal with a language or datatype.
type term struct {
	iri      string
	lit      string
	lang     string
	datatype string
}

func iri(s string) term { return term{iri: s} }
func str(s string) term { return term{lit: s} }

// triple is one statement of the graph.
type triple struct {
	s, p string
	o    term
}

var crmClass = map[tokumu.EntityType]string{
	tokumu.Person: "E21_Person", tokumu.Organization: "E74_Group", tokumu.Unit: "E74_Group",
	tokumu.Place: "E53_Place", tokumu.Event: "E5_Event", tokumu.Operation: "E5_Event",
	tokumu.Document: "E31_Document", tokumu.Period: "E4_Period",
	tokumu.Hypothesis: "E89_Propositional_Object",
}

var schemaClass = map[tokumu.EntityType]string{
	tokumu.Person: "Person", tokumu.Organization: "Organization", tokumu.Unit: "Organization",
	tokumu.Place: "Place", tokumu.Event: "Event", tokumu.Operation: "Event",
	tokumu.Document: "CreativeWork", tokumu.Period: "Event",
	tokumu.Hypothesis: "Claim",
}

// graph emits the export's triples, the triples of one subject together
// and none twice, which the writers rely on to group and the tests to
// count.
func graph(ctx context.Context, x *Export, emit func(triple) error) error {
	g := &grouper{emit: emit}
	// The dataset the file is part of (its IRI is the base): its title,
	// editors and persistent address from the corpus's settings, and the
	// release, so that a store holding several exports can tell them
	// apart and cite them. A source's or predicate's own graph is that
	// record alone.
	if d := x.Settings(); !x.Query.record() && (d.Title != "" || x.Options.Release != "") {
		s := x.Options.Base
		g.add(s, nsRDF+"type", iri(nsSchema+"Dataset"))
		if d.Title != "" {
			g.add(s, nsSchema+"name", str(d.Title))
		}
		for _, e := range d.Editors {
			g.add(s, nsSchema+"editor", str(e))
		}
		if x.Options.Release != "" {
			g.add(s, nsSchema+"version", str(x.Options.Release))
		}
		if d.URL != "" {
			g.add(s, nsSchema+"sameAs", iri(d.URL))
		}
	}
	for _, p := range x.Predicates() {
		s := x.PredicateIRI(p.ID)
		g.add(s, nsRDF+"type", iri(nsCRM+"E55_Type"))
		for _, l := range sortedKeys(p.Label) {
			g.add(s, nsRDFS+"label", term{lit: p.Label[l], lang: l})
		}
	}
	for _, src := range x.Sources() {
		s := x.SourceIRI(src.ID)
		g.add(s, nsRDF+"type", iri(nsCRM+"E31_Document"))
		g.add(s, nsRDF+"type", iri(nsSchema+"CreativeWork"))
		// The title in the source's language, and its English translation
		// as a second name, each tagged, so that a triple store can pick
		// the one its reader reads.
		g.add(s, nsSchema+"name", term{lit: src.Title, lang: src.Language})
		if src.TitleEn != "" {
			g.add(s, nsSchema+"name", term{lit: src.TitleEn, lang: "en"})
		}
		if src.Language != "" {
			g.add(s, nsSchema+"inLanguage", str(src.Language))
		}
		for _, a := range src.Authors {
			g.add(s, nsSchema+"author", str(a.String()))
		}
		if src.Container != "" {
			g.add(s, nsSchema+"isPartOf", str(src.Container))
		}
		if src.Publisher != "" {
			g.add(s, nsSchema+"publisher", str(src.Publisher))
		}
		if src.Issued != "" {
			g.add(s, nsSchema+"datePublished", str(src.Issued))
		}
		if src.URL != "" {
			g.add(s, nsSchema+"url", iri(src.URL))
		}
		if src.DOI != "" {
			g.add(s, nsSchema+"identifier", str("doi:"+src.DOI))
		}
		if err := g.err; err != nil {
			return err
		}
	}
	err := x.Entities(ctx, func(e *tokumu.Entity) error {
		s := x.EntityIRI(e.ID)
		// An entity type with no class yet gets none rather than the bare
		// namespace (TestEveryTypeHasAClass keeps the maps complete).
		if c := crmClass[e.Type]; c != "" {
			g.add(s, nsRDF+"type", iri(nsCRM+c))
		}
		if c := schemaClass[e.Type]; c != "" {
			g.add(s, nsRDF+"type", iri(nsSchema+c))
		}
		g.add(s, nsRDFS+"label", str(e.Label(x.Options.Lang)))
		// The entity's own names and their systematic renderings are
		// schema:name; an alias, a cover name or a former name is
		// schema:alternateName (Lyushkov's cover name is not his name).
		// A name that is more than its text — of another kind, dated
		// (Hsinking 1932–1945) or from a source — is also an E41
		// Appellation that says so.
		var more []int
		for i, n := range e.Names {
			p := nsSchema + "name"
			if !n.Kind.Proper() {
				p = nsSchema + "alternateName"
			}
			g.add(s, p, term{lit: n.Text, lang: n.Lang})
			if !n.Kind.Proper() || !n.When.IsZero() || n.Source != "" {
				g.add(s, nsCRM+"P1_is_identified_by", iri(nameIRI(s, i)))
				more = append(more, i)
			}
		}
		for _, l := range sortedKeys(e.Summary) {
			g.add(s, schemaDescription, term{lit: e.Summary[l], lang: l})
		}
		for _, t := range e.Tags {
			g.add(s, nsSchema+"keywords", str(t))
		}
		for _, i := range more {
			n, a := e.Names[i], nameIRI(s, i)
			g.add(a, nsRDF+"type", iri(nsCRM+"E41_Appellation"))
			g.add(a, nsCRM+"P190_has_symbolic_content", term{lit: n.Text, lang: n.Lang})
			g.add(a, nsTK+"nameKind", str(string(n.Kind)))
			if n.Source != "" {
				g.add(a, nsCRM+"P70i_is_documented_in", iri(x.SourceIRI(n.Source)))
			}
			if !n.When.IsZero() {
				g.add(a, nsCRM+"P4_has_time-span", iri(a+"-time"))
				timeSpan(g, a+"-time", n.When)
			}
		}
		return g.err
	})
	if err != nil {
		return err
	}
	err = x.Claims(ctx, func(c *tokumu.Claim) error {
		s := x.ClaimIRI(c.ID)
		g.add(s, nsRDF+"type", iri(nsCRM+"E13_Attribute_Assignment"))
		g.add(s, nsCRM+"P140_assigned_attribute_to", iri(x.EntityIRI(c.Subject)))
		g.add(s, nsCRM+"P177_assigned_property_of_type", iri(x.PredicateIRI(c.Predicate)))
		switch {
		case c.Object != "":
			g.add(s, nsCRM+"P141_assigned", iri(x.EntityIRI(c.Object)))
		case c.Value != "":
			g.add(s, nsCRM+"P141_assigned", term{lit: c.Value, lang: valueLang(x, c)})
		}
		if c.Unit != "" {
			g.add(s, nsTK+"unit", str(c.Unit))
		}
		if c.Role != "" {
			g.add(s, nsTK+"role", str(c.Role))
		}
		if c.Where != "" {
			g.add(s, nsCRM+"P7_took_place_at", iri(x.EntityIRI(c.Where)))
		}
		g.add(s, nsCRM+"P70i_is_documented_in", iri(x.SourceIRI(c.Source)))
		if c.Locator != "" {
			g.add(s, nsTK+"locator", str(c.Locator))
		}
		g.add(s, nsTK+"grade", str(c.Grade.String()))
		if c.Note != "" {
			g.add(s, nsRDFS+"comment", str(c.Note))
		}
		if c.PlantedBy != "" {
			g.add(s, nsTK+"plantedBy", iri(x.EntityIRI(c.PlantedBy)))
		}
		// The source's own words for what the editors identified: a
		// literal beside the link, in no language tag (they may be in any).
		for _, n := range []struct{ p, words string }{{"subjectNamedAs", c.NamedAs.Subject},
			{"objectNamedAs", c.NamedAs.Object}, {"perspectiveNamedAs", c.NamedAs.Perspective}} {
			if n.words != "" {
				g.add(s, nsTK+n.p, str(n.words))
			}
		}
		if c.NamedAs.Words != "" {
			// Whose the words above are: "editors" for the editors'
			// account of the source's words, which were not recorded.
			g.add(s, nsTK+"namedAsWords", str(c.NamedAs.Words))
		}
		for _, id := range c.SupportedBy {
			g.add(s, nsTK+"supportedBy", iri(x.Options.Base+evidencePath(x, id)))
		}
		for _, id := range c.ComplicatedBy {
			g.add(s, nsTK+"complicatedBy", iri(x.Options.Base+evidencePath(x, id)))
		}
		if !c.When.IsZero() {
			g.add(s, nsCRM+"P4_has_time-span", iri(s+"#time"))
			timeSpan(g, s+"#time", c.When)
		}
		if c.Perspective != "" {
			b := s + "#belief"
			g.add(b, nsRDF+"type", iri(nsCRMinf+"I2_Belief"))
			g.add(b, nsCRMinf+"J4_that", iri(s))
			g.add(b, nsCRMinf+"J5_holds_to_be", str("true"))
			a := s + "#argumentation"
			g.add(a, nsRDF+"type", iri(nsCRMinf+"I1_Argumentation"))
			g.add(a, nsCRM+"P14_carried_out_by", iri(x.EntityIRI(c.Perspective)))
			g.add(a, nsCRMinf+"J2_concluded_that", iri(b))
		}
		return g.err
	})
	if err != nil {
		return err
	}
	return g.err
}

// timeSpan emits t as the E52 Time-Span of w: its EDTF text and the
// bounds that are known.
func timeSpan(g *grouper, t string, w tokumu.When) {
	g.add(t, nsRDF+"type", iri(nsCRM+"E52_Time-Span"))
	g.add(t, nsCRM+"P170i_time_is_defined_by", str(w.EDTF))
	for _, b := range []struct {
		p string
		d tokumu.Day
	}{{"P82a_begin_of_the_begin", w.Earliest}, {"P81a_end_of_the_begin", w.LatestStart},
		{"P81b_begin_of_the_end", w.EarliestEnd}, {"P82b_end_of_the_end", w.Latest}} {
		if b.d > tokumu.MinDay && b.d < tokumu.MaxDay {
			g.add(t, nsCRM+b.p, term{lit: b.d.String(), datatype: nsXSD + "date"})
		}
	}
}

// nameIRI is the IRI of an entity's i-th name as an appellation.
func nameIRI(entity string, i int) string { return entity + "#name-" + strconv.Itoa(i) }

// valueLang is the language tag of a claim's value: a text value is in
// its lang, which defaults to English (CORPUS.md); a number or a point is
// in none.
func valueLang(x *Export, c *tokumu.Claim) string {
	if p := x.Vocab().Pred(c.Predicate); p == nil || p.Literal != tokumu.LiteralText {
		return ""
	}
	if c.Lang == "" {
		return "en"
	}
	return c.Lang
}

// evidencePath is where an evidence link points: an entity the export
// names, else a claim.
func evidencePath(x *Export, id string) string {
	if x.Has(id) {
		return "entities/" + id
	}
	return "claims/" + id
}

// grouper drops a triple the same subject already has (two names with
// the same text and language, say), so that every count is of distinct
// triples, which is what RDF tools count.
type grouper struct {
	emit func(triple) error
	subj string
	seen map[triple]bool
	err  error
}

func (g *grouper) add(s, p string, o term) {
	if g.err != nil || (o.iri == "" && o.lit == "") {
		return
	}
	if s != g.subj {
		g.subj = s
		clear(g.seen)
	}
	if g.seen == nil {
		g.seen = map[triple]bool{}
	}
	t := triple{s, p, o}
	if g.seen[t] {
		return
	}
	g.seen[t] = true
	g.err = g.emit(t)
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	for i := 1; i < len(keys); i++ {
		for j := i; j > 0 && keys[j] < keys[j-1]; j-- {
			keys[j], keys[j-1] = keys[j-1], keys[j]
		}
	}
	return keys
}

// ntEscape escapes a literal for N-Triples and Turtle's short strings.
func ntEscape(s string) string {
	if !strings.ContainsAny(s, "\\\"\n\r\t") {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\':
			b.WriteString(`\\`)
		case '"':
			b.WriteString(`\"`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// iriEscape writes the characters N-Triples forbids in an IRI as %XX.
func iriEscape(s string) string {
	if !strings.ContainsAny(s, " <>\"{}|^`\\") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || strings.IndexByte("<>\"{}|^`\\", c) >= 0 {
			b.WriteString("%" + strings.ToUpper(hex2(c)))
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

func hex2(c byte) string {
	const h = "0123456789abcdef"
	return string([]byte{h[c>>4], h[c&15]})
}

func (t term) nt() string {
	if t.iri != "" {
		return "<" + iriEscape(t.iri) + ">"
	}
	s := `"` + ntEscape(t.lit) + `"`
	switch {
	case t.lang != "":
		return s + "@" + t.lang
	case t.datatype != "":
		return s + "^^<" + t.datatype + ">"
	}
	return s
}

func init() {
	Register(&Format{
		Name: "ntriples", MediaType: "application/n-triples", Ext: ".nt",
		Summary: "RDF N-Triples on CIDOC-CRM, CRMinf and schema.org, for triple stores",
		Write: func(ctx context.Context, w io.Writer, x *Export) error {
			bw := bufio.NewWriterSize(w, 64<<10)
			err := graph(ctx, x, func(t triple) error {
				_, err := bw.WriteString("<" + iriEscape(t.s) + "> <" + t.p + "> " + t.o.nt() + " .\n")
				return err
			})
			if err != nil {
				return err
			}
			return bw.Flush()
		},
	})
	Register(&Format{
		Name: "turtle", MediaType: "text/turtle", Ext: ".ttl",
		Summary: "RDF Turtle on CIDOC-CRM, CRMinf and schema.org",
		Write:   writeTurtle,
	})
}

func writeTurtle(ctx context.Context, w io.Writer, x *Export) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	for _, p := range prefixes {
		bw.WriteString("@prefix " + p[0] + ": <" + p[1] + "> .\n")
	}
	subj, pred := "", ""
	err := graph(ctx, x, func(t triple) error {
		switch {
		case t.s != subj:
			if subj != "" {
				bw.WriteString(" .\n")
			}
			bw.WriteString("\n<" + iriEscape(t.s) + ">\n    " + short(t.p) + " " + t.o.ttl())
		case t.p != pred:
			bw.WriteString(" ;\n    " + short(t.p) + " " + t.o.ttl())
		default:
			bw.WriteString(", " + t.o.ttl())
		}
		subj, pred = t.s, t.p
		return nil
	})
	if err != nil {
		return err
	}
	if subj != "" {
		bw.WriteString(" .\n")
	}
	return bw.Flush()
}

// short writes a vocabulary IRI as a prefixed name, "a" for rdf:type.
func short(u string) string {
	if u == nsRDF+"type" {
		return "a"
	}
	for _, p := range prefixes {
		if local, ok := strings.CutPrefix(u, p[1]); ok && local != "" && !strings.ContainsAny(local, "/#.~") {
			return p[0] + ":" + local
		}
	}
	return "<" + iriEscape(u) + ">"
}

func (t term) ttl() string {
	if t.iri != "" {
		return short(t.iri)
	}
	if t.datatype == nsXSD+"date" {
		return `"` + ntEscape(t.lit) + `"^^xsd:date`
	}
	return t.nt()
}

// HasRDFClass reports whether entities of type t are typed in both
// vocabularies the RDF exports use.
func HasRDFClass(t tokumu.EntityType) bool { return crmClass[t] != "" && schemaClass[t] != "" }
