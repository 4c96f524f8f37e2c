package tokumu

import (
	"strings"
	"unicode"
)

// SourceKind classifies a source for its default grade: an archival
// document is weighed differently from a memoir or a newspaper.
type SourceKind string

// The source kinds.
const (
	Archival  SourceKind = "archival"  // an archival document or published document collection
	Official  SourceKind = "official"  // an official or declassified study (e.g. the Japanese Monographs, CIA Studies in Intelligence)
	Scholarly SourceKind = "scholarly" // a peer-reviewed article, academic monograph or thesis
	Memoir    SourceKind = "memoir"    // a participant's own account
	Popular   SourceKind = "popular"   // popular history
	Press     SourceKind = "press"     // newspapers and magazines
	Reference SourceKind = "reference" // encyclopedias and reference works
	Web       SourceKind = "web"       // other web pages
	// Analysis is an analyst's own reasoning — the ratings of a matrix of
	// competing hypotheses by the corpus's editors — not evidence: its
	// default grade says reliability cannot be judged.
	Analysis SourceKind = "analysis"
)

// SourceKinds lists every source kind.
var SourceKinds = []SourceKind{Archival, Official, Scholarly, Memoir, Popular, Press, Reference, Web, Analysis}

// DefaultGrade returns the grade a claim gets from a source of kind k when
// neither the source nor the claim says otherwise.
func (k SourceKind) DefaultGrade() Grade {
	switch k {
	case Archival, Official, Scholarly:
		return Grade{'B', 2}
	case Reference, Memoir, Press:
		return Grade{'C', 3}
	case Popular:
		return Grade{'D', 3}
	case Web:
		return Grade{'D', 4}
	}
	return Grade{'F', 6}
}

// Valid reports whether k is one of SourceKinds.
func (k SourceKind) Valid() bool {
	for _, v := range SourceKinds {
		if k == v {
			return true
		}
	}
	return false
}

// Agent is an author or editor, as CSL-JSON writes them.
type Agent struct {
	Family  string `json:"family,omitempty"`
	Given   string `json:"given,omitempty"`
	Literal string `json:"literal,omitempty"` // an institution, or a name that does not split
}

// String returns "Family, Given", or the literal name: the form the
// bibliography formats (BibTeX, RIS) read back into its parts.
func (a Agent) String() string {
	switch {
	case a.Literal != "":
		return a.Literal
	case a.Given == "":
		return a.Family
	}
	return a.Family + ", " + a.Given
}

// written is a name in Han or Hangul as it is written, family name first
// with nothing between: 西原征夫, never "西原, 征夫" or "征夫 西原"; a name
// in kana alone is a foreign one transcribed, given name first with a
// middle dot: アルヴィン・D・クックス.
func (a Agent) written() string {
	if a.hanOrHangul() {
		return a.Family + a.Given
	}
	return a.Given + "・" + a.Family
}

// eastAsian reports whether the name is written in Han, kana or Hangul,
// which take no comma and no inversion.
func (a Agent) eastAsian() bool {
	for _, r := range a.Family + a.Given {
		if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) {
			return true
		}
	}
	return false
}

func (a Agent) hanOrHangul() bool {
	for _, r := range a.Family + a.Given {
		if unicode.In(r, unicode.Han, unicode.Hangul) {
			return true
		}
	}
	return false
}

// Source is an entry of the bibliography. Its fields are those CSL-JSON
// uses, so that exports to Zotero and citation styles lose nothing.
type Source struct {
	ID              string     `json:"id"`
	Kind            SourceKind `json:"kind,omitempty"`
	Type            string     `json:"type,omitempty"` // CSL type: book, chapter, article-journal, report, thesis, webpage, manuscript …
	Authors         []Agent    `json:"author,omitempty"`
	Editors         []Agent    `json:"editor,omitempty"`
	Title           string     `json:"title,omitempty"`
	TitleEn         string     `json:"title_en,omitempty"`  // an English translation of the title, for readers
	Container       string     `json:"container,omitempty"` // the journal, book or site the item is in
	Publisher       string     `json:"publisher,omitempty"`
	Place           string     `json:"place,omitempty"`  // place of publication
	Issued          string     `json:"issued,omitempty"` // EDTF date of publication, usually a year
	Volume          string     `json:"volume,omitempty"`
	Issue           string     `json:"issue,omitempty"`
	Pages           string     `json:"pages,omitempty"`
	Edition         string     `json:"edition,omitempty"`
	URL             string     `json:"url,omitempty"`
	DOI             string     `json:"doi,omitempty"`
	ISBN            string     `json:"isbn,omitempty"`
	Archive         string     `json:"archive,omitempty"`
	ArchiveLocation string     `json:"archive_location,omitempty"`
	Accessed        string     `json:"accessed,omitempty"`
	Language        string     `json:"language,omitempty"`
	Reliability     byte       `json:"-"` // 'A'..'F'; 0 means the kind's default
	Note            string     `json:"note,omitempty"`
	// DerivedFrom lists the sources this one repeats (a memoir that
	// retells an interrogation report, a book that copies an article):
	// agreeing with them is not independent confirmation.
	DerivedFrom []string `json:"derived_from,omitempty"`
	Origin      string   `json:"origin,omitempty"`
}

// DefaultGrade returns the grade of a claim that cites s and says nothing
// of its own grade.
func (s *Source) DefaultGrade() Grade {
	g := s.Kind.DefaultGrade()
	if s.Reliability != 0 {
		g.Reliability = s.Reliability
	}
	return g
}

// Cite returns a short human citation: "Zorikhin 2023, Military intelligence …".
func (s *Source) Cite() string {
	var b strings.Builder
	if len(s.Authors) > 0 {
		a := s.Authors[0]
		if a.Literal != "" {
			b.WriteString(a.Literal)
		} else {
			b.WriteString(a.Family)
		}
		if len(s.Authors) > 1 {
			b.WriteString(" et al.")
		}
	} else if s.Container != "" {
		b.WriteString(s.Container)
	}
	if s.Issued != "" {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s.Issued)
	}
	if b.Len() > 0 {
		b.WriteString(", ")
	}
	b.WriteString(s.Title)
	return b.String()
}

// Reference returns the source's full reference as plain text, in the
// reference-list form of the Chicago author-date style (the style pandoc
// and Zotero default to, so that "Cite this" agrees with what a citation
// manager makes of the exports): authors, year, title, the container with
// its volume, issue and pages or its editors, the edition and volume of a
// book, place and publisher, the archive, the access date and URL of a
// web page, and the DOI. "Coox, Alvin D. 1985. Nomonhan: Japan against
// Russia, 1939. Vol. 2. Stanford: Stanford University Press."
func (s *Source) Reference() string {
	var parts []string
	add := func(v string) {
		if v = strings.TrimSpace(v); v != "" {
			parts = append(parts, v)
		}
	}
	add(JoinAgents(s.Authors))
	year := s.Year()
	if year == "" && len(s.Authors) > 0 {
		year = "n.d."
	}
	add(year)
	title := s.Title
	if s.TitleEn != "" {
		title += " [" + s.TitleEn + "]"
	}
	article := false
	switch s.Type {
	case "article-journal", "article-magazine", "article-newspaper":
		article = true
		add(QuoteTitle(title))
		c := s.Container
		if s.Volume != "" {
			c += " " + s.Volume
		}
		if s.Issue != "" {
			c += " (" + s.Issue + ")"
		}
		if s.Pages != "" {
			c += ": " + s.Pages
		}
		add(c)
	case "chapter", "entry-encyclopedia", "entry-dictionary", "entry", "paper-conference", "webpage", "post", "post-weblog":
		add(QuoteTitle(title))
		if s.Container != "" {
			c := s.Container
			if s.Type == "chapter" || s.Type == "paper-conference" {
				c = "In " + c
			}
			if len(s.Editors) > 0 {
				c += ", edited by " + agentList(s.Editors, false)
			}
			if s.Pages != "" {
				c += ", " + s.Pages
			}
			add(c)
		}
	default:
		add(title)
		if s.Container != "" {
			add(s.Container)
		}
		if len(s.Editors) > 0 {
			add("Edited by " + agentList(s.Editors, false))
		}
	}
	if s.Edition != "" {
		add(s.Edition + " ed")
	}
	if s.Volume != "" && !article {
		add("Vol. " + s.Volume)
	}
	switch {
	case s.Place != "" && s.Publisher != "":
		add(s.Place + ": " + s.Publisher)
	default:
		add(s.Place)
		add(s.Publisher)
	}
	if !article && s.Type != "chapter" && s.Pages != "" && s.Container == "" {
		add(s.Pages)
	}
	if s.Archive != "" || s.ArchiveLocation != "" {
		add(strings.TrimSpace(s.Archive + ", " + s.ArchiveLocation))
	}
	if s.URL != "" {
		if s.Accessed != "" {
			add("Accessed " + s.Accessed)
		}
		add(s.URL)
	}
	if s.DOI != "" {
		add("https://doi.org/" + s.DOI)
	}
	var b strings.Builder
	for i, p := range parts {
		if i > 0 {
			if strings.HasSuffix(parts[i-1], ".") || strings.HasSuffix(parts[i-1], "”") && strings.HasSuffix(strings.TrimSuffix(parts[i-1], "”"), ".") {
				b.WriteString(" ")
			} else {
				b.WriteString(". ")
			}
		}
		b.WriteString(p)
	}
	if out := b.String(); out != "" && !strings.HasSuffix(out, ".") && !strings.HasSuffix(out, "/") {
		b.WriteString(".")
	}
	return strings.TrimSuffix(strings.TrimSpace(b.String()), ", ")
}

// Year is the year an author-date citation gives: the year of an issued
// date given to the month or day (1973-07 → 1973), else the date as
// written (c. 2023).
func (s *Source) Year() string {
	y := s.Issued
	if len(y) > 4 && y[4] == '-' && isDigits(y[:4]) {
		return y[:4]
	}
	return y
}

// JoinAgents writes a list of authors as a reference list does: "Coox,
// Alvin D.", "Pałasz-Rutkowska, Ewa, and Andrzej T. Romer".
func JoinAgents(as []Agent) string { return agentList(as, true) }

// JoinNames writes a list of names in their order, none inverted, as an
// editor is named after a title: "James William Morley", 軍事史学会.
func JoinNames(as []Agent) string { return agentList(as, false) }

// agentList joins names as Chicago does: the first inverted ("Coox, Alvin
// D.") when invert, the others in their order ("Andrzej T. Romer"), with
// "and" before the last. Names with no given name (an institution, a
// Japanese or Chinese name written whole) stay as written.
func agentList(as []Agent, invert bool) string {
	names := make([]string, len(as))
	east := true
	for i, a := range as {
		east = east && (a.Literal == "" && a.eastAsian())
		switch {
		case a.Literal == "" && a.Given != "" && a.eastAsian():
			names[i] = a.written()
		case a.Literal != "" || a.Given == "":
			names[i] = a.String()
		case i == 0 && invert:
			names[i] = a.Family + ", " + a.Given
		default:
			names[i] = a.Given + " " + a.Family
		}
	}
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	if east {
		// Japanese and Chinese lists join names with a middle dot:
		// 大越兼二・小池新.
		return strings.Join(names, "・")
	}
	switch len(names) {
	case 2:
		sep := " and "
		if invert && as[0].Literal == "" && as[0].Given != "" && !as[0].eastAsian() {
			sep = ", and "
		}
		return names[0] + sep + names[1]
	}
	return strings.Join(names[:len(names)-1], ", ") + ", and " + names[len(names)-1]
}

// QuoteTitle puts a title in quotation marks, with the closing period
// inside as Chicago does ("Title." rather than "Title".), and no second one
// after a title that ends in . ? or ! (“… 1939 г.”, not “… 1939 г..”).
func QuoteTitle(t string) string {
	if t == "" {
		return ""
	}
	if strings.HasSuffix(t, ".") || strings.HasSuffix(t, "?") || strings.HasSuffix(t, "!") {
		return "“" + t + "”"
	}
	return "“" + t + ".”"
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}
