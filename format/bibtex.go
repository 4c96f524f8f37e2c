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
		Summary: "BibTeX of the bibliography (UTF-8, for biblatex, Zotero and pandoc)",
		Write:   writeBibTeX,
	})
}

// bibType maps CSL types to BibTeX entry types.
var bibType = map[string]string{
	"book": "book", "chapter": "incollection", "article-journal": "article", "article-magazine": "article",
	"article-newspaper": "article", "report": "techreport", "thesis": "phdthesis", "manuscript": "unpublished",
	"entry-encyclopedia": "incollection", "paper-conference": "inproceedings",
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
		field("title", s.Title, false)
		switch t {
		case "article":
			field("journal", s.Container, false)
		case "incollection", "inproceedings":
			field("booktitle", s.Container, false)
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
		field("language", s.Language, false)
		archive := strings.TrimSpace(strings.Join([]string{s.Archive, s.ArchiveLocation}, " "))
		field("note", strings.TrimSpace(strings.Join(nonEmpty(archive, s.Note), ". ")), false)
		bw.WriteString("}\n\n")
	}
	return bw.Flush()
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}
