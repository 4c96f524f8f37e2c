package web

import (
	"cmp"
	"encoding/json"
	"fmt"
	"html"
	"html/template"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/format"
)

// "Cite this" on entity and claim pages: the permalink cited as an entry
// of the tokumu release, in the forms a historian pastes — a Chicago-style
// note, BibTeX, RIS and CSL-JSON (Zotero and the citation managers read
// the last three). The release names the corpus hash, so two citations of
// the same release cite the same data.

// citation is one item cited in the forms of three traditions: Chicago
// (English), GOST (Russian reference lists), SIST 02 (Japanese), and the
// citation managers' BibTeX, RIS and CSL-JSON.
type citation struct {
	Permalink string
	Chicago   string
	GOST      string
	SIST      string
	BibTeX    string
	RIS       string
	CSL       string
}

// citeItem is what a citation says: a title, the permalink, the release,
// the corpus it is part of, and a note on what the item rests on.
type citeItem struct {
	Key, Title, Permalink, Release, Note, Chicago string
	// Rests is, for a claim, the work it rests on with its locator: the
	// Russian and Japanese forms cite it first and the dataset as where
	// it was found (GOST's «Цит. по:», 所引), as the Chicago form does in
	// its own way; a referee accepts no claim cited without its source.
	Rests string
	// RestsGOST is Rests as a Russian list writes it (gostText), for the
	// GOST form's «Цит. по:»; Rests where empty.
	RestsGOST string
	// RestsSIST is Rests as a Japanese page writes the reference (no
	// "n.d.", 『』 around a Japanese book), for the SIST form's 所引;
	// Rests where empty.
	RestsSIST string
	Dataset   datasetCite
	// Issued is when the release was frozen (or the corpus imported):
	// the date an author-date citation prints; zero for data no release
	// holds yet.
	Issued time.Time
}

var bibKeyUnsafe = regexp.MustCompile(`[^A-Za-z0-9:_-]+`)

// bibEscape escapes BibTeX's special characters in a field.
var bibEscape = strings.NewReplacer(`\`, `\textbackslash{}`, `{`, `\{`, `}`, `\}`, `%`, `\%`, `&`, `\&`, `#`, `\#`, `_`, `\_`, `$`, `\$`)

// risLine keeps a RIS value on its line.
var risLine = strings.NewReplacer("\r", " ", "\n", " ")

func (it citeItem) citation() citation {
	c := citation{Permalink: it.Permalink, Chicago: it.Chicago, GOST: it.gost(), SIST: it.sist()}
	container := it.Dataset.Title
	edition := edition(it.Release)
	today := time.Now().Format("2006-01-02")
	// One key in every format, so that [@key] survives a switch from
	// BibTeX to CSL-JSON.
	key := "tokumu:" + bibKeyUnsafe.ReplaceAllString(it.Key, "-")
	// "Dataset, release R" as the item's genre: the one field Chicago's
	// style prints for a dataset (it prints no version), so the release
	// reaches the rendered reference.
	genre := "Dataset, release " + it.Release
	issued := ""
	if !it.Issued.IsZero() {
		issued = it.Issued.UTC().Format("2006-01-02")
	}
	var b strings.Builder
	b.WriteString("@misc{" + key + ",\n")
	field := func(k, v string) {
		if v != "" {
			b.WriteString("  " + k + " = {" + v + "},\n")
		}
	}
	// The corpus's editors edit what the item is part of: a person as
	// "Family, Given", a body braced whole ("tokumu editors" is not split
	// into a family and a given name).
	names := it.Dataset.names()
	eds := make([]string, len(names))
	for i, n := range names {
		if n.Literal != "" {
			eds[i] = "{" + bibEscape.Replace(n.Literal) + "}"
		} else {
			eds[i] = bibEscape.Replace(n.inverted())
		}
	}
	field("editor", strings.Join(eds, " and "))
	field("title", "{"+bibEscape.Replace(it.Title)+"}")
	field("howpublished", bibEscape.Replace(container))
	field("type", bibEscape.Replace(genre))
	field("version", bibEscape.Replace(it.Release))
	field("date", issued)
	field("note", bibEscape.Replace(strings.TrimSpace(edition+". "+it.Note+" "+datasetNote(it.Dataset))))
	field("url", it.Permalink)
	field("urldate", today)
	b.WriteString("}\n")
	c.BibTeX = b.String()

	b.Reset()
	ris := func(tag, v string) {
		if v != "" {
			b.WriteString(tag + "  - " + risLine.Replace(v) + "\n")
		}
	}
	ris("TY", "DATA")
	for _, n := range it.Dataset.names() {
		ris("ED", n.inverted())
	}
	ris("TI", it.Title)
	ris("T2", container)
	ris("ET", edition)
	ris("M3", genre)
	if issued != "" {
		ris("PY", issued[:4])
		ris("DA", strings.ReplaceAll(issued, "-", "/"))
	}
	ris("UR", it.Permalink)
	ris("Y2", strings.ReplaceAll(today, "-", "/"))
	ris("N1", strings.TrimSpace(it.Note+" "+datasetNote(it.Dataset)))
	b.WriteString("ER  - \n")
	c.RIS = b.String()

	item := map[string]any{"id": key, "type": "dataset", "title": it.Title, "genre": genre,
		"container-title": container, "version": it.Release, "URL": it.Permalink,
		"accessed": map[string]any{"date-parts": [][]int{dateParts(today)}}}
	if issued != "" {
		item["issued"] = map[string]any{"date-parts": [][]int{dateParts(issued)}}
	}
	if ns := it.Dataset.names(); len(ns) > 0 {
		var as []map[string]string
		for _, n := range ns {
			if n.Literal != "" {
				as = append(as, map[string]string{"literal": n.Literal})
			} else {
				as = append(as, map[string]string{"family": n.Family, "given": n.Given})
			}
		}
		item["editor"] = as
	}
	if n := strings.TrimSpace(it.Note + " " + datasetNote(it.Dataset)); n != "" {
		item["note"] = n
	}
	js, _ := json.MarshalIndent([]any{item}, "", "  ")
	c.CSL = string(js)
	return c
}

// gost cites the item as a Russian reference list writes an electronic
// resource, after ГОСТ Р 7.0.100–2018: the title // the dataset : its
// kind / its editors (a person's initials first, "под редакцией"; a body
// by its name, a group apart after " ; "). – the version. – the year it
// was frozen (none when no release dates it). – URL: the address (the day
// of access). One URL, the item's: the dataset's own address is cited as
// the whole dataset's.
func (it citeItem) gost() string {
	g := it.gostOf(titleStop(it.Title) + " // " + it.Dataset.Title)
	if it.RestsGOST != "" {
		return it.RestsGOST + " Цит. по: " + g
	}
	if it.Rests != "" {
		return it.Rests + ". Цит. по: " + g
	}
	return g
}

// gostWhole is gost of the whole dataset, which is the item.
func (it citeItem) gostWhole() string { return it.gostOf(it.Dataset.Title) }

func (it citeItem) gostOf(head string) string {
	var b strings.Builder
	b.WriteString(head + " : набор данных")
	var people, bodies []string
	for _, n := range it.Dataset.names() {
		if n.Literal != "" {
			bodies = append(bodies, n.Literal)
		} else {
			people = append(people, initials(n.Given)+" "+n.Family)
		}
	}
	var groups []string
	if len(people) > 0 {
		groups = append(groups, "под редакцией "+strings.Join(people, ", "))
	}
	groups = append(groups, bodies...)
	if len(groups) > 0 {
		b.WriteString(" / " + strings.Join(groups, " ; "))
	}
	b.WriteString(". – Версия " + it.Release + ".")
	if !it.Issued.IsZero() {
		fmt.Fprintf(&b, " – %d.", it.Issued.UTC().Year())
	}
	b.WriteString(" – URL: " + it.Permalink + " (дата обращения: " + time.Now().Format("02.01.2006") + ").")
	return b.String()
}

// sist cites the item as SIST 02 (the Japanese guideline for citing, which
// Japanese journals follow) writes a web page: its authors — here the
// dataset's editors, 編 — "the title", the site, its version and date, the
// address and (参照 the day of access).
func (it citeItem) sist() string {
	c := it.sistOf("“" + titleStop(it.Title) + "”. " + it.Dataset.Title)
	if r := cmp.Or(it.RestsSIST, it.Rests); r != "" {
		return r + ". " + strings.TrimSuffix(c, ".") + " 所引."
	}
	return c
}

// sistWhole is sist of the whole dataset.
func (it citeItem) sistWhole() string { return it.sistOf(it.Dataset.Title) }

func (it citeItem) sistOf(head string) string {
	var b strings.Builder
	if ns := it.Dataset.names(); len(ns) > 0 {
		parts := make([]string, len(ns))
		for i, n := range ns {
			parts[i] = n.inverted()
		}
		b.WriteString(strings.Join(parts, "; ") + "編. ")
	}
	b.WriteString(head + ". リリース " + it.Release)
	if !it.Issued.IsZero() {
		b.WriteString(", " + it.Issued.UTC().Format("2006-01-02"))
	}
	b.WriteString(". " + it.Permalink + ", (参照 " + time.Now().Format("2006-01-02") + ").")
	return b.String()
}

// titleStop is a title before a separator that takes the place of its
// full stop (GOST's " // ", SIST's "”."): a final full stop is dropped,
// unless it ends an abbreviation or an initial («1 июня 1939 г.», "vol.",
// «Г. С.»), which keeps it — «1939 г //» would read as a misprint.
func titleStop(t string) string {
	w, ok := strings.CutSuffix(t, ".")
	if !ok {
		return t
	}
	last := w[strings.LastIndexAny(w, " \u00a0(")+1:]
	if abbrevs[strings.ToLower(last)] || utf8.RuneCountInString(last) == 1 && unicode.IsUpper([]rune(last)[0]) {
		return t
	}
	return w
}

// abbrevs are the abbreviations a title may end with, which keep their
// full stop before a separator.
var abbrevs = map[string]bool{
	"г": true, "гг": true, "в": true, "вв": true, "т": true, "тт": true, "с": true, "ст": true,
	"др": true, "ред": true, "изд": true, "см": true, "им": true, "и т. д": true,
	"etc": true, "ed": true, "eds": true, "vol": true, "vols": true, "no": true, "nos": true,
	"p": true, "pp": true, "ch": true, "n": true, "nn": true, "fig": true, "cf": true, "al": true,
}

// plainText is a rendered reference's text: its tags dropped, its
// entities decoded.
func plainText(h template.HTML) string {
	return strings.Join(strings.Fields(html.UnescapeString(tagRE.ReplaceAllString(string(h), ""))), " ")
}

var (
	tagRE  = regexp.MustCompile(`<[^>]*>`)
	kindRE = regexp.MustCompile(`\s*<span class="kind">[^<]*</span>`)
)

// dateParts is CSL's [year, month, day] of an ISO date.
func dateParts(iso string) []int {
	t, _ := time.Parse("2006-01-02", iso)
	return []int{t.Year(), int(t.Month()), t.Day()}
}

// entityCitation cites an entity's page.
func (b *base) entityCitation(e *tokumu.Entity, permalink string) citation {
	rel := b.Release()
	label := b.Label(e.ID)
	d := b.sn.dataset()
	return citeItem{Key: e.ID, Title: label, Permalink: permalink, Release: rel, Dataset: d, Issued: b.sn.releaseDate(rel),
		Note:    "Entity " + e.ID + ": its names, and every claim about it with its source and grade.",
		Chicago: tokumu.QuoteTitle(label) + " In " + d.in() + ". Dataset, " + edition(rel) + ". Accessed " + accessed() + ". " + permalink + "."}.citation()
}

// claimCitation cites a claim: the source it rests on is in the note and
// in the Chicago form, which chicago() writes.
func (p *claimPage) claimCitation(src *tokumu.Source) citation {
	note := "Claim " + p.C.ID
	rests, restsGOST, restsSIST := "", "", ""
	if src != nil {
		rests = titleStop(src.Reference())
		restsGOST = (&base{Lang: "ru", sn: p.sn}).gostText(src)
		// The Japanese page's reference without its kind label (学術研究).
		ja := kindRE.ReplaceAllString(string((&base{Lang: "ja", sn: p.sn}).RefHTML(src)), "")
		restsSIST = titleStop(plainText(template.HTML(ja)))
		if p.C.Locator != "" {
			rests += ", " + p.C.Locator
			restsGOST = strings.TrimSuffix(restsGOST, ".") + ". – " + gostLocator(p.C.Locator) + "."
			restsSIST += ", " + p.C.Locator
		}
		note += ", resting on " + rests
	}
	// The title says what the claim says, so that two claims of one
	// subject and predicate (founded 1918, founded 1919) are told apart.
	title := p.Title + " " + p.claimGist()
	return citeItem{Key: p.C.ID, Title: strings.TrimSpace(title), Permalink: p.Permalink, Release: p.Release, Note: note + ".", Chicago: p.Chicago,
		Rests: rests, RestsGOST: restsGOST, RestsSIST: restsSIST, Dataset: p.sn.dataset(), Issued: p.sn.releaseDate(p.Release)}.citation()
}

// exportLink is one entry of an "Export" menu.
type exportLink struct {
	Name, Summary, URL string
}

// bibFormats are the bibliography's formats, for the sources page.
var bibFormats = map[string]bool{"bibtex": true, "ris": true, "csljson": true}

// Exports lists /api/export links in every format, filtered by kv (pairs
// of an export parameter and its value; empty values are left out).
func (b *base) Exports(kv ...string) []exportLink { return exportLinks(false, kv) }

// BibExports lists the bibliography formats' links.
func (b *base) BibExports() []exportLink { return exportLinks(true, nil) }

func exportLinks(bib bool, kv []string) []exportLink {
	q := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] != "" {
			q.Set(kv[i], kv[i+1])
		}
	}
	var out []exportLink
	for _, f := range format.All() {
		if bib && !bibFormats[f.Name] {
			continue
		}
		q.Set("format", f.Name)
		out = append(out, exportLink{Name: f.Name, Summary: f.Summary, URL: "/api/export?" + q.Encode()})
	}
	return out
}

// claimGist is what a claim says beyond its subject and predicate, in
// words for a citation's title: the object or the value, then the date
// in English ("Harbin Special Service Agency, 1932"; "1918").
func (p *claimPage) claimGist() string {
	c := p.C
	what := ""
	switch {
	case c.Object != "":
		what = p.Label(c.Object)
	case c.Value != "":
		what = strings.TrimSpace(c.Value + " " + c.Unit)
		if r := []rune(what); len(r) > 80 {
			what = string(r[:79]) + "…" // a description is the note's, not the title's
		}
	}
	when := ""
	if !c.When.IsZero() {
		when = c.When.Human(p.Lang)
	}
	switch {
	case what != "" && when != "":
		return what + ", " + when
	case what != "":
		return what
	}
	return when
}

// datasetNote names the dataset's persistent address in a citation's
// note, where the formats have no field for the container's identifier.
func datasetNote(d datasetCite) string {
	if d.URL == "" {
		return ""
	}
	return "Part of the dataset " + d.URL + "."
}
