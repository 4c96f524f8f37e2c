package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing/fstest"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/format"
	"github.com/tokumu/tokumu/internal/suggest"
	"github.com/tokumu/tokumu/search"
	"github.com/tokumu/tokumu/view"
	"github.com/tokumu/tokumu/yamlcorpus"
)

type convertFlags struct{ to, corpus string }

var convertOpts convertFlags

var cmdConvert = &command{
	name: "convert",
	args: "FILE… [--corpus DIR] [--to DIR]",
	summary: `Turn a citation manager's export and a spreadsheet of claims into corpus YAML.
A .json file is read as CSL-JSON, .bib as BibTeX, .ris as RIS (Zotero
exports all three): each entry becomes sources/<key>.yaml. A .csv file is
a table of claims with the header of CORPUS.md ("Claims from a
spreadsheet"): subject, predicate, object, value, unit, when, where,
source, loc, grade, by, note (names or ids). The claims are checked
against the corpus (--corpus, default the embedded one) by the loader's
rules; every problem is reported as file:row:column with a fix, and
nothing is written unless all is valid. An entity that gets claims is
written whole, with its old and new claims, at its path under DIR.

With --corpus DIR alone the files are added to that corpus. --to DIR
writes only the new and changed files elsewhere, to be copied into the
corpus. With the embedded corpus, --to is needed; to add to a corpus of
your own, write one out first with tokumu export --format yaml -o DIR.`,
	flags: func(fs *flag.FlagSet, m *Main) {
		convertOpts = convertFlags{}
		fs.StringVar(&convertOpts.to, "to", "", "the directory to write the corpus files into (default: the --corpus DIR; needed with the embedded corpus)")
		fs.StringVar(&convertOpts.corpus, "corpus", "", "the corpus the claims are checked against and added to (default: the embedded one)")
	},
	run: func(ctx context.Context, m *Main, args []string) error {
		o := convertOpts
		// Go's flag package stops at the first file; the usage puts --to
		// after the files, so the flags among them are read here.
		var inputs []string
		for i := 0; i < len(args); i++ {
			a := args[i]
			name, val, hasVal := strings.Cut(strings.TrimLeft(a, "-"), "=")
			if !strings.HasPrefix(a, "-") || (name != "to" && name != "corpus") {
				inputs = append(inputs, a)
				continue
			}
			if !hasVal {
				if i+1 >= len(args) {
					return usagef("tokumu convert zotero.bib --to corpus/", "%s needs a directory", a)
				}
				i++
				val = args[i]
			}
			if name == "to" {
				o.to = val
			} else {
				o.corpus = val
			}
		}
		args = inputs
		if len(args) == 0 {
			return usagef("tokumu convert zotero.bib claims.csv --to corpus/", "convert needs at least one file")
		}
		if o.to == "" && o.corpus != "" {
			o.to = o.corpus // add to the corpus the claims were checked against
		}
		if o.to == "" {
			return usagef("tokumu convert "+strings.Join(args, " ")+" --corpus corpus/", "give the corpus to add to with --corpus DIR, or a directory for the new files with --to DIR (the embedded corpus cannot be written)")
		}
		var cargs []string
		if o.corpus != "" {
			cargs = []string{o.corpus}
		}
		fsys, _, err := corpusFS(cargs)
		if err != nil {
			return err
		}
		ds, err := yamlcorpus.Load(fsys)
		if err != nil {
			ds, err = loadAwaiting(fsys, err, args)
		}
		if err != nil {
			return fmt.Errorf("the corpus to convert into has errors (run tokumu check): %w", err)
		}
		cv := newConverter(ds)
		for _, f := range args {
			if err := cv.file(f); err != nil {
				return err
			}
		}
		var files map[string][]byte
		if len(cv.errs) == 0 {
			var from map[string]string
			if files, from, err = cv.plan(fsys); err != nil {
				return err
			}
			if err := cv.verify(fsys, files, from); err != nil {
				return err
			}
		}
		all := append(append(yamlcorpus.ErrorList(nil), cv.errs...), cv.notes...)
		sort.Stable(all)
		for _, e := range all {
			fmt.Fprintln(m.Stderr, e)
		}
		if len(cv.errs) > 0 {
			fmt.Fprintf(m.Stderr, "%s; nothing written\n", count(len(cv.errs), "problem", "problems"))
			return errFailed
		}
		for _, s := range cv.sources {
			p := filepath.Join(o.to, filepath.FromSlash(yamlcorpus.SourcePath(s)))
			if _, err := os.Stat(p); !errors.Is(err, fs.ErrNotExist) {
				return tokumu.Errorf(tokumu.EINVALID, "%s already exists: convert does not overwrite a source", p)
			}
		}
		if err := write(o.to, files); err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "wrote %s to %s: %s, %s on %s\n", count(len(files), "file", "files"), o.to,
			count(len(cv.sources), "source", "sources"), count(cv.nClaims, "claim", "claims"), count(len(cv.touched), "entity", "entities"))
		// Unless DIR is the corpus, it holds only what changed: it does
		// not load alone, and the next step must say what to do with it.
		switch {
		case o.corpus == "":
			fmt.Fprintf(m.Stdout, "%s holds only the new and changed files, checked against the embedded corpus. To add them to a corpus of your own, write one out with tokumu export --format yaml -o DIR and convert again with --corpus DIR\n", o.to)
		case !sameDir(o.to, o.corpus):
			fmt.Fprintf(m.Stdout, "%s holds only the new and changed files, not a whole corpus: copy them into %s (cp -R %s/. %s/), or convert without --to\n", o.to, o.corpus, filepath.Clean(o.to), filepath.Clean(o.corpus))
		}
		return nil
	},
}

// converter gathers what the input files add to a corpus, and every
// problem, before anything is written.
type converter struct {
	ds      *tokumu.Dataset
	ix      *tokumu.Index
	byName  map[string][]string // lower-case name → entity ids
	ids     []string            // entity ids, sorted, for suggestions
	preds   []string
	errs    yamlcorpus.ErrorList
	notes   yamlcorpus.ErrorList // notes and warnings, which write anyway
	sources []*tokumu.Source
	srcByID map[string]*tokumu.Source
	claims  map[string][]*tokumu.Claim // new claims by subject
	claimID map[string]string          // new claim id → where it was written
	touched []string
	search  *search.Index // built at the first unknown entity, for suggestions
	nClaims int
}

func newConverter(ds *tokumu.Dataset) *converter {
	cv := &converter{ds: ds, ix: tokumu.NewIndex(ds), byName: map[string][]string{}, srcByID: map[string]*tokumu.Source{},
		claims: map[string][]*tokumu.Claim{}, claimID: map[string]string{}}
	for _, e := range ds.Entities {
		cv.ids = append(cv.ids, e.ID)
		for _, n := range e.Names {
			k := strings.ToLower(n.Text)
			if len(cv.byName[k]) == 0 || cv.byName[k][len(cv.byName[k])-1] != e.ID {
				cv.byName[k] = append(cv.byName[k], e.ID)
			}
		}
	}
	sort.Strings(cv.ids)
	for _, p := range ds.Predicates {
		cv.preds = append(cv.preds, p.ID)
	}
	return cv
}

// The converter is the Lookup claims are validated with: the corpus and
// the sources of this conversion.
func (cv *converter) Predicate(id string) *tokumu.Predicate { return cv.ix.Predicate(id) }
func (cv *converter) EntityType(id string) (tokumu.EntityType, bool) {
	return cv.ix.EntityType(id)
}
func (cv *converter) HasSource(id string) bool { return cv.source(id) != nil }
func (cv *converter) HasClaim(id string) bool {
	_, ok := cv.claimID[id]
	return ok || cv.ix.HasClaim(id)
}

func (cv *converter) source(id string) *tokumu.Source {
	if s := cv.ix.Sources[id]; s != nil {
		return s
	}
	return cv.srcByID[id]
}

// parseBibliography reads a citation manager's export by its extension:
// CSL-JSON, BibTeX or RIS; isBib is false for any other file.
func parseBibliography(name string, data []byte) (entries []format.BibEntry, isBib bool, err error) {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".json":
		entries, err = format.ParseCSLJSON(bytes.NewReader(data))
	case ".bib", ".bibtex":
		entries, err = format.ParseBibTeX(bytes.NewReader(data))
	case ".ris":
		entries, err = format.ParseRIS(bytes.NewReader(data))
	default:
		return nil, false, nil
	}
	return entries, true, err
}

func (cv *converter) file(name string) error {
	data, err := os.ReadFile(name)
	if err != nil {
		return usagef("tokumu convert zotero.bib --to corpus/", "cannot read %s: %v", name, errors.Unwrap(err))
	}
	entries, isBib, err := parseBibliography(name, data)
	switch {
	case isBib:
	case strings.EqualFold(filepath.Ext(name), ".csv"):
		cv.claimsCSV(name, data)
		return nil
	default:
		return usagef("tokumu convert zotero.bib claims.csv --to corpus/", "%s: convert reads .json (CSL-JSON), .bib (BibTeX), .ris (RIS) and .csv (claims)", name)
	}
	if err != nil {
		var pe *format.ParseError
		if errors.As(err, &pe) {
			cv.errs.Add(name, pe.Line, pe.Col, "%s", pe.Msg)
		} else {
			cv.errs.Add(name, 0, 0, "%s", tokumu.ErrorMessage(err))
		}
		return nil
	}
	for _, e := range entries {
		s := e.Source
		for _, d := range e.Dropped {
			cv.notes.Add(name, e.Line, 0, "warning: entry %s: %s", s.ID, d)
		}
		switch {
		case s.Title == "":
			cv.errs.Add(name, e.Line, 0, "entry %s has no title: give it one in your citation manager", s.ID)
		case cv.ix.Sources[s.ID] != nil:
			cv.errs.Add(name, e.Line, 0, "source %s is already in the corpus (%s): change the entry's key, or leave it out", s.ID, cv.ix.Sources[s.ID].Origin)
		case cv.srcByID[s.ID] != nil:
			cv.errs.Add(name, e.Line, 0, "two entries have the key %s: change one of them", s.ID)
		default:
			s.Origin = fmt.Sprintf("%s:%d", name, e.Line)
			if e.Line == 0 {
				s.Origin = name
			}
			cv.srcByID[s.ID] = s
			cv.sources = append(cv.sources, s)
		}
	}
	return nil
}

// The columns of a claims CSV. by and loc may be written perspective and
// locator; object and value may both be given only where the predicate
// allows (the checks say so).
var csvColumns = []string{"id", "subject", "predicate", "object", "value", "unit", "role", "lang", "when", "where",
	"source", "loc", "grade", "by", "planted_by", "note", "supported_by", "complicated_by",
	"named_subject", "named_object", "named_by", "when_text", "named_words"}

var csvAlias = map[string]string{"perspective": "by", "locator": "loc", "p": "predicate", "o": "object", "v": "value"}

// problemColumn maps a Problem's field to the CSV column it concerns.
var problemColumn = map[string]string{"p": "predicate", "o": "object", "v": "value", "unit": "unit", "when": "when",
	"where": "where", "by": "by", "planted_by": "planted_by", "source": "source", "supported_by": "supported_by",
	"complicated_by": "complicated_by", "named_as.subject": "named_subject", "named_as.o": "named_object",
	"named_as.by": "named_by", "named_as.words": "named_words"}

func (cv *converter) claimsCSV(name string, data []byte) {
	data = bytes.TrimPrefix(data, []byte("\ufeff")) // the byte-order mark Excel writes
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	if c := csvComma(data); c != ',' {
		r.Comma = c
		cv.notes.Add(name, 1, 0, "note: read as separated by %s, as its header is", commaName[c])
	}
	header, err := r.Read()
	if err != nil {
		cv.errs.Add(name, 1, 0, "cannot read the header: %v", err)
		return
	}
	if len(header) == 1 && strings.ContainsAny(header[0], ";\t") {
		// Not one known column however it is split: say why all fail.
		cv.errs.Add(name, 1, 0, "the header is one column, %q: convert reads fields separated by commas (or semicolons or tabs between the column names of CORPUS.md); save the sheet as \"CSV UTF-8 (comma delimited)\"", header[0])
		return
	}
	col := map[string]int{}
	for i, h := range header {
		h = csvColumn(h)
		if !contains(csvColumns, h) {
			cv.errs.Add(name, 1, i+1, "unknown column %q%s; the columns are %s", header[i], suggest.DidYouMean(h, csvColumns), strings.Join(csvColumns, ", "))
			continue
		}
		if _, dup := col[h]; dup {
			cv.errs.Add(name, 1, i+1, "column %s is given twice", h)
			continue
		}
		col[h] = i
	}
	for _, need := range []string{"subject", "predicate", "source"} {
		if _, ok := col[need]; !ok {
			cv.errs.Add(name, 1, 0, "the header has no %s column (its columns are: %s)", need, strings.Join(header, ", "))
		}
	}
	if len(cv.errs) > 0 && cv.errs[len(cv.errs)-1].File == name && cv.errs[len(cv.errs)-1].Line == 1 {
		return
	}
	// Messages name the spreadsheet's row (the header is row 1), as
	// LibreOffice and Excel number them: a note with line breaks in it is
	// one row, though several lines of the file.
	line := 1
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return
		}
		line++
		if err == nil && len(rec) != len(header) && strings.Join(rec, "") != "" {
			// A comma left unquoted, or a cell lost: every column after
			// it is shifted, so the row's other messages would mislead.
			fix := "quote a field that contains a comma"
			if len(rec) < len(header) {
				fix = "give every column a field, an empty one as ,,"
			}
			cv.errs.Add(name, line, 0, "%d fields, the header has %d; %s", len(rec), len(header), fix)
			continue
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				cv.errs.Add(name, pe.Line, pe.Column, "%v (put a field with quotes or %s in double quotes, and double the quotes inside)", pe.Err, commaName[r.Comma])
				return
			}
			cv.errs.Add(name, line, 0, "%v", err)
			return
		}
		cv.row(name, line, rec, col)
	}
}

// csvColumn is the column a header field names.
func csvColumn(h string) string {
	h = strings.ToLower(strings.TrimSpace(h))
	if a, ok := csvAlias[h]; ok {
		return a
	}
	return h
}

// holding reports whether p's claims are held over a span (offices,
// postings, memberships, the chart's edges), whose bare date reads as the
// start.
func holding(p *tokumu.Predicate) bool {
	return p.HasRole(tokumu.RoleOffice) || p.HasRole(tokumu.RolePosting) || p.HasRole(tokumu.RoleExclusive) || p.HasRole(tokumu.RoleHierarchy)
}

// A figure with a comma (decimalComma) that does not group thousands
// (thousands) is a decimal comma, as Excel writes it where the decimal
// mark is one.
var (
	decimalComma = regexp.MustCompile(`^[~<>≥≤=]*\s*[0-9]+(,[0-9]+)+$`)
	thousands    = regexp.MustCompile(`^[~<>≥≤=]*\s*[0-9]{1,3}(,[0-9]{3})+$`)
)

var commaName = map[rune]string{',': "commas", ';': "semicolons", '\t': "tabs"}

// csvComma returns the separator of a claims CSV: of comma, semicolon
// (Excel's CSV where the decimal mark is a comma: Russian, German, French
// locales) and tab, the one that splits the header line into the most
// known column names; a comma if none does better.
func csvComma(data []byte) rune {
	line, _, _ := bytes.Cut(data, []byte("\n"))
	best, most := ',', 0
	for _, c := range []rune{',', ';', '\t'} {
		n := 0
		for _, h := range strings.Split(string(line), string(c)) {
			if contains(csvColumns, csvColumn(strings.Trim(h, "\" \r"))) {
				n++
			}
		}
		if n > most {
			best, most = c, n
		}
	}
	return best
}

func (cv *converter) row(name string, line int, rec []string, col map[string]int) {
	get := func(k string) string {
		if i, ok := col[k]; ok && i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	if strings.Join(rec, "") == "" {
		return // an empty line of a spreadsheet
	}
	errs0 := len(cv.errs)
	bad := func(k, format string, args ...any) {
		cv.errs.Add(name, line, col[k]+1, "%s: %s", k, fmt.Sprintf(format, args...))
	}
	entity := func(k string) string {
		v := get(k)
		if v == "" {
			return ""
		}
		if cv.ix.Entities[v] != nil {
			return v
		}
		switch ids := cv.byName[strings.ToLower(v)]; len(ids) {
		case 1:
			return ids[0]
		case 0:
			bad(k, "no entity has the id or name %q%s", v, cv.nearEntities(v))
		default:
			bad(k, "%q names %d entities (%s): write the id", v, len(ids), strings.Join(ids, ", "))
		}
		return "\x00"
	}
	c := &tokumu.Claim{Subject: entity("subject"), Object: entity("object"), Where: entity("where"),
		Perspective: entity("by"), PlantedBy: entity("planted_by"), Value: get("value"), Unit: get("unit"),
		Role: get("role"), Lang: get("lang"), Source: get("source"), Locator: get("loc"), Note: get("note"), ID: get("id"),
		NamedAs: tokumu.NamedAs{Subject: get("named_subject"), Object: get("named_object"), Perspective: get("named_by"), Words: get("named_words")}}
	if c.Subject == "" {
		bad("subject", "every claim needs a subject: the id or a name of an entity of the corpus")
	}
	c.Predicate = get("predicate")
	if c.Predicate != "" && cv.ix.Predicates[c.Predicate] == nil {
		for _, p := range cv.ds.Predicates { // an English label will do
			if strings.EqualFold(p.Label["en"], c.Predicate) {
				c.Predicate = p.ID
				break
			}
		}
	}
	if p := cv.ix.Predicates[c.Predicate]; c.Lang == "" && p != nil && p.Literal == tokumu.LiteralText {
		// A text's language defaults to en: Russian or Japanese text is
		// tagged by its script, where the script says which it is.
		lang, why := tokumu.ScriptLang(c.Value)
		switch {
		case why != "":
			bad("value", "%s: give the row's language in a lang column (%s)", why, lang)
		case lang != "":
			c.Lang = lang
		}
	}
	if v := get("value"); decimalComma.MatchString(v) && !thousands.MatchString(v) {
		// 1,5 reads as 15: a comma in a figure groups thousands.
		bad("value", "%q has a decimal comma, which would read as %s: write %s", v, strings.ReplaceAll(v, ",", ""), strings.Replace(v, ",", ".", 1))
	}
	w := get("when")
	if t := get("when_text"); t != "" {
		// The source's words, which tokumu export writes beside the EDTF:
		// read them, so that the corpus keeps them; they must say the same.
		tw, _, terr := tokumu.ParseWhen(t)
		if terr != nil {
			bad("when_text", "%q is not a date: %v (or leave when_text empty and give when in EDTF)", t, terr)
			return
		}
		if w != "" {
			if ew, _, eerr := tokumu.ParseWhen(w); eerr == nil && ew.EDTF != tw.EDTF {
				bad("when_text", "%q reads as %s, but when says %s: make them agree, or leave when_text empty", t, tw.EDTF, ew.EDTF)
				return
			}
		}
		w = t
	}
	if _, export := col["when_text"]; w != "" && !export {
		// A sheet typed by hand: "1922-23" there is the years 1922–23
		// as often as EDTF's autumn of 1922. (tokumu's own export has a
		// when_text column, and its when is EDTF.)
		if msg := tokumu.SeasonOrSpan(w); msg != "" {
			bad("when", "%s", msg)
			return
		}
	}
	if w != "" {
		when, _, err := tokumu.ParseWhen(w)
		if err != nil {
			bad("when", "%q is not a date: %v (write EDTF: 1938-06-13, 1938-06, 1937/1939, 1938?)", w, err)
			return
		}
		c.When = when
		if p := cv.ix.Predicates[c.Predicate]; p != nil && !when.Interval && holding(p) {
			// Said once the row is otherwise good.
			defer func() {
				if len(cv.errs) == errs0 {
					cv.notes.Add(name, line, col["when"]+1, "warning: when: %q on %s, a holding, reads as its start (%s/): if the source gives the span, write it (%s/%s for within %[3]s); if it only shows the post held then, leave when empty and give the date in the note", w, p.ID, when.EDTF, when.EDTF, when.EDTF)
				}
			}()
		}
	}
	var written tokumu.Grade
	if g := get("grade"); g != "" {
		var err error
		if written, err = tokumu.ParseGrade(g); err != nil {
			bad("grade", "%v", err)
		}
	}
	c.SupportedBy = strings.Fields(get("supported_by"))
	c.ComplicatedBy = strings.Fields(get("complicated_by"))
	for _, id := range []string{c.Subject, c.Object, c.Where, c.Perspective, c.PlantedBy} {
		if id == "\x00" {
			return // reported; the rules below would only repeat it
		}
	}
	if c.Subject == "" {
		return
	}
	st, _ := cv.ix.EntityType(c.Subject)
	for _, p := range tokumu.ValidateClaim(cv, st, c) {
		k := problemColumn[p.Field]
		if _, ok := col[k]; !ok {
			k = "predicate"
		}
		msg := sheetWords(p.Message)
		switch p.Kind {
		case "predicate":
			msg += suggest.DidYouMean(p.Unknown, cv.preds)
		case "entity":
			msg += suggest.DidYouMean(p.Unknown, cv.ids)
		case "source":
			keys := make([]string, 0, len(cv.ds.Sources)+len(cv.sources))
			for _, s := range cv.ds.Sources {
				keys = append(keys, s.ID)
			}
			for _, s := range cv.sources {
				keys = append(keys, s.ID)
			}
			msg += suggest.DidYouMean(p.Unknown, keys)
		}
		cv.errs.Add(name, line, col[k]+1, "%s", msg)
	}
	if src := cv.source(c.Source); src != nil {
		c.Grade = tokumu.EffectiveGrade(src, written)
	}
	explicit := c.ID != ""
	if !explicit {
		c.ID = tokumu.DeriveClaimID(c)
	}
	here := fmt.Sprintf("%s:%d", name, line)
	switch {
	case explicit && cv.ix.Claims[c.ID] != nil:
		cv.errs.Add(name, line, col["id"]+1, "the corpus already has a claim with id %s (at %s): give this claim another id", c.ID, cv.ix.Claims[c.ID].Origin)
	case explicit && cv.claimID[c.ID] != "":
		cv.errs.Add(name, line, col["id"]+1, "duplicate id %s (also at %s): give each claim its own id", c.ID, cv.claimID[c.ID])
	case cv.ix.Claims[c.ID] != nil:
		cv.errs.Add(name, line, 1, "the corpus already has this claim (%s, at %s): leave the row out, or give it an id column if it differs in date or place", c.ID, cv.ix.Claims[c.ID].Origin)
	case cv.claimID[c.ID] != "":
		cv.errs.Add(name, line, 1, "the same claim as the row at %s (same subject, predicate, object or value and source): merge the rows, or give one an id", cv.claimID[c.ID])
	}
	cv.claimID[c.ID] = here
	c.Origin = here
	cv.claims[c.Subject] = append(cv.claims[c.Subject], c)
	cv.nClaims++
}

// sheetWords says a claim rule's message in the spreadsheet's terms: its
// columns, not the YAML fields (o:, v:) a sheet's author never sees, and
// a name where the sheet takes one as well as an id.
func sheetWords(msg string) string {
	msg = objectField.ReplaceAllString(msg, "needs an object: in the object column, the id or a name of $1")
	msg = valueField.ReplaceAllString(msg, "needs a value in the value column: $1")
	return strings.NewReplacer("(o: …)", "(in the object column)", "(v: …)", "(in the value column)").Replace(msg)
}

var (
	objectField = regexp.MustCompile(`needs an object: o: <the id of (.*)>`)
	valueField  = regexp.MustCompile(`needs a value: v: <(.*)>`)
)

// nearEntities suggests, for a subject, object or place no entity has as
// its id or a name, the entities meant: an id one typo away, else those
// tokumu search finds by name in any script ("Lake Hasan battle" →
// khasan-1938, the Battle of Lake Khasan). The search index is built at
// the first such miss.
func (cv *converter) nearEntities(v string) string {
	if h := suggest.DidYouMean(strings.ToLower(v), cv.ids); h != "" {
		return h
	}
	if cv.search == nil {
		ix, err := search.BuildDataset(context.Background(), cv.ds)
		if err != nil {
			return ""
		}
		cv.search = ix
	}
	res, err := cv.search.Search(search.Query{Text: v, Limit: 20})
	if err != nil {
		return ""
	}
	var near []string
	for _, h := range res.Hits {
		if h.Kind == search.KindEntity && h.Match != search.MatchText && len(near) < 3 {
			near = append(near, fmt.Sprintf("%s (%s)", h.Entity, h.Label))
		}
	}
	if len(near) == 0 {
		return ""
	}
	return "; did you mean " + strings.Join(near, ", or ") + "?"
}

// plan renders the files the conversion writes: a file for each new
// source, and each entity that gets claims with them appended (its file's
// text kept where yamlcorpus.AppendClaims can; else written whole). from
// says which input each file comes from, for messages.
func (cv *converter) plan(fsys fs.FS) (files map[string][]byte, from map[string]string, err error) {
	files, from = map[string][]byte{}, map[string]string{}
	for _, s := range cv.sources {
		var b bytes.Buffer
		if err := yamlcorpus.WriteSource(&b, s); err != nil {
			return nil, nil, err
		}
		files[yamlcorpus.SourcePath(s)] = b.Bytes()
		from[yamlcorpus.SourcePath(s)] = s.Origin
	}
	old := map[string][]*tokumu.Claim{}
	for _, c := range cv.ds.Claims {
		if cv.claims[c.Subject] != nil {
			old[c.Subject] = append(old[c.Subject], c)
		}
	}
	cv.touched = nil
	for _, e := range cv.ds.Entities {
		add := cv.claims[e.ID]
		if add == nil {
			continue
		}
		cv.touched = append(cv.touched, e.ID)
		p := e.Origin
		if p == "" {
			p = yamlcorpus.EntityPath(e)
		}
		var rows []string
		for _, c := range add {
			rows = append(rows, c.Origin)
		}
		from[p] = strings.Join(rows, ", ")
		if orig, err := fs.ReadFile(fsys, p); err == nil {
			if b, ok := yamlcorpus.AppendClaims(orig, add, cv.source); ok {
				files[p] = b
				continue
			}
		}
		var b bytes.Buffer
		if err := yamlcorpus.WriteEntity(&b, e, append(old[e.ID], add...), cv.source); err != nil {
			return nil, nil, err
		}
		files[p] = b.Bytes()
	}
	return files, from, nil
}

// verify loads the corpus with the planned files in place, by the
// loader's own rules, and reports what fails at the input it came from.
// missingSource finds the key in the loader's message for a claim whose
// source is not in the bibliography.
var missingSource = regexp.MustCompile(`^source "([^"]+)" is not in the bibliography`)

// loadAwaiting loads a corpus whose only problems (err, from Load) are
// claims citing keys that the bibliographies being converted bring: its
// claims were written first, citing the citation manager's keys, which is
// the natural order. It loads the corpus with those entries in place, as
// they will be written, and takes them out again, so that the converter
// adds them as new. Any other problem, or a key no input has, returns
// err unchanged.
func loadAwaiting(fsys fs.FS, err error, inputs []string) (*tokumu.Dataset, error) {
	var list yamlcorpus.ErrorList
	if !errors.As(err, &list) {
		return nil, err
	}
	need := map[string]bool{}
	for _, e := range list {
		m := missingSource.FindStringSubmatch(e.Msg)
		if m == nil {
			return nil, err
		}
		need[m[1]] = true
	}
	brought := map[string]*tokumu.Source{}
	for _, name := range inputs {
		data, rerr := os.ReadFile(name)
		if rerr != nil {
			continue
		}
		entries, _, _ := parseBibliography(name, data)
		for _, e := range entries {
			brought[e.Source.ID] = e.Source
		}
	}
	overlay := fstest.MapFS{}
	for k := range need {
		s := brought[k]
		if s == nil {
			return nil, err
		}
		var b bytes.Buffer
		if werr := yamlcorpus.WriteSource(&b, s); werr != nil {
			return nil, err
		}
		overlay[yamlcorpus.SourcePath(s)] = &fstest.MapFile{Data: b.Bytes()}
	}
	if werr := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, werr error) error {
		if werr != nil || d.IsDir() {
			return werr
		}
		b, werr := fs.ReadFile(fsys, p)
		overlay[p] = &fstest.MapFile{Data: b}
		return werr
	}); werr != nil {
		return nil, werr
	}
	ds, lerr := yamlcorpus.Load(overlay)
	if lerr != nil {
		return nil, err
	}
	kept := ds.Sources[:0]
	for _, s := range ds.Sources {
		if !need[s.ID] {
			kept = append(kept, s)
		}
	}
	ds.Sources = kept
	return ds, nil
}

// warnRows adds, at the row each came from, what tokumu check would warn
// of the converted claims once they are in the corpus (ds): a claim graded
// "confirmed by other sources" on one witness, a figure the note calls
// "about", a perspective graded above the identification it is.
func (cv *converter) warnRows(ds *tokumu.Dataset) {
	rows := map[string]string{}
	for _, cs := range cv.claims {
		for _, c := range cs {
			rows[c.ID] = c.Origin
		}
	}
	at := func(id string) (string, int, bool) {
		o, ok := rows[id]
		if !ok {
			return "", 0, false
		}
		i := strings.LastIndexByte(o, ':')
		n, err := strconv.Atoi(o[i+1:])
		return o[:i], n, err == nil
	}
	for _, w := range view.SingleWitness(view.NewAttester(ds.Sources, ds.Claims), ds.Claims) {
		if name, line, ok := at(w.Claim.ID); ok {
			cv.notes.Add(name, line, 0, "warning: graded %s (confirmed by other sources) but it rests on one source: cite the confirming source in the note, or lower the credibility", w.Claim.Grade)
		}
	}
	for _, c := range ds.Claims {
		if name, line, ok := at(c.ID); ok {
			for _, p := range tokumu.WarnClaim(c, cv.source(c.Source)) {
				cv.notes.Add(name, line, 0, "warning: %s", p.Message)
			}
		}
	}
}

func (cv *converter) verify(fsys fs.FS, files map[string][]byte, from map[string]string) error {
	overlay := fstest.MapFS{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || (!strings.HasSuffix(p, ".yaml") && !strings.HasSuffix(p, ".yml")) {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		overlay[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		return err
	}
	for p, b := range files {
		overlay[p] = &fstest.MapFile{Data: b}
	}
	ds, err := yamlcorpus.Load(overlay)
	var list yamlcorpus.ErrorList
	if err == nil {
		cv.warnRows(ds)
		return nil
	}
	if !errors.As(err, &list) {
		return err
	}
	for _, e := range list {
		where := from[e.File]
		if where == "" {
			where = "the corpus"
		}
		cv.errs.Add(e.File, e.Line, e.Col, "%s (converted from %s)", e.Msg, where)
	}
	return nil
}

// write puts the planned files under dir.
func write(dir string, files map[string][]byte) error {
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(full, files[p], 0o644); err != nil {
			return err
		}
	}
	return nil
}

// count writes n with the noun in agreement: "1 claim", "2 claims".
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// sameDir reports whether the paths a and b name one directory.
func sameDir(a, b string) bool {
	sa, err := os.Stat(a)
	if err != nil {
		return false
	}
	sb, err := os.Stat(b)
	return err == nil && os.SameFile(sa, sb)
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
