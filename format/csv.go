package format

import (
	"archive/zip"
	"context"
	"encoding/csv"
	"io"
	"strings"

	"github.com/tokumu/tokumu"
)

func init() {
	Register(&Format{
		Name: "csv", MediaType: "application/zip", Ext: ".zip",
		Summary: "entities.csv, claims.csv and sources.csv in a zip (RFC 4180, UTF-8); --table for one of them",
		Write:   writeCSV,
	})
}

// The CSV headers. ClaimsHeader is also the header tokumu convert reads,
// so that a claims table exported, edited in a spreadsheet and converted
// comes back as corpus YAML.
var (
	EntitiesHeader = []string{"id", "type", "label", "names", "summary_en", "summary_ja", "summary_ru", "tags"}
	ClaimsHeader   = []string{"id", "subject", "predicate", "object", "value", "unit", "role", "lang", "when", "where",
		"source", "loc", "grade", "by", "planted_by", "note", "supported_by", "complicated_by",
		"named_subject", "named_object", "named_by", "when_text", "named_words"}
	SourcesHeader = []string{"id", "kind", "type", "author", "editor", "title", "title_en", "container", "publisher",
		"place", "issued", "volume", "issue", "pages", "edition", "url", "doi", "isbn", "archive", "archive_location",
		"accessed", "language", "note"}
)

// writeCSV writes one table, or the three in a zip. encoding/csv quotes
// by RFC 4180; lines end in CRLF as the RFC says, which every spreadsheet
// reads.
func writeCSV(ctx context.Context, w io.Writer, x *Export) error {
	if x.Options.Table != "" {
		return writeTable(ctx, w, x, x.Options.Table)
	}
	zw := zip.NewWriter(w)
	for _, t := range []string{"entities", "claims", "sources"} {
		f, err := zw.Create(t + ".csv")
		if err != nil {
			return err
		}
		if err := writeTable(ctx, f, x, t); err != nil {
			return err
		}
	}
	return zw.Close()
}

func writeTable(ctx context.Context, w io.Writer, x *Export, table string) error {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	switch table {
	case "entities":
		cw.Write(EntitiesHeader)
		err := x.Entities(ctx, func(e *tokumu.Entity) error {
			names := make([]string, len(e.Names))
			for i, n := range e.Names {
				names[i] = n.Text + " [" + n.Lang + " " + string(n.Kind) + "]"
			}
			return cw.Write([]string{e.ID, string(e.Type), e.Label(x.Options.Lang), strings.Join(names, "; "),
				e.Summary["en"], e.Summary["ja"], e.Summary["ru"], strings.Join(e.Tags, "; ")})
		})
		if err != nil {
			return err
		}
	case "claims":
		cw.Write(ClaimsHeader)
		err := x.Claims(ctx, func(c *tokumu.Claim) error {
			return cw.Write(ClaimRecord(c))
		})
		if err != nil {
			return err
		}
	case "sources":
		cw.Write(SourcesHeader)
		for _, s := range x.Sources() {
			cw.Write([]string{s.ID, string(s.Kind), s.Type, agents(s.Authors), agents(s.Editors), s.Title, s.TitleEn,
				s.Container, s.Publisher, s.Place, s.Issued, s.Volume, s.Issue, s.Pages, s.Edition, s.URL, s.DOI, s.ISBN,
				s.Archive, s.ArchiveLocation, s.Accessed, s.Language, s.Note})
		}
	}
	cw.Flush()
	return cw.Error()
}

// ClaimRecord is c as a row under ClaimsHeader: when is always EDTF, which
// every tool can read; when_text the date as the source wrote it
// (大正7年, 7 апреля 1940 г.), when the corpus kept it.
func ClaimRecord(c *tokumu.Claim) []string {
	text := ""
	if c.When.Text != c.When.EDTF {
		text = c.When.Text
	}
	return []string{c.ID, c.Subject, c.Predicate, c.Object, c.Value, c.Unit, c.Role, c.Lang, c.When.EDTF, c.Where,
		c.Source, c.Locator, c.Grade.String(), c.Perspective, c.PlantedBy, c.Note,
		strings.Join(c.SupportedBy, " "), strings.Join(c.ComplicatedBy, " "),
		c.NamedAs.Subject, c.NamedAs.Object, c.NamedAs.Perspective, text, c.NamedAs.Words}
}

// agents writes authors as "Family, Given; Literal".
func agents(as []tokumu.Agent) string {
	s := make([]string, len(as))
	for i, a := range as {
		s[i] = a.String()
	}
	return strings.Join(s, "; ")
}
