package tokumu

import (
	"fmt"
	"math"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Problem is one rule a write breaks: the field it concerns, in the
// corpus's YAML spelling ("p", "o", "v", "unit", "when", "where", "by",
// "planted_by", "source", "supported_by"; for names "names[i].text"), and
// a message that says what to write instead. The YAML loader turns Field
// into file:line:col; a web form shows the message beside its field.
type Problem struct {
	Field   string
	Index   int // the position in a list field (supported_by, names), else 0
	Message string
	// Unknown is the id that did not resolve, if that is the problem, so
	// that a caller can suggest the nearest known one.
	Unknown string
	// Kind is what Unknown should have been: "entity", "source",
	// "predicate" or "claim or entity".
	Kind string
}

func (p Problem) Error() string { return p.Field + ": " + p.Message }

func problem(field, format string, args ...any) Problem {
	return Problem{Field: field, Message: fmt.Sprintf(format, args...)}
}

// Lookup resolves the ids a claim refers to. A Dataset's Index, a store's
// read model and the YAML loader's declarations all provide one.
type Lookup interface {
	// Predicate returns the predicate with the id, or nil.
	Predicate(id string) *Predicate
	// EntityType returns the type of entity id, and false if there is none.
	EntityType(id string) (EntityType, bool)
	// HasSource reports whether the bibliography has the key.
	HasSource(id string) bool
	// HasClaim reports whether a claim has the id.
	HasClaim(id string) bool
}

// Perspective types: who can hold a belief.
var perspectiveTypes = []EntityType{Person, Organization, Unit}

// ValidateClaim checks c, a claim about an entity of type subject, against
// every rule a writer must obey — the YAML loader, a web form and a CSV
// import alike: the predicate exists and may be said of the subject; an
// object where the predicate takes one, of a type it may point at; a value
// of the predicate's literal kind (a number with its unit, a point as
// "lat, lon"); a place in where; a person, organization or unit in by;
// an operation or event in planted_by; a source in the bibliography;
// evidence links that resolve. It returns every problem, in field order.
func ValidateClaim(lk Lookup, subject EntityType, c *Claim) []Problem {
	var ps []Problem
	add := func(p Problem) { ps = append(ps, p) }
	entity := func(field, id string) (EntityType, bool) {
		t, ok := lk.EntityType(id)
		if !ok {
			add(Problem{Field: field, Message: fmt.Sprintf("%s: unknown entity %q", field, id), Unknown: id, Kind: "entity"})
		}
		return t, ok
	}
	if c.Predicate == "" {
		add(problem("p", "a claim needs a predicate (p: …)"))
	}
	pr := lk.Predicate(c.Predicate)
	switch {
	case c.Predicate == "":
	case pr == nil:
		add(Problem{Field: "p", Message: fmt.Sprintf("predicate %q is not in the vocabulary", c.Predicate), Unknown: c.Predicate, Kind: "predicate"})
	default:
		if subject.Valid() && !pr.AllowsSubject(subject) {
			add(problem("p", "predicate %s cannot be said of a %s (it is for %s)", pr.ID, subject, joinTypes(pr.Domain)))
		}
		switch pr.Literal {
		case "":
			if c.Object == "" {
				add(problem("o", "predicate %s needs an object: o: <the id of %s>", pr.ID, typeChoice(pr.Range)))
			}
			if c.Value != "" {
				add(problem("v", "predicate %s takes an entity (o: …), not a value", pr.ID))
			}
		case LiteralNone:
			if c.Object != "" || c.Value != "" {
				add(problem("p", "predicate %s takes no object or value, only when/where", pr.ID))
			}
			if c.When.IsZero() && c.Where == "" {
				add(problem("when", "predicate %s says nothing without when or where", pr.ID))
			}
		default:
			if c.Object != "" {
				add(problem("o", "predicate %s takes a value (v: …), not an entity", pr.ID))
			} else if c.Value == "" {
				add(problem("p", "predicate %s needs a value: v: <%s>", pr.ID, pr.Literal))
			}
		}
		if c.Value != "" {
			switch pr.Literal {
			case LiteralNumber:
				if _, _, err := ParseQuantity(c.Value); err != nil {
					add(problem("v", "predicate %s needs a number, not %q: write digits, after ≥ (or >=), >, ≤ (or <=), < or ~ where the source says at least, over, up to, under or about; write a range as two claims", pr.ID, c.Value))
				}
				if c.Unit == "" {
					add(problem("v", "a number needs a unit (unit: men, divisions, aircraft, tanks …)"))
				}
			case LiteralPoint:
				if _, _, err := ParsePoint(c.Value); err != nil {
					add(problem("v", "%s", ErrorMessage(err)))
				}
			}
		}
		if c.Object != "" {
			if t, ok := entity("o", c.Object); ok && pr.Literal == "" && !pr.AllowsObject(t) {
				add(problem("o", "predicate %s cannot point at %s, a %s (it takes %s)", pr.ID, c.Object, t, joinTypes(pr.Range)))
			}
		}
	}
	if c.Object != "" && pr == nil && c.Predicate != "" {
		entity("o", c.Object)
	}
	if c.Where != "" {
		if t, ok := entity("where", c.Where); ok && t != Place {
			add(problem("where", "where: %s is a %s, not a place", c.Where, t))
		}
	}
	if c.Perspective != "" {
		if t, ok := entity("by", c.Perspective); ok && !containsType(perspectiveTypes, t) {
			add(problem("by", "by: %s is a %s; a perspective is the person, organization or unit that held the belief", c.Perspective, t))
		}
	}
	if c.PlantedBy != "" {
		if t, ok := entity("planted_by", c.PlantedBy); ok && t != Operation && t != Event {
			add(problem("planted_by", "planted_by: %s is a %s; it must be the operation that planted the claim", c.PlantedBy, t))
		}
		if c.Perspective == "" {
			add(problem("planted_by", "a planted claim says who received it: add by: <the organ or person that believed it>"))
		}
	}
	ps = append(ps, validateNamedAs(c)...)
	ps = append(ps, ValidateNote(c.Note)...)
	for i, id := range c.SupportedBy {
		evidence(lk, &ps, "supported_by", i, id)
	}
	for i, id := range c.ComplicatedBy {
		evidence(lk, &ps, "complicated_by", i, id)
	}
	if c.Source == "" {
		add(problem("source", "claim %s %s has no source: every claim needs source: <bibliography key>", c.Subject, c.Predicate))
	} else if !lk.HasSource(c.Source) {
		add(Problem{Field: "source", Message: fmt.Sprintf("source %q is not in the bibliography; add sources/%s.yaml or fix the key", c.Source, c.Source),
			Unknown: c.Source, Kind: "source"})
	}
	return ps
}

// maxNamedAs bounds the source's wording kept in named_as: a phrase, not
// a quotation of the passage (that goes in note).
const maxNamedAs = 200

// validateNamedAs checks that each wording names an entity the claim
// links, and is a short phrase on one line.
func validateNamedAs(c *Claim) []Problem {
	var ps []Problem
	for _, f := range []struct{ field, words, linked, needs string }{
		{"named_as.subject", c.NamedAs.Subject, c.Subject, "subject"},
		{"named_as.o", c.NamedAs.Object, c.Object, "o: <entity>"},
		{"named_as.by", c.NamedAs.Perspective, c.Perspective, "by: <entity>"},
	} {
		switch w := f.words; {
		case w == "":
		case f.linked == "":
			ps = append(ps, problem(f.field, "%s gives the source's words for an entity the claim does not name: add %s or remove %s", f.field, f.needs, f.field))
		case strings.TrimSpace(w) != w || strings.ContainsAny(w, "\n\r\t"):
			ps = append(ps, problem(f.field, "%s is one line without leading or trailing spaces: %q", f.field, w))
		case utf8.RuneCountInString(w) > maxNamedAs:
			ps = append(ps, problem(f.field, "%s has %d characters; keep the source's name for the entity (at most %d) and quote the passage in note", f.field, utf8.RuneCountInString(w), maxNamedAs))
		}
	}
	switch w := c.NamedAs.Words; {
	case w != "" && w != WordsEditors:
		ps = append(ps, problem("named_as.words", "named_as.words is %q: write words: %s where the phrase is the editors' account of the source's words (not recorded, or read in summary), or leave it out where they are the source's", w, WordsEditors))
	case w != "" && c.NamedAs.Subject == "" && c.NamedAs.Object == "" && c.NamedAs.Perspective == "":
		ps = append(ps, problem("named_as.words", "named_as.words says whose words the phrase is, but named_as gives none: add subject, o or by, or remove words"))
	}
	return ps
}

// WarnClaim lists what in c, with its effective grade, breaks an
// editorial rule without making the claim unreadable: findings a load
// reports as warnings, not errors. A perspective the source does not name
// (named_as.by keeps the page's words, so by is the editors'
// identification) cannot be better than "possibly true": an organ the
// source does not name is an inference, whatever the source's standing.
// And a claim may judge its passage less reliable than the source it
// cites (a rumour a good book repeats), never more: reliability is the
// source's, so a better letter belongs in the source's record, where
// every claim on it gets it (src may be nil, when it is unknown).
func WarnClaim(c *Claim, src *Source) []Problem {
	var ps []Problem
	if src != nil && c.Grade.Reliability != 0 {
		if def := src.DefaultGrade(); c.Grade.Reliability < def.Reliability {
			ps = append(ps, problem("grade", "claim %s is graded %s, but its source %s has reliability %c: a claim may lower its source's reliability, not raise it; write grade: \"%d\" to take the source's, or give the source reliability: %c if the whole work deserves it", c.ID, c.Grade, src.ID, def.Reliability, c.Grade.Credibility, c.Grade.Reliability))
		}
	}
	if c.NamedAs.Perspective != "" && c.Grade.Credibility >= 1 && c.Grade.Credibility <= 2 {
		ps = append(ps, problem("grade", "claim %s is graded %s, but its perspective is the editors' identification (the source says %q): grade it credibility 3 or worse, or drop named_as.by if the source names %s", c.ID, c.Grade, c.NamedAs.Perspective, c.Perspective))
	}
	if w, sign, ok := noteBound(c); ok {
		ps = append(ps, problem("v", "the note says %q of this figure, but v gives it bare: if that is the source's word, write v: \"%s%s\"; if it is not, say so in other words", w, sign, c.Value))
	}
	return ps
}

// noteKey finds what a note puts in parentheses as a key — "(zor23)",
// "(kotkin, n. 159)", "(soviet-transfers-west-1941)" — the way notes name
// other sources, entities and claims for the reader to follow.
var noteKey = regexp.MustCompile(`\(([a-z][a-z0-9]*(?:-[a-z0-9]+)*)[,;)]`)

// UnknownNoteKeys returns the keys a note names in parentheses, each once,
// that are no source, entity or claim of l: a source merged into another
// or renamed leaves such keys behind in other claims' notes, where nothing
// else would find them. Only keys with a hyphen or a digit count, so that
// a word in parentheses ("(sic)") is not taken for one.
func UnknownNoteKeys(l Lookup, note string) []string {
	var out []string
	for _, m := range noteKey.FindAllStringSubmatch(note, -1) {
		k := m[1]
		if !strings.ContainsAny(k, "-0123456789") || slices.Contains(out, k) || l.HasSource(k) || l.HasClaim(k) {
			continue
		}
		if _, ok := l.EntityType(k); ok {
			continue
		}
		out = append(out, k)
	}
	return out
}

// UnknownNoteKey is the warning for a key UnknownNoteKeys returns; hint
// is a suggestion such as " (did you mean zor23?)", or empty.
func UnknownNoteKey(key, hint string) Problem {
	return problem("note", "the note names (%s), which is no source, entity or claim of this corpus: write its key as the bibliography has it%s, or name the work in words", key, hint)
}

// noteBoundWords finds a figure the note gives with a word that makes it
// a bound ("about 1,340,000", "more than 1.7 million", "свыше 700 тыс.").
// The words are matched as words: a letter may not stand before them.
// Russian до is left out: «с 88 до 115» is a change, not a bound.
var noteBoundWords = regexp.MustCompile(`(?i)(?:^|[^\p{L}])(no more than|no fewer than|more than|upwards of|at least|at most|fewer than|less than|approximately|about|some|around|roughly|nearly|almost|over|up to|under|около|примерно|свыше|более|не менее|менее)\s+(\d(?:[\d,.\x{a0} ]*\d)?)(\s*(?:million|млн|thousand|тыс))?`)

var noteBoundSigns = map[string]Bound{
	"about": About, "approximately": About, "some": About, "around": About, "roughly": About, "nearly": About, "almost": About, "около": About, "примерно": About,
	"over": MoreThan, "more than": MoreThan, "upwards of": MoreThan, "свыше": MoreThan, "более": MoreThan,
	"at least": AtLeast, "no fewer than": AtLeast, "не менее": AtLeast,
	"up to": AtMost, "at most": AtMost, "no more than": AtMost,
	"under": LessThan, "fewer than": LessThan, "less than": LessThan, "менее": LessThan,
}

// noteBound reports a bare figure (a claim with a unit and an exact value)
// whose note gives that same figure with a bounding word: the word the
// source used, most often, left out of v. It returns the words and the
// sign they ask for.
func noteBound(c *Claim) (words string, sign Bound, ok bool) {
	if c.Unit == "" || c.Note == "" {
		return "", "", false
	}
	v, b, ok := ReadQuantity(c.Value)
	if !ok || b != Exact {
		return "", "", false
	}
	for _, m := range noteBoundWords.FindAllStringSubmatch(c.Note, -1) {
		n, _, ok := ReadQuantity(strings.NewReplacer("\u00a0", "", " ", "").Replace(m[2]))
		if !ok {
			continue
		}
		switch strings.ToLower(strings.TrimSpace(m[3])) {
		case "million", "млн":
			n *= 1e6
		case "thousand", "тыс":
			n *= 1e3
		}
		if math.Abs(n-v) <= 1e-9*math.Max(1, math.Abs(v)) { // 1.7 million is 1700000
			words := strings.TrimSpace(strings.TrimLeftFunc(m[0], func(r rune) bool { return !unicode.IsLetter(r) }))
			return words, noteBoundSigns[strings.ToLower(m[1])], true
		}
	}
	return "", "", false
}

func evidence(lk Lookup, ps *[]Problem, field string, i int, id string) {
	if lk.HasClaim(id) {
		return
	}
	if _, ok := lk.EntityType(id); ok {
		return
	}
	*ps = append(*ps, Problem{Field: field, Index: i, Message: fmt.Sprintf("%s: %q is neither a claim id nor an entity id", field, id),
		Unknown: id, Kind: "claim or entity"})
}

// EffectiveGrade is the grade a claim carries: its source's default
// (Source.DefaultGrade), with the credibility the claim writes and the
// reliability it writes, if it writes one. written is zero when the claim
// writes no grade.
func EffectiveGrade(src *Source, written Grade) Grade {
	g := src.DefaultGrade()
	if written.Credibility != 0 {
		g.Credibility = written.Credibility
	}
	if written.Reliability != 0 {
		g.Reliability = written.Reliability
	}
	return g
}

// WrittenGrade is EffectiveGrade's inverse: the least a claim citing src
// writes for its effective grade to be effective — nothing where that is
// the source's default, the credibility alone where the reliability is
// the source's. A corpus written with it keeps following its sources: a
// source's kind or reliability corrected later changes the grades of the
// claims that took it from the source (a convert run writes the guessed
// kind's letter into no claim).
func WrittenGrade(src *Source, effective Grade) Grade {
	def := src.DefaultGrade()
	switch {
	case effective == def:
		return Grade{}
	case effective.Reliability == def.Reliability:
		return Grade{Credibility: effective.Credibility}
	}
	return effective
}

// ValidateName checks that a name is written in the script its language
// tag says: a ja name in kanji or kana, a ru name in Cyrillic, a -Latn
// name in Latin letters.
func ValidateName(n Name) []Problem {
	var ps []Problem
	if strings.TrimSpace(n.Text) == "" {
		return append(ps, problem("text", "a name needs text"))
	}
	switch primaryLang(n.Lang) {
	case "ja":
		if !strings.Contains(n.Lang, "-Latn") && !hasScript(n.Text, unicode.Han, unicode.Hiragana, unicode.Katakana) {
			ps = append(ps, problem("text", "the ja name %q has no kanji or kana; tag a romanization ja-Latn", n.Text))
		}
	case "ru":
		if !strings.Contains(n.Lang, "-Latn") && !hasScript(n.Text, unicode.Cyrillic) {
			ps = append(ps, problem("text", "the ru name %q is not in Cyrillic; tag a romanization ru-Latn", n.Text))
		}
	}
	if strings.HasSuffix(n.Lang, "-Latn") && hasScript(n.Text, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Cyrillic) {
		ps = append(ps, problem("text", "the %s name %q is not in Latin script", n.Lang, n.Text))
	}
	return ps
}

func hasScript(s string, tables ...*unicode.RangeTable) bool {
	for _, r := range s {
		if unicode.In(r, tables...) {
			return true
		}
	}
	return false
}

// HierarchyCycles returns the cycles among the claims of hierarchy
// predicates (part of, subordinate to): an organization that is, through
// any chain, part of itself. Dates are ignored: a chain that could close
// at no date is still a mistake worth reading. Each cycle is the claims
// along it, starting from its smallest entity id; self-links are cycles of
// one claim.
func HierarchyCycles(claims []*Claim, vocab *Vocab) [][]*Claim {
	out := map[string][]*Claim{} // child → its parent claims
	for _, c := range claims {
		if c.Object != "" && vocab.Is(c.Predicate, RoleHierarchy) {
			out[c.Subject] = append(out[c.Subject], c)
		}
	}
	const (
		white = iota
		grey
		black
	)
	color := map[string]int{}
	var stack []*Claim
	var cycles [][]*Claim
	seen := map[string]bool{}
	var visit func(id string)
	visit = func(id string) {
		color[id] = grey
		for _, c := range out[id] {
			switch color[c.Object] {
			case white:
				stack = append(stack, c)
				visit(c.Object)
				stack = stack[:len(stack)-1]
			case grey:
				// The cycle is the part of the stack from c.Object on, and c.
				var cyc []*Claim
				for i := len(stack) - 1; i >= 0; i-- {
					cyc = append(cyc, stack[i])
					if stack[i].Subject == c.Object {
						break
					}
				}
				if c.Subject == c.Object {
					cyc = nil
				}
				for i, j := 0, len(cyc)-1; i < j; i, j = i+1, j-1 {
					cyc[i], cyc[j] = cyc[j], cyc[i]
				}
				cyc = append(cyc, c)
				cyc = rotate(cyc)
				key := ""
				for _, x := range cyc {
					key += x.ID + " "
				}
				if !seen[key] {
					seen[key] = true
					cycles = append(cycles, cyc)
				}
			}
		}
		color[id] = black
	}
	ids := make([]string, 0, len(out))
	for id := range out {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		if color[id] == white {
			visit(id)
		}
	}
	return cycles
}

// rotate starts a cycle of claims at the claim whose subject is smallest.
func rotate(cyc []*Claim) []*Claim {
	m := 0
	for i, c := range cyc {
		if c.Subject < cyc[m].Subject {
			m = i
		}
	}
	return append(append([]*Claim(nil), cyc[m:]...), cyc[:m]...)
}

// typeChoice names the types one may give: "an organization, a unit or
// an operation".
func typeChoice(ts []EntityType) string {
	s := make([]string, len(ts))
	for i, t := range ts {
		a := "a "
		if strings.ContainsRune("aeio", rune(t[0])) { // "a unit"
			a = "an "
		}
		s[i] = a + string(t)
	}
	if len(s) < 2 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " or " + s[len(s)-1]
}

func joinTypes(ts []EntityType) string {
	s := make([]string, len(ts))
	for i, t := range ts {
		s[i] = string(t)
	}
	return strings.Join(s, ", ")
}

// ValidateSource checks that a bibliography entry carries what a footnote
// needs: a title; an author, an editor or an issuing body (a literal
// author: "防衛省防衛研究所", "Wikipedia contributors"); the language of
// the text; for a page on the web, the date it was read (accessed),
// since pages change; a kind that sets its default grade; a url that is
// not a copy of another site's text (copyHosts); and a note that speaks
// to readers (ValidateNote).
func ValidateSource(s *Source) []Problem {
	var ps []Problem
	if strings.TrimSpace(s.Title) == "" {
		ps = append(ps, problem("title", "source %s has no title", s.ID))
	}
	if len(s.Authors) == 0 && len(s.Editors) == 0 {
		ps = append(ps, problem("author", "source %s names no author, editor or issuing body: write author: [{family: …, given: …}] or, for an institution or a site, author: [{literal: …}]", s.ID))
	}
	if s.Language == "" {
		ps = append(ps, problem("language", "source %s has no language (language: ja, ru, en …)", s.ID))
	}
	if s.URL != "" && s.Accessed == "" {
		ps = append(ps, problem("accessed", "source %s is on the web but has no access date: write accessed: \"YYYY-MM-DD\", the day you read it", s.ID))
	} else if s.Accessed != "" && !isDate(s.Accessed) {
		ps = append(ps, problem("accessed", "source %s: accessed %q is not a date: write accessed: \"YYYY-MM-DD\", the day you read it (RIS's 2026/11/30/ is 2026-11-30)", s.ID, s.Accessed))
	}
	if !s.Kind.Valid() {
		ps = append(ps, problem("kind", "source %s has no kind (one of archival, official, scholarly, memoir, popular, press, reference, web)", s.ID))
	}
	if s.Type != "" && !slices.Contains(CSLTypes, s.Type) {
		ps = append(ps, problem("type", "source %s has type %q, which is not a CSL type: use one of %s", s.ID, s.Type, strings.Join(CSLTypes, ", ")))
	}
	if host := copyHost(s.URL); host != "" {
		ps = append(ps, problem("url", "source %s is read at %s, a site that copies or generates text (a mirror of Wikipedia, an AI-written encyclopedia, an aggregator of reposts); cite the original — the Wikipedia article at its own address, or the article, book or dictionary the page copies — or leave the source out", s.ID, host))
	}
	for _, p := range ValidateNote(s.Note) {
		p.Field = "note"
		ps = append(ps, p)
	}
	return ps
}

// isDate reports whether v is an ISO 8601 calendar date: a day
// (2026-11-30), a month or a year. An access date in another form
// ("2026/11/30/", "30.11.2026") is printed by citation styles as written,
// or dropped: exports write it as a CSL or biblatex date, which needs ISO.
func isDate(v string) bool {
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if len(v) == len(layout) {
			if _, err := time.Parse(layout, v); err == nil {
				return true
			}
		}
	}
	return false
}

// copyHosts are sites that republish or generate text: mirrors of
// Wikipedia (some rewritten or translated by machine), AI-written
// encyclopedias, which invent facts, and aggregators where users repost
// articles from elsewhere. A copy adds no witness and may have drifted
// from its original, so the corpus cites the original (CORPUS.md,
// "Sources: how to cite"). An entry with a dot is a host, matched with
// its subdomains; one without is a fragment of a host name.
var copyHosts = []string{
	// Wikipedia mirrors and machine-translated reposts
	"wikimili.com", "wiki.x.io", "wikizero", "wiki-org.ru", "liquisearch.com", "piglix.com", "qaz.wiki",
	"classicistranieri.com", "richxsearch", "wikisum.wiki", "perceptionl.com", "osmarks.net", "privacytools.io",
	"kotoba.ne.jp", "ru.wikipedia.com", "wikiwand.com", "wikipedia-on-ipfs.org", "owiki.org", "theinfolist.com",
	"military-review", "russiasnews", "wiki2.org", "infogalactic.com", "profilbaru.com", "ja-wiki.pages.dev",
	"everybodywiki.com", "alchetron.com", "wikiredia.com",
	// generated encyclopedias
	"grokipedia", "pedia.3rd-in.co.jp",
	// aggregators of reposted articles
	"360doc.com", "360doc.cn",
}

// copyHost returns the host of rawURL if it matches an entry of copyHosts
// (the host itself, a subdomain of it, or for an entry without a dot a
// host that contains it), and "" otherwise.
func copyHost(rawURL string) string {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil || u.Host == "" {
		return ""
	}
	host := strings.ToLower(u.Hostname())
	for _, h := range copyHosts {
		if host == h || strings.HasSuffix(host, "."+h) || !strings.Contains(h, ".") && strings.Contains(host, h) {
			return host
		}
	}
	return ""
}

// shorthand matches the private references of a corpus's editors that a
// reader cannot follow: ids of research notes ("E018", "(C01)", "Q05"),
// "fact base", "factcheck", "facts.md".
var shorthand = regexp.MustCompile(`(?i)\bfact ?base\b|\bfact-?checks?\b|\bfacts\.md\b|\bresearch/|(?-i:\b[CEQ]\d{2,3}\b)`)

// ValidateNote checks that a note speaks to readers: it cites published
// works by bibliography key or says what it means in words, never an
// editor's private shorthand.
func ValidateNote(note string) []Problem {
	if m := shorthand.FindString(note); m != "" {
		return []Problem{problem("note", "the note refers to %q, which readers cannot follow: cite the published work by its bibliography key, or say it in words", m)}
	}
	return nil
}

// ScriptLang returns the language a text value is in by its script:
// ja for kana (with or without kanji), ru for Cyrillic, "" for text mostly
// in Latin letters (en, the default, or a language the writer tags).
// Where the script leaves the language open, why says so and lang lists
// the tags it could have. tokumu convert and the editor tag a text value
// that gives no lang by it, so that a sentence typed in Russian is not
// stored as English.
func ScriptLang(s string) (lang, why string) {
	var latin, cyr, han, kana int
	nonRussian := false
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Latin, r):
			latin++
		case unicode.Is(unicode.Cyrillic, r):
			cyr++
			nonRussian = nonRussian || strings.ContainsRune("іїєґўөүІЇЄҐЎӨҮ", r)
		case unicode.Is(unicode.Han, r):
			han++
		case unicode.In(r, unicode.Hiragana, unicode.Katakana):
			kana++
		}
	}
	switch {
	case latin >= cyr+han+kana:
		return "", ""
	case cyr > han+kana && nonRussian:
		return "uk, be, mn …", "the text is in Cyrillic with letters Russian does not have"
	case cyr > han+kana:
		return "ru", ""
	case kana > 0:
		return "ja", ""
	default:
		return "ja, zh-Hans, zh-Hant", "the text is in Han characters without kana, which may be Japanese or Chinese"
	}
}
