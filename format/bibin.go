package format

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/translit"
)

// The reading side of the bibliography formats, for tokumu convert: a
// Zotero (or any citation manager's) export in CSL-JSON, BibTeX or RIS
// becomes tokumu Sources. Each entry keeps the line it starts on, so that
// problems are reported as file:line.

// BibEntry is one entry read from a bibliography file.
type BibEntry struct {
	Source *tokumu.Source
	Line   int // where the entry starts (1-based)
	// Dropped says, one line a field, what the entry gives that a source
	// has no field for and a citation prints (a translator, a series, a
	// number of volumes), so that the user is told rather than left to
	// find the citation incomplete: "translator "Coox, Alvin D.": a
	// tokumu source has no field for it".
	Dropped []string
}

// droppedFields are the fields, by each format's name, that citation
// styles print and a tokumu.Source has no place for, with what they are.
var droppedFields = map[string]map[string]string{
	"bibtex": {"translator": "translator", "series": "series", "volumes": "number of volumes", "chapter": "chapter",
		"origdate": "date of the original", "origtitle": "title of the original", "maintitle": "title of the multi-volume work",
		"eventtitle": "event", "part": "part"},
	"csljson": {"translator": "translator", "collection-title": "series", "collection-number": "number in the series",
		"number-of-volumes": "number of volumes", "chapter-number": "chapter", "original-date": "date of the original",
		"original-title": "title of the original", "container-author": "author of the container",
		"collection-editor": "series editor", "volume-title": "title of the volume", "event-title": "event",
		"part-number": "part", "genre": "genre (e.g. PhD thesis)", "medium": "medium"},
	"ris": {"A3": "series editor", "A4": "translator", "T3": "series", "NV": "number of volumes", "OP": "original publication",
		"SE": "section or chapter", "M3": "type of work"},
}

// dropped appends to e what the entry's field called name (in format
// f) with value v loses, if it is one of droppedFields.
func (e *BibEntry) dropped(f, name, v string) {
	what, ok := droppedFields[f][name]
	if !ok || strings.TrimSpace(v) == "" {
		return
	}
	if what != name {
		name += " (" + what + ")"
	}
	e.Dropped = append(e.Dropped, fmt.Sprintf("%s %q is not kept: a tokumu source has no field for it, and citations will lack it", name, strings.Join(strings.Fields(v), " ")))
}

// ParseError is a problem at a place in a bibliography file, so that
// tokumu convert can report it as file:line:column as it does a claims
// table's. It unwraps to an EINVALID *tokumu.Error with the same text.
type ParseError struct {
	Line, Col int // 1-based; Col counts characters, 0 if unknown
	Msg       string
}

func (e *ParseError) Error() string {
	if e.Col == 0 {
		return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
	}
	return fmt.Sprintf("line %d, column %d: %s", e.Line, e.Col, e.Msg)
}

func (e *ParseError) Unwrap() error { return tokumu.Errorf(tokumu.EINVALID, "%s", e.Error()) }

// position returns the 1-based line and column (in characters) of byte
// offset off in data.
func position(data []byte, off int) (line, col int) {
	off = min(max(off, 0), len(data))
	line = 1 + bytes.Count(data[:off], []byte("\n"))
	start := bytes.LastIndexByte(data[:off], '\n') + 1
	return line, utf8.RuneCount(data[start:off]) + 1
}

// KindOf guesses a source kind from a CSL type, for entries that come from
// a citation manager, which knows no kinds: a web page is web, a newspaper
// or magazine article press, an encyclopedia entry reference, a manuscript
// archival, a report official, anything else scholarly. The writer of the
// corpus reviews it (it sets the default grade).
func KindOf(cslType string) tokumu.SourceKind {
	switch cslType {
	case "webpage", "post", "post-weblog":
		return tokumu.Web
	case "article-newspaper", "article-magazine":
		return tokumu.Press
	case "entry-encyclopedia", "entry-dictionary", "entry":
		return tokumu.Reference
	case "manuscript":
		return tokumu.Archival
	case "report", "legislation", "legal_case":
		return tokumu.Official
	}
	return tokumu.Scholarly
}

// SourceID turns a citation key into a corpus id ("Coox1985" → "coox1985",
// "coox_nomonhan" → "coox-nomonhan", "Яковкин2007" → "yakovkin2007",
// "Pałasz1996" → "palasz1996"): Cyrillic is first written in Latin letters
// by the BGN/PCGN system, kana by Hepburn, and Latin letters lose their
// accents, so that a Russian or Polish library's keys do not collapse
// into their years. Kanji are dropped: usableKey tells such a key.
func SourceID(key string) string {
	r, _ := romanize(key)
	return tokumu.Slug(r)
}

// latinLetters are the Latin letters that do not decompose into a base
// letter and a mark.
var latinLetters = strings.NewReplacer("ł", "l", "Ł", "L", "ø", "o", "Ø", "O", "đ", "d", "Đ", "D", "ß", "ss",
	"æ", "ae", "Æ", "AE", "œ", "oe", "Œ", "OE", "ı", "i", "þ", "th", "Þ", "Th", "ð", "d", "Ð", "D")

// romanize writes s in ASCII: Cyrillic by BGN/PCGN, kana by modified
// Hepburn, accented Latin letters without their accents. ok is false when
// s has letters of another script (kanji, hangul …), which cannot be
// romanized without a dictionary: a key made from what is left would not
// name the work.
func romanize(s string) (string, bool) {
	s = latinLetters.Replace(translit.Hepburn(translit.BGNSimple(s)))
	var b strings.Builder
	ok := true
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r < unicode.MaxASCII:
			b.WriteRune(r)
		case unicode.IsLetter(r):
			ok = false
		default:
			b.WriteRune(' ')
		}
	}
	return b.String(), ok
}

// stopWords are the title words a key skips, as Better BibTeX skips them.
var stopWords = map[string]bool{"a": true, "an": true, "the": true, "of": true, "and": true, "in": true, "on": true,
	"for": true, "to": true, "at": true, "by": true, "from": true, "with": true, "der": true, "die": true, "das": true,
	"le": true, "la": true, "les": true, "i": true, "v": true, "o": true, "na": true, "po": true}

// titleWords returns the first n words of s's title that are not stop
// words or numbers, romanized and joined by hyphens, or "".
func titleWords(s *tokumu.Source, n int) string {
	r, _ := romanize(s.Title)
	var ws []string
	for _, w := range strings.Split(tokumu.Slug(r), "-") {
		if w != "" && !stopWords[w] && !isDigits(w) && len(ws) < n {
			ws = append(ws, w)
		}
	}
	return strings.Join(ws, "-")
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// makeKey names an entry that comes without a key (RIS without an ID
// line, Zotero's CSL-JSON without Better BibTeX's citation-key): the
// first author's (or editor's) family name romanized and the year,
// "palasz-rutkowska1996", with the first word of the title when that is
// taken in this file or there is no year, "coox1985-nomonhan"; an entry
// without a name by three words of its title and the year,
// "battles-khalkhin-gol". A name
// in kanji cannot be romanized without a dictionary, and a key that left
// it out would name only a year: such an entry gets no key, and the error
// says how to give it one.
func makeKey(s *tokumu.Source, taken map[string]bool) (string, error) {
	year := ""
	if len(s.Issued) >= 4 && isDigits(s.Issued[:4]) {
		year = s.Issued[:4]
	}
	who := s.Authors
	if len(who) == 0 {
		who = s.Editors
	}
	word := titleWords(s, 1)
	name := ""
	if len(who) > 0 {
		n := who[0].Family
		if n == "" {
			n, _, _ = strings.Cut(strings.TrimSpace(who[0].Literal), " ") // an institution: its first word
		}
		r, ok := romanize(n)
		if !ok || tokumu.Slug(r) == "" {
			return "", fmt.Errorf("its first author's name %q cannot be romanized without a dictionary", who[0].String())
		}
		name = tokumu.Slug(r)
	} else if word == "" {
		return "", fmt.Errorf("it names no author or editor, and its title has no word in Latin, Cyrillic or kana")
	}
	key := name + year
	switch {
	case name == "" && year != "":
		key = titleWords(s, 3) + "-" + year
	case name == "":
		key = titleWords(s, 3)
	case (taken[key] || year == "") && word != "":
		key += "-" + word
	}
	for base, c := key, 'b'; taken[key] && c <= 'z'; c++ {
		key = base + string(c)
	}
	return key, nil
}

// referenceHosts are the encyclopedias and dictionaries the corpus cites
// as kind reference (CORPUS.md, "Grades": "Wikipedia, kotobank and other
// encyclopedias are reference"), each with the CSL type of its articles.
// A host matches itself and its subdomains (ja.m.wikipedia.org).
var referenceHosts = map[string]string{
	"wikipedia.org": "entry-encyclopedia", "kotobank.jp": "entry-dictionary", "ruwiki.ru": "entry-encyclopedia",
	"encyclopedia2.thefreedictionary.com": "entry-encyclopedia", // the Great Soviet Encyclopedia
	"pwencycl.kgbudge.com":                "entry-encyclopedia", // the Pacific War Online Encyclopedia
	"encycl.chita.ru":                     "entry-encyclopedia",
	"weblio.jp":                           "entry-dictionary", "dictionary.infoseek.ne.jp": "entry-dictionary",
}

// referenceType returns the CSL type of an article at rawURL if its host
// is one of referenceHosts.
func referenceType(rawURL string) (string, bool) {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil {
		return "", false
	}
	for host := strings.ToLower(u.Hostname()); strings.Contains(host, "."); {
		if t, ok := referenceHosts[host]; ok {
			return t, true
		}
		_, host, _ = strings.Cut(host, ".")
	}
	return "", false
}

func finish(s *tokumu.Source, key string) {
	s.ID = SourceID(key)
	if s.Type == "" {
		s.Type = "book"
	}
	s.Kind = KindOf(s.Type)
	// An article of Wikipedia or another encyclopedia is reference,
	// whatever the citation manager called it (@misc, @online, ELEC),
	// since the kind sets the default grade of every claim that cites
	// it; a generic type becomes the encyclopedia's.
	if t, ok := referenceType(s.URL); ok {
		s.Kind = tokumu.Reference
		switch s.Type {
		case "webpage", "document", "post", "post-weblog", "article", "book":
			s.Type = t
		}
	}
	if tag, ok := languageNames[strings.ToLower(s.Language)]; ok {
		s.Language = tag
	}
}

// usableKey reports whether a citation manager's key can become an id: it
// has letters after romanizing and no kanji ("秦2014" would be "2014"), and
// it is not a Zotero item's URI or library path ("http://zotero.org/users/
// local/…/items/7KD2WQ9M", "123456/7KD2WQ9M"), which only Zotero reads.
func usableKey(key string) bool {
	r, ok := romanize(key)
	return ok && strings.IndexFunc(r, unicode.IsLetter) >= 0 && !strings.ContainsAny(key, "/:")
}

// keyEntries gives each entry whose key is not usable one made by
// makeKey, and refuses the file at the first entry that cannot get one,
// naming it and the fix (noKey).
func keyEntries(entries []BibEntry, keys []string, noKey string) error {
	taken := map[string]bool{}
	for i, e := range entries {
		if usableKey(keys[i]) {
			taken[e.Source.ID] = true
		}
	}
	for i, e := range entries {
		if usableKey(keys[i]) {
			continue
		}
		k, err := makeKey(e.Source, taken)
		if err != nil {
			return &ParseError{Line: e.Line, Col: 1, Msg: fmt.Sprintf("the entry %q has no usable key, and %v: %s", e.Source.Title, err, noKey)}
		}
		e.Source.ID = k
		taken[k] = true
	}
	return nil
}

// languageNames turns the language names citation managers write
// (biblatex's langid, Zotero's free text) into BCP 47 tags.
var languageNames = map[string]string{
	"english": "en", "american": "en-US", "british": "en-GB", "russian": "ru", "japanese": "ja", "chinese": "zh",
	"german": "de", "ngerman": "de", "french": "fr", "polish": "pl", "ukrainian": "uk", "korean": "ko",
	"mongolian": "mn", "italian": "it", "spanish": "es",
	"русский": "ru", "日本語": "ja",
}

// cslItemIn is a CSL-JSON item as read: its dates as they come.
type cslItemIn struct {
	CSLItem
	Issued        json.RawMessage `json:"issued"`
	Accessed      json.RawMessage `json:"accessed"`
	CitationLabel string          `json:"citation-label"`
}

// ParseCSLJSON reads a CSL-JSON array (Zotero's "CSL JSON" export). Each
// entry keeps the line its item starts on; a syntax error is reported at
// its line and column, not at a byte offset.
func ParseCSLJSON(r io.Reader) ([]BibEntry, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	const shape = "(CSL-JSON is an array of items: [{\"id\": …, \"type\": …}])"
	bad := func(off int64, err error) error {
		line, col := position(data, int(off))
		return &ParseError{Line: line, Col: col, Msg: fmt.Sprintf("%v %s", err, shape)}
	}
	// The whole text is checked first: json.Unmarshal reports a syntax
	// error at its byte in the file, where a Decoder that has been
	// stepped through the array may not.
	var probe any
	if err := json.Unmarshal(data, &probe); err != nil {
		var se *json.SyntaxError
		if !errors.As(err, &se) {
			return nil, bad(0, err)
		}
		off := se.Offset - 1 // the offending character
		if strings.Contains(se.Error(), "unexpected end") {
			off = int64(len(bytes.TrimRight(data, " \t\r\n")))
		}
		return nil, bad(off, err)
	}
	if _, ok := probe.([]any); !ok {
		return nil, bad(int64(len(data)-len(bytes.TrimLeft(data, " \t\r\n\ufeff"))), fmt.Errorf("the file is not an array"))
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.Token() // [
	var items []cslItemIn
	var lines []int
	var drops [][][2]string // each item's fields that are dropped: name, value
	for dec.More() {
		off := int(dec.InputOffset())
		for off < len(data) && (data[off] == ',' || data[off] == ' ' || data[off] == '\t' || data[off] == '\n' || data[off] == '\r') {
			off++
		}
		var raw json.RawMessage
		var it cslItemIn
		var fields map[string]any
		err := dec.Decode(&raw)
		if err == nil {
			if err = json.Unmarshal(raw, &fields); err == nil {
				err = json.Unmarshal(raw, &it)
			}
		}
		if err != nil {
			var te *json.UnmarshalTypeError
			if errors.As(err, &te) {
				field := te.Field[strings.LastIndexByte(te.Field, '.')+1:]
				err = fmt.Errorf("in this item, %q is a JSON %s where CSL-JSON has a %s", field, te.Value, te.Type)
			}
			return nil, bad(int64(off), err)
		}
		line, _ := position(data, off)
		items, lines = append(items, it), append(lines, line)
		var drop [][2]string
		for k, v := range fields {
			if _, ok := droppedFields["csljson"][k]; ok {
				drop = append(drop, [2]string{k, cslText(v)})
			}
		}
		sort.Slice(drop, func(i, j int) bool { return drop[i][0] < drop[j][0] })
		drops = append(drops, drop)
	}
	var out []BibEntry
	var keys []string
	for i, it := range items {
		s := &tokumu.Source{Type: it.Type, Authors: it.Author, Editors: it.Editor, Title: it.Title,
			Container: it.ContainerTitle, Publisher: it.Publisher, Place: it.PublisherPlace, Volume: it.Volume,
			Issue: it.CSLItem.Issue, Pages: it.Page, Edition: it.Edition, URL: it.URL, DOI: it.DOI, ISBN: it.ISBN,
			Archive: it.Archive, ArchiveLocation: it.ArchiveLocation, Language: it.Language, Note: it.Note}
		if it.Annote != "" {
			s.Note = it.Annote
		}
		if it.Custom != nil && it.Custom.TitleEn != "" {
			s.TitleEn = it.Custom.TitleEn
			s.Title = strings.TrimSuffix(s.Title, " ["+s.TitleEn+"]")
		}
		s.Issued = cslDateEDTF(it.Issued)
		s.Accessed = cslDateEDTF(it.Accessed)
		// Zotero's own export gives each item its URI as id; Better
		// BibTeX adds the citation key the user cites it by.
		key := it.ID
		if it.CitationKey != "" {
			key = it.CitationKey
		} else if it.CitationLabel != "" {
			key = it.CitationLabel
		}
		finish(s, key)
		keys = append(keys, key)
		out = append(out, BibEntry{Source: s, Line: lines[i]})
	}
	if err := keyEntries(out, keys, `give it "citation-key": "hata2014" (Better BibTeX for Zotero writes one for every item)`); err != nil {
		return nil, err
	}
	for i := range out {
		for _, d := range drops[i] {
			out[i].dropped("csljson", d[0], d[1])
		}
	}
	return out, nil
}

// cslText writes a CSL-JSON value for a message: a string as it is,
// names as "Family, Given", a date by its parts.
func cslText(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case []any:
		var parts []string
		for _, x := range v {
			if m, ok := x.(map[string]any); ok {
				a := tokumu.Agent{}
				a.Family, _ = m["family"].(string)
				a.Given, _ = m["given"].(string)
				a.Literal, _ = m["literal"].(string)
				parts = append(parts, a.String())
			} else {
				parts = append(parts, cslText(x))
			}
		}
		return strings.Join(parts, "; ")
	case map[string]any:
		b, _ := json.Marshal(v)
		if raw := cslDateEDTF(b); raw != "" {
			return raw
		}
		return string(b)
	}
	return fmt.Sprint(v)
}

// cslDateEDTF turns {"date-parts": [[1985, 3]]} into "1985-03".
func cslDateEDTF(raw json.RawMessage) string {
	if len(raw) == 0 {
		return ""
	}
	var d struct {
		DateParts [][]any `json:"date-parts"`
		Literal   string  `json:"literal"`
		Raw       string  `json:"raw"`
	}
	if json.Unmarshal(raw, &d) != nil {
		return ""
	}
	if len(d.DateParts) > 0 && len(d.DateParts[0]) > 0 {
		var parts []string
		for i, p := range d.DateParts[0] {
			var n int
			switch v := p.(type) {
			case float64:
				n = int(v)
			case string:
				n, _ = strconv.Atoi(v)
			}
			if i == 0 {
				parts = append(parts, fmt.Sprintf("%04d", n))
			} else {
				parts = append(parts, fmt.Sprintf("%02d", n))
			}
		}
		return strings.Join(parts, "-")
	}
	if d.Raw != "" {
		return d.Raw
	}
	return d.Literal
}

// ParseBibTeX reads BibTeX or biblatex entries. Braces group, LaTeX's
// escaped specials (\& \% \_ …) are unescaped, @string, @comment and
// @preamble are skipped.
func ParseBibTeX(r io.Reader) ([]BibEntry, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	p := &bibParser{s: string(data), line: 1, macros: map[string]string{}}
	var out []BibEntry
	var keys []string
	for {
		if !p.skipTo('@') {
			if err := keyEntries(out, keys, "write a key of Latin letters after its @type{, e.g. @book{hata2014,"); err != nil {
				return nil, err
			}
			return out, nil
		}
		if p.commented() {
			p.skipTo('\n')
			continue
		}
		start, entryAt := p.line, p.i
		p.i++
		typ := strings.ToLower(p.word())
		p.space()
		if p.i >= len(p.s) || (p.s[p.i] != '{' && p.s[p.i] != '(') {
			return nil, p.errorf("after @%s: expected { to open the entry", typ)
		}
		if typ == "string" {
			if err := p.macro(); err != nil {
				return nil, err
			}
			continue
		}
		if typ == "comment" || typ == "preamble" {
			if _, err := p.braced(); err != nil {
				return nil, err
			}
			continue
		}
		p.i++
		p.space()
		key := p.until(",")
		if p.i >= len(p.s) {
			return nil, p.errorf("entry %s has no fields (a comma must follow the key)", key)
		}
		p.i++
		fields := map[string]string{}
		var lastName string // the last field read, and where its value starts
		var lastAt int
		for {
			p.space()
			if p.i >= len(p.s) {
				return nil, p.errorAt(entryAt, "entry %s is not closed: end it with }", key)
			}
			if p.s[p.i] == '}' || p.s[p.i] == ')' {
				p.i++
				break
			}
			name := strings.ToLower(p.word())
			p.space()
			if name == "" || p.i >= len(p.s) || p.s[p.i] != '=' {
				if next := p.s[p.i:]; strings.HasPrefix(next, "@") && lastName != "" && strings.Contains(fields[lastName], "\n") {
					// A value with one { too many ends at the entry's
					// closing brace, and the next entry starts inside
					// this one: the brace is the problem, not this line.
					return nil, p.errorAt(lastAt, "entry %s (line %d) is not closed before the entry at line %d begins: this value of %s runs over the entry's end, so one of its { is not closed: close it", key, start, p.line, lastName)
				}
				if strings.HasPrefix(p.s[p.i:], "@") {
					return nil, p.errorAt(entryAt, "entry %s is not closed before the entry at line %d begins: end it with }", key, p.line)
				}
				return nil, p.errorf("entry %s (line %d): expected field = {value}, or } to end the entry", key, start)
			}
			p.i++
			p.space()
			lastName, lastAt = name, p.i
			v, err := p.value()
			if err != nil {
				return nil, err
			}
			fields[name] = v
			p.space()
			if p.i < len(p.s) && p.s[p.i] == ',' {
				p.i++
			}
		}
		e := BibEntry{Source: bibSource(typ, key, fields), Line: start}
		names := make([]string, 0, len(fields))
		for k := range fields {
			names = append(names, k)
		}
		sort.Strings(names)
		for _, k := range names {
			e.dropped("bibtex", k, bibText(fields[k]))
		}
		if n := bibText(fields["number"]); n != "" && seriesNumber(e.Source.Type) {
			// A book's number is its number in its series (Leavenworth
			// Papers 2), not an issue: the series is not kept, nor is it.
			e.Source.Issue = ""
			e.Dropped = append(e.Dropped, fmt.Sprintf("number %q (in its series) is not kept: a tokumu source has no field for it, and citations will lack it", n))
		}
		out = append(out, e)
		keys = append(keys, key)
	}
}

type bibParser struct {
	s      string
	i      int
	line   int
	macros map[string]string // @string definitions, by lower-case name
}

// commented reports whether the @ at p.i sits on a line that a % comment
// begins before it, as biber and pandoc read it: "% exported @string
// macros" opens no entry.
func (p *bibParser) commented() bool {
	for j := p.i - 1; j >= 0 && p.s[j] != '\n'; j-- {
		if p.s[j] == '%' && (j == 0 || p.s[j-1] != '\\') {
			return true
		}
	}
	return false
}

// macro reads the body of @string{name = value} and remembers it, so a
// field may name it bare (address = spb) as BibTeX allows.
func (p *bibParser) macro() error {
	p.i++ // the { or (
	p.space()
	name := strings.ToLower(p.word())
	p.space()
	if name == "" || p.i >= len(p.s) || p.s[p.i] != '=' {
		return p.errorf("@string: expected name = {value}")
	}
	p.i++
	v, err := p.value()
	if err != nil {
		return err
	}
	p.space()
	if p.i >= len(p.s) || (p.s[p.i] != '}' && p.s[p.i] != ')') {
		return p.errorf("@string{%s = …}: expected } after the value", name)
	}
	p.i++
	p.macros[name] = v
	return nil
}

// errorf reports a problem at the parser's position.
func (p *bibParser) errorf(format string, args ...any) error {
	return p.errorAt(p.i, format, args...)
}

// errorAt reports a problem at byte offset i.
func (p *bibParser) errorAt(i int, format string, args ...any) error {
	line, col := position([]byte(p.s), i)
	return &ParseError{Line: line, Col: col, Msg: fmt.Sprintf(format, args...)}
}

// entryStart matches a line that opens a BibTeX entry. A field value that
// runs over one has lost its closing brace or quote: the error is then
// reported where the value opens, not where the parser gave up, entries
// later.
var entryStart = regexp.MustCompile(`\n[ \t]*@[A-Za-z]+[ \t]*[{(]`)

func (p *bibParser) adv() {
	if p.s[p.i] == '\n' {
		p.line++
	}
	p.i++
}

func (p *bibParser) skipTo(c byte) bool {
	for p.i < len(p.s) && p.s[p.i] != c {
		p.adv()
	}
	return p.i < len(p.s)
}

func (p *bibParser) space() {
	for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\t' || p.s[p.i] == '\n' || p.s[p.i] == '\r') {
		p.adv()
	}
}

func (p *bibParser) word() string {
	j := p.i
	for p.i < len(p.s) {
		c := p.s[p.i]
		if c == '_' || c == '-' || c == ':' || c == '.' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
			p.i++
			continue
		}
		break
	}
	return p.s[j:p.i]
}

func (p *bibParser) until(stop string) string {
	j := p.i
	for p.i < len(p.s) && !strings.ContainsRune(stop, rune(p.s[p.i])) {
		p.adv()
	}
	return strings.TrimSpace(p.s[j:p.i])
}

// braced reads {…} with nested braces and returns what is inside.
func (p *bibParser) braced() (string, error) {
	open := p.i
	depth := 0
	j := p.i + 1
	for p.i < len(p.s) {
		switch p.s[p.i] {
		case '{', '(':
			if p.s[p.i] == '{' || depth == 0 {
				depth++
			}
		case '}', ')':
			if p.s[p.i] == '}' || depth == 1 {
				depth--
			}
			if depth == 0 {
				v := p.s[j:p.i]
				p.i++
				return v, nil
			}
		case '\\':
			p.i++ // an escaped brace does not count
		}
		p.adv()
	}
	if loc := entryStart.FindStringIndex(p.s[j:]); loc != nil {
		return "", p.errorAt(open, "this { is not closed before the entry at line %d begins: close it", p.lineOf(j+loc[0]+1))
	}
	return "", p.errorAt(open, "this { is never closed: close it")
}

// lineOf returns the line of byte offset i.
func (p *bibParser) lineOf(i int) int {
	line, _ := position([]byte(p.s), i)
	return line
}

// value reads {…}, "…", a number or a @string name, joined by #.
func (p *bibParser) value() (string, error) {
	var b strings.Builder
	for {
		p.space()
		if p.i >= len(p.s) {
			return "", p.errorf("a field value is missing")
		}
		switch c := p.s[p.i]; {
		case c == '{':
			open := p.i
			v, err := p.braced()
			if err != nil {
				return "", err
			}
			if loc := entryStart.FindStringIndex(v); loc != nil {
				return "", p.errorAt(open, "this { is not closed before the entry at line %d begins: close it", p.lineOf(open+1+loc[0]+1))
			}
			b.WriteString(v)
		case c == '"':
			open := p.i
			p.i++
			j := p.i
			depth := 0
			for p.i < len(p.s) && (p.s[p.i] != '"' || depth > 0) {
				if p.s[p.i] == '{' {
					depth++
				} else if p.s[p.i] == '}' {
					depth--
				}
				p.adv()
			}
			if loc := entryStart.FindStringIndex(p.s[j:p.i]); loc != nil {
				return "", p.errorAt(open, "this \" is not closed before the entry at line %d begins: close it", p.lineOf(j+loc[0]+1))
			}
			if p.i >= len(p.s) {
				return "", p.errorAt(open, "this \" is never closed: close it")
			}
			b.WriteString(p.s[j:p.i])
			p.i++
		default:
			w := p.word()
			if w == "" {
				return "", p.errorf("expected a value in braces, in quotes, a number or a @string name, found %q", p.s[p.i])
			}
			if m, ok := p.macros[strings.ToLower(w)]; ok {
				w = m
			} else if m, ok := months[strings.ToLower(w)]; ok {
				w = m
			}
			b.WriteString(w)
		}
		p.space()
		if p.i < len(p.s) && p.s[p.i] == '#' {
			p.i++
			continue
		}
		return b.String(), nil
	}
}

// months are BibTeX's predefined month macros, as the numbers biblatex
// and CSL dates use.
var months = map[string]string{"jan": "1", "feb": "2", "mar": "3", "apr": "4", "may": "5", "jun": "6",
	"jul": "7", "aug": "8", "sep": "9", "oct": "10", "nov": "11", "dec": "12"}

var latexUnescape = strings.NewReplacer(`\&`, "&", `\%`, "%", `\$`, "$", `\#`, "#", `\_`, "_", `\{`, "{", `\}`, "}",
	`\textasciitilde{}`, "~", `\textasciicircum{}`, "^", `\textbackslash{}`, `\`, "---", "—", "--", "–")

// texAccent matches TeX's accent commands: \={o}, \'e, \"{u}, \v c …
var texAccent = regexp.MustCompile(`\\([` + "`" + `'^"~=.uvHckdbr])\s*(?:\{\s*(\\?[A-Za-z])\s*\}|(\\?[A-Za-z]))`)

// accents are the combining marks of TeX's accent commands.
var accents = map[string]rune{"`": '\u0300', "'": '\u0301', "^": '\u0302', "~": '\u0303', "=": '\u0304', "u": '\u0306',
	".": '\u0307', `"`: '\u0308', "r": '\u030A', "H": '\u030B', "v": '\u030C', "d": '\u0323', "c": '\u0327',
	"k": '\u0328', "b": '\u0331'}

// texLetters are TeX's commands for letters outside ASCII.
var texLetters = strings.NewReplacer(`{\ss}`, "ß", `\ss{}`, "ß", `{\l}`, "ł", `{\L}`, "Ł", `{\o}`, "ø", `{\O}`, "Ø",
	`{\aa}`, "å", `{\AA}`, "Å", `{\ae}`, "æ", `{\AE}`, "Æ", `{\oe}`, "œ", `{\OE}`, "Œ", `{\i}`, "ı", `\i{}`, "ı",
	`\l{}`, "ł", `\L{}`, "Ł", `\o{}`, "ø", `\O{}`, "Ø")

// detex writes TeX's accented and special letters as the Unicode letters
// they stand for (Sh\={o}wa → Shōwa), composed (NFC), as pandoc reads them.
func detex(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	s = texLetters.Replace(s)
	s = texAccent.ReplaceAllStringFunc(s, func(m string) string {
		g := texAccent.FindStringSubmatch(m)
		letter := g[2] + g[3]
		if letter == `\i` || letter == `\j` {
			letter = letter[1:] // \'{\i}: the dotless i takes the accent
		}
		if strings.HasPrefix(letter, `\`) {
			return m
		}
		return norm.NFC.String(letter + string(accents[g[1]]))
	})
	return s
}

// bibText removes grouping braces and unescapes LaTeX specials.
func bibText(s string) string {
	s = detex(latexUnescape.Replace(s))
	s = strings.Map(func(r rune) rune {
		if r == '{' || r == '}' {
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

var andSplit = regexp.MustCompile(`\s+and\s+`)

// bibAgents splits "Coox, Alvin D. and {Japan Defense Agency}" at top-level
// "and"s; a braced name is an institution (literal).
func bibAgents(s string) []tokumu.Agent {
	var parts []string
	depth, last := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '{':
			depth++
		case '}':
			depth--
		}
		if depth == 0 {
			if loc := andSplit.FindStringIndex(s[i:]); loc != nil && loc[0] == 0 && i > last {
				parts = append(parts, s[last:i])
				last = i + loc[1]
				i = last - 1
			}
		}
	}
	parts = append(parts, s[last:])
	var out []tokumu.Agent
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if strings.HasPrefix(p, "{") && strings.HasSuffix(p, "}") && !strings.Contains(p[1:len(p)-1], "{") {
			out = append(out, tokumu.Agent{Literal: bibText(p)})
			continue
		}
		out = append(out, splitName(bibText(p)))
	}
	return out
}

// risName reads a RIS name: "Family, Given" (the RIS form for a person),
// or a name without a comma, which is how Zotero writes a creator of one
// field — an institution, "Wikipedia contributors" — and is kept whole.
func risName(s string) tokumu.Agent {
	if strings.Contains(s, ",") {
		return splitName(s)
	}
	return tokumu.Agent{Literal: strings.TrimSpace(s)}
}

// splitName reads "Family, Given" or "Given Family".
func splitName(s string) tokumu.Agent {
	if fam, giv, ok := strings.Cut(s, ","); ok {
		return tokumu.Agent{Family: strings.TrimSpace(fam), Given: strings.TrimSpace(giv)}
	}
	words := strings.Fields(s)
	if len(words) < 2 {
		return tokumu.Agent{Family: s}
	}
	// The family name is the last word and any lower-case particles
	// before it, as BibTeX reads "Mark von Hagen" (von Hagen, Mark).
	f := len(words) - 1
	for f > 1 && startsLower(words[f-1]) {
		f--
	}
	return tokumu.Agent{Family: strings.Join(words[f:], " "), Given: strings.Join(words[:f], " ")}
}

func startsLower(w string) bool {
	for _, r := range w {
		return unicode.IsLower(r)
	}
	return false
}

var bibToCSL = map[string]string{
	"article": "article-journal", "book": "book", "incollection": "chapter", "inbook": "chapter",
	"techreport": "report", "report": "report", "phdthesis": "thesis", "mastersthesis": "thesis", "thesis": "thesis",
	"unpublished": "manuscript", "inproceedings": "paper-conference", "online": "webpage", "misc": "document",
	"inreference": "entry-encyclopedia", "reference": "book", "mvreference": "book", "www": "webpage",
}

func bibSource(typ, key string, f map[string]string) *tokumu.Source {
	s := &tokumu.Source{Type: bibToCSL[typ], Title: bibText(f["title"]), Publisher: bibText(f["publisher"]),
		Place: bibText(f["address"] + f["location"]), Volume: bibText(f["volume"]), Issue: bibText(f["number"]),
		Pages: bibText(f["pages"]), Edition: bibText(f["edition"]), URL: strings.TrimSpace(f["url"]),
		DOI: strings.TrimSpace(f["doi"]), ISBN: bibText(f["isbn"]), Language: bibText(f["langid"] + f["language"]),
		Note: bibText(f["note"]), Accessed: strings.TrimSpace(f["urldate"]),
		// Zotero's BibTeX and Better BibTeX write an item's archive and
		// its place there (fond, opis, delo) under CSL's names.
		Archive: bibText(f["archive"]), ArchiveLocation: bibText(f["archive_location"] + f["archivelocation"])}
	// @misc with type = {manuscript}: the type of work, where it names a
	// CSL type, says more than @misc.
	if t := strings.ToLower(bibText(f["type"])); s.Type == "document" && slices.Contains(tokumu.CSLTypes, t) {
		s.Type = t
	}
	if sub := bibText(f["subtitle"]); sub != "" { // biblatex splits what a source keeps as one title
		s.Title += ": " + sub
	}
	// tokumu's own export puts the editors' note in annotation (annote in
	// BibTeX), which styles do not print, and a translated title in
	// brackets in titleaddon.
	if n := bibText(f["annotation"] + f["annote"]); n != "" {
		s.Note = n
	} else if s.Note == strings.TrimSpace(s.Archive+" "+s.ArchiveLocation) {
		s.Note = "" // tokumu's export: the archive again, for styles to print
	}
	if t := bibText(f["titleaddon"]); strings.HasPrefix(t, "[") && strings.HasSuffix(t, "]") {
		s.TitleEn = strings.TrimSpace(t[1 : len(t)-1])
	}
	if s.Type == "" {
		s.Type = "document"
	}
	s.Authors = bibAgents(f["author"])
	s.Editors = bibAgents(f["editor"])
	for _, k := range []string{"journal", "journaltitle", "booktitle", "howpublished"} {
		if v := bibText(f[k]); v != "" && s.Container == "" {
			s.Container = v
		}
	}
	if s.Type == "webpage" && s.Container == "" {
		s.Container = bibText(f["organization"]) // the site, as biblatex's @online names it
	}
	if s.Publisher == "" {
		s.Publisher = bibText(f["institution"] + f["school"])
	}
	if d := strings.TrimSpace(f["date"]); d != "" {
		s.Issued = d
	} else if y := strings.TrimSpace(f["year"]); y != "" {
		s.Issued = y
		if m, err := strconv.Atoi(strings.TrimSpace(f["month"])); err == nil && m >= 1 && m <= 12 {
			s.Issued = fmt.Sprintf("%s-%02d", y, m)
		}
	}
	finish(s, key)
	// An item held in an archive is archival material, whatever generic
	// type the citation manager gave it.
	if (s.Archive != "" || s.ArchiveLocation != "") && (s.Type == "document" || s.Type == "manuscript") && s.Kind == tokumu.Scholarly {
		s.Kind = tokumu.Archival
	}
	return s
}

// risDatePat matches RIS's date, YYYY/MM/DD/other, where any part after
// the year may be empty ("1973/07//", "2026/11/30/"); some writers use
// hyphens.
var risDatePat = regexp.MustCompile(`^(\d{4})(?:[/-](\d{1,2})?(?:[/-](\d{1,2})?(?:/.*)?)?)?$`)

// risDate turns a RIS date into ISO 8601 (1973-07, 2026-11-30); what is
// not one is returned as written, for the loader to refuse with a fix.
func risDate(v string) string {
	m := risDatePat.FindStringSubmatch(strings.TrimSpace(v))
	if m == nil {
		return strings.TrimSpace(v)
	}
	d := m[1]
	for _, part := range m[2:] {
		if part == "" {
			break
		}
		if len(part) == 1 {
			part = "0" + part
		}
		d += "-" + part
	}
	return d
}

// ParseRIS reads RIS references: "TAG  - value" lines from TY to ER.
func ParseRIS(r io.Reader) ([]BibEntry, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	var out []BibEntry
	var keys []string
	var ris [][][2]string // each entry's fields that are dropped: tag, value
	var drops [][2]string
	var cur *tokumu.Source
	var key string
	var start int
	var sp, ep string
	line := 0
	for sc.Scan() {
		line++
		l := strings.TrimRight(strings.TrimPrefix(sc.Text(), "\ufeff"), "\r ")
		if strings.TrimSpace(l) == "" {
			continue
		}
		if len(l) < 5 || l[2:5] != "  -" {
			return nil, &ParseError{Line: line, Col: 1, Msg: fmt.Sprintf("%q is not a RIS line (write TAG  - value, e.g. \"AU  - Coox, Alvin D.\")", l)}
		}
		tag, v := l[:2], ""
		if len(l) > 6 {
			v = strings.TrimSpace(l[6:])
		}
		if tag == "TY" {
			if cur != nil {
				return nil, &ParseError{Line: line, Col: 1, Msg: fmt.Sprintf("TY before the ER that ends the reference of line %d: add ER  - before it", start)}
			}
			cur, key, start, sp, ep, drops = &tokumu.Source{Type: RISType(v)}, "", line, "", "", nil
			if cur.Type == "" {
				cur.Type = "document"
			}
			continue
		}
		if cur == nil {
			return nil, &ParseError{Line: line, Col: 1, Msg: fmt.Sprintf("%s outside a reference (a reference starts with TY  - and ends with ER  -)", tag)}
		}
		switch tag {
		case "ER":
			if sp != "" && ep != "" {
				cur.Pages = sp + "–" + ep
			} else {
				cur.Pages = sp + ep
			}
			finish(cur, key)
			out = append(out, BibEntry{Source: cur, Line: start})
			keys = append(keys, key)
			ris = append(ris, drops)
			cur = nil
		case "ID":
			key = v
		case "AU", "A1":
			cur.Authors = append(cur.Authors, risName(v))
		case "A2", "ED":
			cur.Editors = append(cur.Editors, risName(v))
		case "TI", "T1":
			cur.Title = v
		case "TT":
			cur.TitleEn = v
		case "T2", "JO", "JF", "BT":
			if cur.Container == "" {
				cur.Container = v
			}
		case "PB":
			cur.Publisher = v
		case "CY":
			cur.Place = v
		case "PY", "Y1", "DA":
			// PY, Y1 and DA may all give the date; the most precise wins,
			// whatever their order.
			if d := risDate(v); len(d) > len(cur.Issued) {
				cur.Issued = d
			}
		case "VL":
			cur.Volume = v
		case "IS":
			cur.Issue = v
		case "SP":
			sp = v
		case "EP":
			ep = v
		case "ET":
			cur.Edition = v
		case "UR":
			cur.URL = v
		case "DO":
			cur.DOI = v
		case "SN":
			cur.ISBN = v
		case "AN":
			cur.ArchiveLocation = v
		case "DB":
			cur.Archive = v
		case "Y2":
			cur.Accessed = risDate(v)
		case "LA":
			cur.Language = v
		case "N1":
			cur.Note = v
		default:
			if _, ok := droppedFields["ris"][tag]; ok && v != "" {
				drops = append(drops, [2]string{tag, v})
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if cur != nil {
		return nil, &ParseError{Line: start, Col: 1, Msg: "the reference that starts here has no ER  - line to end it"}
	}
	if err := keyEntries(out, keys, `add a line "ID  - hata2014" after its TY line`); err != nil {
		return nil, err
	}
	for i := range out { // after keyEntries, so that the messages name the key
		for _, d := range ris[i] {
			out[i].dropped("ris", d[0], d[1])
		}
	}
	return out, nil
}

// seriesNumber reports whether BibTeX's number field of an entry of CSL
// type t is its number in a series (a book, a chapter, a paper in
// proceedings) rather than an issue or a report's number.
func seriesNumber(t string) bool {
	switch t {
	case "book", "chapter", "paper-conference", "entry-encyclopedia", "thesis":
		return true
	}
	return false
}
