package web

import (
	"html/template"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/web/i18n"
)

// The parts every claim shows — its date, its value and its citation —
// are written here rather than as templates, as Link is: a page of a few
// hundred claims calls them a few hundred times, and each method call in
// a template costs a reflective lookup. The templates "when", "claimval",
// "cite" and "grade" in parts.html call these, so pages keep using them.
// Every text is escaped.

var esc = template.HTMLEscapeString

// gradeWords are a grade's words in one language, made once.
type gradeWords struct {
	Class string // gradeClass
	Text  string // "usually reliable, probably true"
	Title string // "Grade B2: usually reliable, probably true"
}

var gradeCache sync.Map // lang + grade → *gradeWords

func (b *base) gradeWords(g tokumu.Grade) *gradeWords {
	key := b.Lang + g.String()
	if w, ok := gradeCache.Load(key); ok {
		return w.(*gradeWords)
	}
	text := b.GradeText(g)
	w := &gradeWords{Class: gradeClass(g), Text: text, Title: b.T("cite.grade", g.String(), text)}
	gradeCache.Store(key, w)
	return w
}

// GradeHTML is a grade's badge: the grade, coloured by reliability and
// credibility (gradeClass), spelt out in its title.
func (b *base) GradeHTML(g tokumu.Grade) template.HTML {
	var sb strings.Builder
	b.writeGrade(&sb, g)
	return template.HTML(sb.String())
}

// writeGrade writes the badge with its words twice: in the title, for a
// pointer, and in visually hidden text after it, since a screen reader in
// browse mode reads an abbr's text, not its title (WCAG 3.1.4): "B2"
// alone tells a listener nothing.
func (b *base) writeGrade(sb *strings.Builder, g tokumu.Grade) {
	w := b.gradeWords(g)
	sb.WriteString(`<abbr class="grade ` + w.Class + `" title="` + esc(w.Text) + `">` + esc(g.String()) + `</abbr><span class="vh"> (` + esc(w.Text) + `)</span>`)
}

// WhenHTML is a time in words in the page's language, with the EDTF as
// its title and, where HTML can say the same (a year, a month or a day),
// as its machine-readable datetime; "undated" when zero. An EDTF season,
// interval or uncertain date is no valid datetime (1919-23, /1922-10-25),
// so it has none rather than a wrong one.
func (b *base) WhenHTML(w tokumu.When) template.HTML {
	if w.IsZero() {
		return template.HTML(`<span class="when undated">` + esc(b.T("when.undated")) + `</span>`)
	}
	dt := ""
	if htmlDate(w.EDTF) {
		dt = ` datetime="` + esc(w.EDTF) + `"`
	}
	return template.HTML(`<time class="when"` + dt + ` title="` + esc(w.String()) + `">` + esc(w.Human(b.Lang)) + `</time>`)
}

// htmlDate reports whether an EDTF string is also a valid HTML datetime:
// a four-digit year, a year and month, or a date.
func htmlDate(edtf string) bool {
	m := htmlDateRE.FindStringSubmatch(edtf)
	if m == nil {
		return false
	}
	if m[1] != "" {
		if mo, _ := strconv.Atoi(m[1]); mo < 1 || mo > 12 {
			return false
		}
	}
	return true
}

var htmlDateRE = regexp.MustCompile(`^[0-9]{4}(?:-([0-9]{2})(?:-[0-9]{2})?)?$`)

// ClaimValHTML is what a claim says beyond its subject and predicate: the
// object (linked) or the value (with its language and unit), then its
// role, place, perspective and the operation that planted it, and the
// source's own words for what the editors identified (tokumu.NamedAs).
func (b *base) ClaimValHTML(c *tokumu.Claim) template.HTML {
	var sb strings.Builder
	switch {
	case c.Object != "":
		sb.WriteString(string(b.Link(c.Object)) + string(b.Named(c.NamedAs.Object, c.NamedAs.Words)) + b.thenHTML(c.Object, c.When))
	case c.Value != "" && b.term(c) != "":
		// A term of a closed list (a rank) in the page's language, the
		// corpus's English in its title.
		sb.WriteString(`<span class="val" title="` + esc(c.Value) + `">` + esc(b.term(c)) + `</span>`)
	case c.Value != "" && c.Unit != "":
		sb.WriteString(string(b.FigureHTML(c)) + string(b.ValueMark(c)))
	case c.Value != "":
		sb.WriteString(`<span class="val"`)
		if a := b.ValueLang(c); a != "" {
			sb.WriteString(" " + string(a))
		}
		sb.WriteString(`>` + esc(c.Value) + `</span>` + string(b.ValueMark(c)))
	}
	if c.Role != "" {
		sb.WriteString(string(b.TH("claim.role", b.RoleHTML(c.Role))))
	}
	if c.Where != "" {
		sb.WriteString(` <span class="where">` + string(b.TH("claim.at", b.Link(c.Where)+template.HTML(b.thenHTML(c.Where, c.When)))) + `</span>`)
	}
	if c.Perspective != "" {
		sb.WriteString(` <span class="persp" title="` + esc(b.T("claim.persp.title")) + `">` + string(b.TH("claim.according", b.Link(c.Perspective)+template.HTML(b.thenHTML(c.Perspective, c.When)))) + `</span>` +
			string(b.Named(c.NamedAs.Perspective, c.NamedAs.Words)))
	}
	if c.PlantedBy != "" {
		sb.WriteString(` <span class="planted">` + string(b.TH("claim.planted", b.Link(c.PlantedBy))) + `</span>`)
	}
	if w := c.NamedAs.Subject; w != "" && c.NamedAs.Words == tokumu.WordsEditors {
		sb.WriteString(string(b.Named(w, c.NamedAs.Words)))
	} else if w != "" {
		sb.WriteString(` <span class="named" title="` + esc(b.T("claim.named.title")) + `">(` + esc(b.T("claim.named.subject", w)) + `)</span>`)
	}
	return template.HTML(sb.String())
}

// locAfter is a claim's locator as it follows its source's short
// citation, without the part the citation already ends with: a FRUS
// document's title ends "doc. 48", and its claims' locators begin
// "doc. 48, item 3".
func locAfter(cite, loc string) string {
	first, rest, more := strings.Cut(loc, ", ")
	if more && strings.HasSuffix(cite, first) {
		return rest
	}
	if !more && strings.HasSuffix(cite, loc) {
		return ""
	}
	return loc
}

// FigureHTML is a claim's figure with its unit: 戦車500両 or 500 танков
// in the page's language where the catalogue has the unit, the corpus's
// English in the title; else the figure, its digits grouped as the page
// groups them (703,714; 703 714 in Russian), and the unit in English.
func (b *base) FigureHTML(c *tokumu.Claim) template.HTML {
	v := b.groupDigits(c.Value)
	if q, ok := b.qty(i18n.LastCount(c.Value), v, c.Unit); ok {
		en := &base{Lang: "en"} // the title is the corpus's English: 703,714 men
		return template.HTML(`<span class="val" title="` + esc(en.groupDigits(c.Value)+" "+c.Unit) + `">` + esc(q) + `</span>`)
	}
	return template.HTML(`<span class="val">` + esc(v) + " " + b.enSpan("unit", c.Unit) + `</span>`)
}

// RoleHTML is a claim's role: in the page's language where the catalogue
// has it (post.<role>: the posts the corpus names often, 参謀長,
// военный атташе), the corpus's English in the title; else the editors'
// English, marked as such.
func (b *base) RoleHTML(role string) template.HTML {
	if k := "post." + i18n.VocabKey(role); b.Lang != "en" && i18n.Has(k) {
		return template.HTML(`<span class="role" title="` + esc(role) + `">` + esc(b.T(k)) + `</span>`)
	}
	return template.HTML(b.enSpan("role", role))
}

// UnitHTML is a unit alone in the page's language, or in English marked
// as such.
func (b *base) UnitHTML(unit string) template.HTML {
	if n := b.UnitName(unit); n != unit {
		return template.HTML(`<span class="unit" title="` + esc(unit) + `">` + esc(n) + `</span>`)
	}
	return template.HTML(b.enSpan("unit", unit))
}

// qty is a figure (as the page groups its digits) with its unit in the
// page's language, where the catalogue has the unit (qty.<unit>: 581機,
// 581 самолёт); count, the figure's last number, chooses the plural
// form. ok is false on an English page (the corpus's own words) and for a
// unit the catalogue lacks, which the page shows in English.
func (b *base) qty(count int64, fig, unit string) (s string, ok bool) {
	k := "qty." + i18n.VocabKey(unit)
	if b.Lang == "en" || unit == "" || !i18n.Has(k) {
		return "", false
	}
	// A bound in words, as prose writes it (не более 28 стрелковых
	// дивизий, 約500機); the symbols stay in the tables, which explain them.
	for mark, key := range map[string]string{"≤": "fig.atmost", "≥": "fig.atleast", "~": "fig.about"} {
		if rest, ok := strings.CutPrefix(fig, mark); ok {
			fig = b.T(key, rest)
			break
		}
	}
	return b.T(k, count, fig), true
}

// UnitName is a unit alone (a chart's axis, a filter's choice) in the
// page's language where the catalogue has it, else as the corpus writes
// it.
func (b *base) UnitName(unit string) string {
	if k := "unit." + i18n.VocabKey(unit); b.Lang != "en" && i18n.Has(k) {
		return b.T(k)
	}
	return unit
}

// enSpan is a word of the corpus's English vocabulary (a unit, a role) in
// a span of class class, marked lang="en" on a page in another language
// so that a screen reader does not read it with a Japanese or Russian
// voice.
func (b *base) enSpan(class, text string) string {
	if b.Lang == "en" {
		return `<span class="` + class + `">` + esc(text) + `</span>`
	}
	return `<span class="` + class + `" lang="en">` + esc(text) + `</span>`
}

// groupDigits writes each run of four or more digits of a figure as the
// page's language groups numbers (703714 → 703,714); a figure with a
// unit is never a year.
func (b *base) groupDigits(v string) string {
	return longDigits.ReplaceAllStringFunc(v, func(d string) string {
		n, err := strconv.ParseInt(d, 10, 64)
		if err != nil {
			return d
		}
		return b.N(n)
	})
}

var longDigits = regexp.MustCompile(`[0-9]{4,}`)

// Named is the source's own words for an entity the editors
// identified (tokumu.NamedAs), shown after the entity's link: a reader
// sees both the identification and what the page says.
//
// whose is the NamedAs's Words: the editors' account of the source's words
// (tokumu.WordsEditors) is said as theirs, never in quotation marks.
func (b *base) Named(words string, whose ...string) template.HTML {
	if words == "" {
		return ""
	}
	if len(whose) > 0 && whose[0] == tokumu.WordsEditors {
		return template.HTML(` <span class="named editors" title="` + esc(b.T("claim.named.editors.title")) + `">(` + string(b.TH("claim.named.editors", b.inLang(words))) + `)</span>`)
	}
	return template.HTML(` <span class="named" title="` + esc(b.T("claim.named.title")) + `">(` + string(b.TH("claim.named", b.inLang(words))) + `)</span>`)
}

// term is a claim's English value in the page's language where the
// catalogue has it as a term ("term.Major_General": 少将, генерал-майор):
// the ranks the corpus writes in English, a closed list whose words the
// field has. "" for any other value, a figure, or an English page.
func (b *base) term(c *tokumu.Claim) string {
	if b.Lang == "en" || c.Unit != "" || (c.Lang != "" && c.Lang != "en") || len(c.Value) > 60 {
		return ""
	}
	k := "term." + strings.ReplaceAll(c.Value, " ", "_")
	if !i18n.Has(k) {
		return ""
	}
	return b.T(k)
}

// thenName is the name an entity bore, in the page's language, on the
// day a claim about it begins (tokumu.Entity.NameOn), where that is not
// the name the page labels it with; "" otherwise.
func (b *base) thenName(id string, w tokumu.When) string {
	if w.IsZero() {
		return ""
	}
	return b.nameOn(id, w.Stated().Earliest)
}

// nameOn is the name an entity bore on day d in the page's language,
// where a dated name says so and it is not the entity's label.
func (b *base) nameOn(id string, d tokumu.Day) string {
	e := b.sn.Entities[id]
	if e == nil {
		return ""
	}
	if then := e.NameOn(b.Lang, d); then != b.Label(id) {
		return then
	}
	return ""
}

// thenHTML is what follows an entity's link beside a claim when the
// entity bore another name on the claim's first day: "Zabaykalsk (then
// Otpor)" for a claim of 1938, "(then the Russia Group)" for an
// organization (ThenKey).
func (b *base) thenHTML(id string, w tokumu.When) string {
	return b.thenSpan(id, b.thenName(id, w))
}

// thenSpan is the span saying an entity was then called then, or "".
func (b *base) thenSpan(id, then string) string {
	if then == "" {
		return ""
	}
	t := b.T(ThenKey(b.sn.Entities[id]), then)
	return ThenSpace(t) + `<span class="then">` + esc(t) + `</span>`
}

// ThenText is what follows label, e's label in lang, in plain text where
// e bore another name on day d: " (then Otpor)", "（当時はオトポール）",
// ", тогда — Отпор"; "" where no dated name says so. The CLI and the
// timeline's data use it; pages put the phrase in a span (thenSpan).
func ThenText(tr *i18n.Printer, e *tokumu.Entity, label string, d tokumu.Day, lang string) string {
	if e == nil {
		return ""
	}
	then := e.NameOn(lang, d)
	if then == "" || then == label {
		return ""
	}
	t := tr.T(ThenKey(e), then)
	return ThenSpace(t) + t
}

// ThenSpace is the space before a "then" phrase: none before a
// full-width parenthesis or a comma, which carry their own.
func ThenSpace(s string) string {
	if strings.HasPrefix(s, "（") || strings.HasPrefix(s, ",") {
		return ""
	}
	return " "
}

// ThenKey is the catalogue key that says what an entity was called at
// the time: claim.then.place for a place, which English names without an
// article ("then Otpor", "then Hsinking"), claim.then for the rest ("then
// the Russia Group").
func ThenKey(e *tokumu.Entity) string {
	if e != nil && e.Type == tokumu.Place {
		return "claim.then.place"
	}
	return "claim.then"
}

// inLang is a phrase of unrecorded language, escaped, in a span that
// carries the language its script shows when that is not the page's.
func (b *base) inLang(s string) template.HTML {
	if a := b.ScriptLang(s); a != "" {
		return template.HTML(`<span ` + string(a) + `>` + esc(s) + `</span>`)
	}
	return template.HTML(esc(s))
}

// CiteHTML is a claim's citation: the short reference with its locator,
// the grade and the attestation, expanding to the full reference, the
// grade in words, the corpus file (when the settings name a repository)
// and a link to every claim resting on the source.
func (b *base) CiteHTML(c *tokumu.Claim) template.HTML {
	var sb strings.Builder
	src := b.Source(c.Source)
	gw := b.gradeWords(c.Grade)
	title := b.RefText(src)
	if c.Locator != "" {
		title += ", " + c.Locator
	}
	sb.WriteString(`<details class="cite">` + "\n" + `  <summary title="` + esc(title+" — "+gw.Title) + `"><span class="cite-short">`)
	short := c.Source
	if src != nil {
		short = b.ShortCite(src)
	}
	if l := b.SourceLang(src); l != "" {
		sb.WriteString(`<span ` + string(l) + `>` + esc(short) + `</span>`)
	} else {
		sb.WriteString(esc(short))
	}
	if loc := locAfter(short, c.Locator); loc != "" {
		sb.WriteString(", " + esc(loc))
	}
	sb.WriteString(`</span> `)
	b.writeGrade(&sb, c.Grade)
	if src != nil && src.Kind == tokumu.Analysis {
		// The editors' own rating or dating is graded by rule (D6: no
		// evidence); said in words beside the badge, so that "not usually
		// reliable" is not read as a verdict on a historian.
		sb.WriteString(` <span class="judgement">` + esc(b.T("cite.judgement")) + `</span>`)
	}
	if a := b.Attest(c); a != "" {
		sb.WriteString(` <span class="attest">` + esc(a) + `</span>`)
	}
	sb.WriteString("</summary>\n  <div class=\"cite-full\">" + string(b.RefHTML(src)))
	sb.WriteString("\n    <p class=\"cite-meta\">" + esc(gw.Title) + esc(b.T("list.stop")))
	if u := b.OriginURL(c); u != "" {
		sb.WriteString(` <a href="` + esc(u) + `" rel="noreferrer">` + esc(b.T("cite.corpusfile")) + `</a>`)
	}
	sb.WriteString("</p>\n    <p><a href=\"/sources/" + esc(url.PathEscape(c.Source)) + esc(b.Q()) + "#c-" + esc(url.PathEscape(c.ID)) + `">` + esc(b.T("cite.allclaims")) + "</a></p>\n  </div>\n</details>")
	return template.HTML(sb.String())
}
