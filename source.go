package tokumu

import "strings"

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

// String returns "Family, Given", or the literal name.
func (a Agent) String() string {
	switch {
	case a.Literal != "":
		return a.Literal
	case a.Given == "":
		return a.Family
	}
	return a.Family + ", " + a.Given
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

// Reference returns the source's full reference as plain text: authors,
// year, title, container, publisher, pages and archive, separated by ". "
// without doubling a period an abbreviation already ends with
// ("Яковкин, Е. В. Русские солдаты…", not "Е. В.. Русские").
func (s *Source) Reference() string {
	var parts []string
	var names []string
	for _, a := range s.Authors {
		names = append(names, a.String())
	}
	if len(names) > 0 {
		parts = append(parts, strings.Join(names, "; "))
	}
	for _, v := range []string{s.Issued, s.Title, s.TitleEn, s.Container, s.Publisher, s.Pages, s.Archive, s.ArchiveLocation} {
		if v != "" {
			parts = append(parts, v)
		}
	}
	var b strings.Builder
	for i, p := range parts {
		if i > 0 {
			if strings.HasSuffix(parts[i-1], ".") {
				b.WriteString(" ")
			} else {
				b.WriteString(". ")
			}
		}
		b.WriteString(p)
	}
	return b.String()
}
