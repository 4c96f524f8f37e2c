package format

import (
	"bufio"
	"context"
	"io"
	"strings"

	"github.com/tokumu/tokumu"
)

func init() {
	Register(&Format{
		Name: "bibtex", MediaType: "application/x-bibtex", Ext: ".bib",
		Summary: "BibTeX of the bibliography in biblatex's types and fields (UTF-8, for biber, Zotero and pandoc)",
		Write:   writeBibTeX,
	})
}

// bibType maps CSL types to biblatex entry types, chosen so that pandoc
// (-f biblatex) and Zotero read each back as the CSL type it came from: an
// encyclopedia article is @inreference, not a chapter of a book called
// "Wikipedia"; a web page is @online.
var bibType = map[string]string{
	"book": "book", "chapter": "incollection", "article-journal": "article", "article-magazine": "article",
	"article-newspaper": "article", "report": "techreport", "thesis": "phdthesis", "manuscript": "unpublished",
	"entry-encyclopedia": "inreference", "entry-dictionary": "inreference", "entry": "inreference",
	"webpage": "online", "post": "online", "post-weblog": "online", "paper-conference": "inproceedings",
}

// langid maps the BCP 47 tags of the corpus to the language names of
// babel and polyglossia, which biblatex's langid takes and pandoc reads
// (it ignores a bare "ru" in language). A tag without a name here is
// written as it is; pandoc passes it through.
var langid = map[string]string{
	"en": "english", "en-US": "american", "en-GB": "british", "ru": "russian", "ja": "japanese", "zh": "chinese",
	"de": "ngerman", "fr": "french", "pl": "polish", "uk": "ukrainian", "ko": "korean", "mn": "mongolian",
	"it": "italian", "es": "spanish", "et": "estonian",
}

// bibEsc escapes the characters LaTeX gives a meaning to, so that a title
// with "&" or "%" stays text.
var bibEsc = strings.NewReplacer(`\`, `\textbackslash{}`, `{`, `\{`, `}`, `\}`, `&`, `\&`, `%`, `\%`, `$`, `\$`,
	`#`, `\#`, `_`, `\_`, `~`, `\textasciitilde{}`, `^`, `\textasciicircum{}`)

// bibNames writes agents joined by " and "; an institution's name is
// braced so that it is not split into family and given names.
func bibNames(as []tokumu.Agent) string {
	s := make([]string, len(as))
	for i, a := range as {
		if a.Literal != "" {
			s[i] = "{" + bibEsc.Replace(a.Literal) + "}"
		} else {
			s[i] = bibEsc.Replace(a.String())
		}
	}
	return strings.Join(s, " and ")
}

// protect braces a whole title, so that a style that sets titles in
// sentence case keeps it as the work prints it. The corpus stores titles
// as published and does not mark which words are proper nouns, so bracing
// only the capitalised words (as Better BibTeX does with Zotero's
// sentence-case titles) would brace nearly every word of an English title
// in title case and still let "Khasan" and "Overview" be treated alike;
// and a Russian or Japanese title must never be case-converted at all.
func protect(title string) string {
	if title == "" {
		return ""
	}
	return "{" + bibEsc.Replace(title) + "}"
}

// writeBibTeX writes biblatex (biber reads it; so do Zotero and pandoc).
// The editors' note on a source is for the corpus's readers, not for a
// printed reference, so it goes to annotation, which standard styles do
// not print; the archive and its location, which a reader needs to find
// the document, go to note, which they do. An English translation of the
// title goes in brackets to titleaddon, which styles print after the
// title (Chicago 14.98).
func writeBibTeX(ctx context.Context, w io.Writer, x *Export) error {
	bw := bufio.NewWriter(w)
	for _, s := range x.Sources() {
		t := bibType[CSLType(s)]
		if t == "" {
			t = "misc"
		}
		bw.WriteString("@" + t + "{" + s.ID + ",\n")
		field := func(k, v string, raw bool) {
			if v == "" {
				return
			}
			if !raw {
				v = bibEsc.Replace(v)
			}
			bw.WriteString("  " + k + " = {" + v + "},\n")
		}
		field("author", bibNames(s.Authors), true)
		field("editor", bibNames(s.Editors), true)
		field("title", protect(s.Title), true)
		if s.TitleEn != "" {
			// Braced whole, as the title is: a style's sentence case
			// would lowercase its proper nouns (the Soviet Union, Kennan).
			field("titleaddon", "{["+bibEsc.Replace(s.TitleEn)+"]}", true)
		}
		switch t {
		case "article":
			field("journal", s.Container, false)
		case "incollection", "inproceedings", "inreference":
			field("booktitle", protect(s.Container), true)
		case "online":
			field("organization", s.Container, false)
		default:
			field("howpublished", s.Container, false)
		}
		if t == "techreport" {
			field("institution", s.Publisher, false)
		} else if t == "phdthesis" {
			field("school", s.Publisher, false)
		} else {
			field("publisher", s.Publisher, false)
		}
		field("address", s.Place, false)
		if m := ymd.FindStringSubmatch(s.Issued); m != nil {
			field("year", m[1], true)
			field("month", strings.TrimLeft(m[2], "0"), true)
		} else {
			field("year", s.Issued, false)
		}
		field("volume", s.Volume, false)
		field("number", s.Issue, false)
		field("pages", strings.ReplaceAll(s.Pages, "–", "--"), false)
		field("edition", s.Edition, false)
		field("url", s.URL, true)
		field("doi", s.DOI, true)
		field("isbn", s.ISBN, false)
		field("urldate", s.Accessed, true)
		if l := langid[s.Language]; l != "" {
			field("langid", l, true)
		} else {
			field("langid", s.Language, false)
		}
		// The archive in note, which styles print, and in Zotero's own
		// fields, which tokumu convert and Zotero read back.
		field("note", strings.TrimSpace(strings.Join([]string{s.Archive, s.ArchiveLocation}, " ")), false)
		field("archive", s.Archive, false)
		field("archive_location", s.ArchiveLocation, false)
		field("annotation", s.Note, false)
		bw.WriteString("}\n\n")
	}
	return bw.Flush()
}
