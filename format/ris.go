package format

import (
	"bufio"
	"context"
	"io"
	"strings"
)

func init() {
	Register(&Format{
		Name: "ris", MediaType: "application/x-research-info-systems", Ext: ".ris",
		Summary: "RIS of the bibliography, for EndNote, Zotero and other citation managers",
		Write:   writeRIS,
	})
}

// risType maps CSL types to RIS reference types; RISType maps back (the
// import of tokumu convert uses it).
var risType = map[string]string{
	"book": "BOOK", "chapter": "CHAP", "article-journal": "JOUR", "article-magazine": "MGZN",
	"article-newspaper": "NEWS", "report": "RPRT", "thesis": "THES", "webpage": "ELEC", "manuscript": "MANSCPT",
	"entry-encyclopedia": "ENCYC", "paper-conference": "CPAPER", "map": "MAP",
}

// RISType returns the CSL type of a RIS reference type ("" if unknown).
func RISType(ty string) string {
	for k, v := range risType {
		if v == ty {
			return k
		}
	}
	return ""
}

// RIS lines are "TAG  - value"; a value cannot hold a line break.
func writeRIS(ctx context.Context, w io.Writer, x *Export) error {
	bw := bufio.NewWriter(w)
	for _, s := range x.Sources() {
		t := risType[CSLType(s)]
		if t == "" {
			t = "GEN"
		}
		line := func(tag, v string) {
			if v = strings.Join(strings.Fields(v), " "); v != "" {
				bw.WriteString(tag + "  - " + v + "\r\n")
			}
		}
		line("TY", t)
		line("ID", s.ID)
		for _, a := range s.Authors {
			line("AU", a.String())
		}
		for _, a := range s.Editors {
			line("ED", a.String())
		}
		line("TI", s.Title)
		line("TT", s.TitleEn)
		line("T2", s.Container)
		line("PB", s.Publisher)
		line("CY", s.Place)
		if m := ymd.FindStringSubmatch(s.Issued); m != nil {
			line("PY", m[1])
			if m[2] != "" {
				line("DA", strings.ReplaceAll(s.Issued, "-", "/"))
			}
		} else {
			line("PY", s.Issued)
		}
		line("VL", s.Volume)
		line("IS", s.Issue)
		if a, b, ok := strings.Cut(strings.ReplaceAll(s.Pages, "–", "-"), "-"); ok {
			line("SP", a)
			line("EP", b)
		} else {
			line("SP", s.Pages)
		}
		line("ET", s.Edition)
		line("UR", s.URL)
		line("DO", s.DOI)
		line("SN", s.ISBN)
		line("AN", s.ArchiveLocation)
		line("DB", s.Archive)
		line("Y2", s.Accessed)
		line("LA", s.Language)
		// N1 is RIS's "notes": Zotero imports it as a child note of the
		// item, which no style prints, so the editors' note may go there.
		line("N1", s.Note)
		bw.WriteString("ER  - \r\n\r\n")
	}
	return bw.Flush()
}
