package format

import (
	"context"
	"encoding/json"
	"io"
	"regexp"
	"strconv"

	"github.com/tokumu/tokumu"
)

func init() {
	Register(&Format{
		Name: "csljson", MediaType: "application/vnd.citationstyles.csl+json", Ext: ".json",
		Summary: "CSL-JSON of the bibliography, for Zotero, pandoc and citeproc",
		Write:   writeCSLJSON,
	})
}

// CSLItem is a bibliography entry in CSL-JSON, the format of Zotero and
// citeproc. Source's fields are CSL's, so nothing is lost.
type CSLItem struct {
	ID              string         `json:"id"`
	Type            string         `json:"type"`
	Author          []tokumu.Agent `json:"author,omitempty"`
	Editor          []tokumu.Agent `json:"editor,omitempty"`
	Title           string         `json:"title,omitempty"`
	TitleShort      string         `json:"title-short,omitempty"`
	ContainerTitle  string         `json:"container-title,omitempty"`
	Publisher       string         `json:"publisher,omitempty"`
	PublisherPlace  string         `json:"publisher-place,omitempty"`
	Issued          *CSLDate       `json:"issued,omitempty"`
	Volume          string         `json:"volume,omitempty"`
	Issue           string         `json:"issue,omitempty"`
	Page            string         `json:"page,omitempty"`
	Edition         string         `json:"edition,omitempty"`
	URL             string         `json:"URL,omitempty"`
	DOI             string         `json:"DOI,omitempty"`
	ISBN            string         `json:"ISBN,omitempty"`
	Archive         string         `json:"archive,omitempty"`
	ArchiveLocation string         `json:"archive_location,omitempty"`
	Accessed        *CSLDate       `json:"accessed,omitempty"`
	Language        string         `json:"language,omitempty"`
	// Note is what citation styles print after the reference; tokumu's
	// export leaves it empty, since a source's note is the editors' word
	// to the corpus's readers, and writes that to Annote, which only
	// annotated-bibliography styles print. The reader of tokumu convert
	// takes either.
	Note   string     `json:"note,omitempty"`
	Annote string     `json:"annote,omitempty"`
	Custom *CSLCustom `json:"custom,omitempty"`
	// CitationKey is the key a citation cites the item by (CSL 1.0.2;
	// Zotero 7 and Better BibTeX read and write it): the source's id.
	CitationKey string `json:"citation-key,omitempty"`
}

// CSLCustom is CSL-JSON's place for data that has no CSL variable (CSL
// 1.0.2's schema: "custom"). CSL has no variable for a translated title,
// so the export writes it in brackets after the title, as Chicago 14.98
// prints one and the web UI shows it, and here as well, so that a reader
// can take the title apart again.
type CSLCustom struct {
	TitleEn string `json:"title_en,omitempty"`
}

// CSLDate is a CSL date: date-parts, or a literal for what does not split.
type CSLDate struct {
	DateParts [][]int `json:"date-parts,omitempty"`
	Literal   string  `json:"literal,omitempty"`
}

var ymd = regexp.MustCompile(`^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$`)

// cslDate turns an EDTF date of publication into CSL date-parts; an
// uncertain or ranged date goes in as a literal.
func cslDate(edtf string) *CSLDate {
	if edtf == "" {
		return nil
	}
	m := ymd.FindStringSubmatch(edtf)
	if m == nil {
		return &CSLDate{Literal: edtf}
	}
	var parts []int
	for _, s := range m[1:] {
		if s == "" {
			break
		}
		n, _ := strconv.Atoi(s)
		parts = append(parts, n)
	}
	return &CSLDate{DateParts: [][]int{parts}}
}

// CSLType is the CSL type of s: its own, or "book".
func CSLType(s *tokumu.Source) string {
	if s.Type != "" {
		return s.Type
	}
	return "book"
}

// CSL returns s as a CSL-JSON item: the editors' note in annote, an
// English title in brackets after the title (and in custom.title_en).
func CSL(s *tokumu.Source) CSLItem {
	it := CSLItem{ID: s.ID, CitationKey: s.ID, Type: CSLType(s), Author: s.Authors, Editor: s.Editors, Title: s.Title,
		ContainerTitle: s.Container, Publisher: s.Publisher, PublisherPlace: s.Place, Issued: cslDate(s.Issued),
		Volume: s.Volume, Issue: s.Issue, Page: s.Pages, Edition: s.Edition, URL: s.URL, DOI: s.DOI, ISBN: s.ISBN,
		Archive: s.Archive, ArchiveLocation: s.ArchiveLocation, Accessed: cslDate(s.Accessed), Language: s.Language,
		Annote: s.Note}
	if s.TitleEn != "" {
		it.Title += " [" + s.TitleEn + "]"
		it.Custom = &CSLCustom{TitleEn: s.TitleEn}
	}
	return it
}

func writeCSLJSON(ctx context.Context, w io.Writer, x *Export) error {
	items := make([]CSLItem, len(x.Sources()))
	for i, s := range x.Sources() {
		items[i] = CSL(s)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(items)
}
