// Package i18n holds the words of tokumu's interface — the web UI's chrome
// and the CLI's headings and labels — in English, Japanese and Russian.
//
// The messages live in one YAML file per language under messages/, embedded
// in the binary, one key a line, so that adding a string is a one-line edit
// per language (ARCHITECTURE.md, "Interface strings"). A value is either a
// string or, for a message that counts something, a map of CLDR plural
// forms ({one, other} in English, {one, few, many, other} in Russian, a
// plain string in Japanese). Messages are fmt formats: %[1]d, %[2]s; the
// count of a plural message is argument 1. Years and ids go in as strings,
// since numbers are grouped per language (1,226 · 1 226).
//
// The messages are loaded into a golang.org/x/text/message catalogue, whose
// Printer chooses CLDR plural forms and formats numbers per language; x/text
// is already tokumu's library for language matching, so this adds no module.
package i18n

import (
	"embed"
	"fmt"
	"html/template"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"
	"golang.org/x/text/number"
)

//go:embed messages/*.yaml
var files embed.FS

// Langs are the interface's languages, English first (the fallback).
var Langs = []string{"en", "ja", "ru"}

// PluralForms are the CLDR cardinal forms each language's plural messages
// must give, so that a test can insist on all of them.
var PluralForms = map[string][]string{
	"en": {"one", "other"},
	"ja": {"other"},
	"ru": {"one", "few", "many", "other"},
}

// Neutral are the messages that are the same in every language: names of
// formats and standards. Any other message copied from English into
// another language's file is a forgotten translation, and a test says so.
var Neutral = []string{"JSON API", "DOI", "ISBN", "URL"}

// Message is one catalogue entry: Text, or Forms for a plural message.
type Message struct {
	Text  string
	Forms map[string]string
}

// UnmarshalYAML reads a string or a map of plural forms.
func (m *Message) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		m.Text = n.Value
		return nil
	case yaml.MappingNode:
		return n.Decode(&m.Forms)
	}
	return fmt.Errorf("line %d: a message is a string or a map of plural forms (one, few, many, other)", n.Line)
}

// Variants returns the message's texts: its one text, or each plural form.
func (m Message) Variants() []string {
	if m.Forms == nil {
		return []string{m.Text}
	}
	var out []string
	for _, f := range []string{"zero", "one", "two", "few", "many", "other"} {
		if t, ok := m.Forms[f]; ok {
			out = append(out, t)
		}
	}
	return out
}

var (
	// Catalogues are the messages by language and key, as read from the files.
	Catalogues = map[string]map[string]Message{}
	printers   = map[string]*Printer{}
)

func init() {
	b := catalog.NewBuilder(catalog.Fallback(language.English))
	for _, lang := range Langs {
		data, err := files.ReadFile("messages/" + lang + ".yaml")
		if err != nil {
			panic(err)
		}
		m, err := Parse(data)
		if err != nil {
			panic(fmt.Sprintf("web/i18n/messages/%s.yaml: %v", lang, err))
		}
		Catalogues[lang] = m
		tag := language.MustParse(lang)
		for key, msg := range m {
			if msg.Forms == nil {
				if err := b.SetString(tag, key, msg.Text); err != nil {
					panic(err)
				}
				continue
			}
			var cases []any
			for _, f := range []string{"zero", "one", "two", "few", "many", "other"} {
				if t, ok := msg.Forms[f]; ok {
					cases = append(cases, f, t)
				}
			}
			if err := b.Set(tag, key, plural.Selectf(1, "%d", cases...)); err != nil {
				panic(err)
			}
		}
	}
	for _, lang := range Langs {
		p := &Printer{lang: lang, p: message.NewPrinter(language.MustParse(lang), message.Catalog(b)), plain: map[string]string{}}
		for key, m := range Catalogues[lang] {
			if m.Forms == nil && len(Verbs(m.Text)) == 0 {
				p.plain[key] = p.p.Sprintf(key)
			}
		}
		printers[lang] = p
	}
}

// Parse reads one catalogue file.
func Parse(data []byte) (map[string]Message, error) {
	m := map[string]Message{}
	if err := yaml.Unmarshal(data, &m); err != nil {
		return nil, err
	}
	return m, nil
}

// Printer writes messages in one language.
type Printer struct {
	lang string
	p    *message.Printer
	// plain holds the messages without arguments, formatted once: most
	// calls are for them, and x/text's Sprintf costs a catalogue lookup
	// and a parse every time.
	plain map[string]string
}

// For returns the printer of a language of Langs, or English's.
func For(lang string) *Printer {
	if p := printers[lang]; p != nil {
		return p
	}
	return printers["en"]
}

// Lang is the printer's language.
func (p *Printer) Lang() string { return p.lang }

// T returns the message key in the printer's language with args. A key
// missing from the catalogue shows as itself (a test keeps that from
// happening).
func (p *Printer) T(key string, args ...any) string {
	if len(args) == 0 {
		if s, ok := p.plain[key]; ok {
			return s
		}
	}
	return p.p.Sprintf(key, args...)
}

// VocabKey is a word of a corpus's vocabulary (a unit, a tag) as the end
// of a message key: "tanks and armoured cars" → tanks_and_armoured_cars,
// so that unit.<key> and qty.<key> name its words in each language.
func VocabKey(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return r
		}
		return '_'
	}, s)
}

// LastCount is the last whole number of a figure as the corpus writes it
// ("1700–2000" → 2000, "≥4" → 4, "~1000000"), the count whose plural form
// a figure's message takes; 0 when there is none.
func LastCount(fig string) int64 {
	m := digitsRE.FindAllString(fig, -1)
	if len(m) == 0 {
		return 0
	}
	n, _ := strconv.ParseInt(m[len(m)-1], 10, 64)
	return n
}

var digitsRE = regexp.MustCompile(`[0-9]+`)

// Has reports whether the catalogue has the key.
func Has(key string) bool {
	_, ok := Catalogues["en"][key]
	return ok
}

// HTML returns a message with HTML arguments (links) inserted as they are
// and every other argument escaped. The message texts are ours, as
// trusted as the templates; they hold no markup themselves, so the text
// around the arguments is escaped too (by escaping the format's literal
// parts, which keeps its verbs).
func (p *Printer) HTML(key string, args ...any) template.HTML {
	esc := make([]any, len(args))
	const mark = "\x1e" // survives HTML escaping, unlike NUL
	var html []string
	for i, a := range args {
		switch v := a.(type) {
		case template.HTML:
			esc[i] = mark + fmt.Sprint(len(html)) + mark
			html = append(html, string(v))
		case string:
			esc[i] = v
		default:
			esc[i] = a
		}
	}
	s := template.HTMLEscapeString(p.p.Sprintf(key, esc...))
	for i, h := range html {
		s = strings.Replace(s, mark+fmt.Sprint(i)+mark, h, 1)
	}
	return template.HTML(s)
}

// Format is fmt.Sprintf with the language's digits and separators, for a
// number with a format of its own ("%.2f": 1.25, 1,25).
func (p *Printer) Format(format string, args ...any) string { return p.p.Sprintf(format, args...) }

// Num formats a number with the language's grouping (1,226 · 1 226).
// A float is written in full with at most two decimals, never in
// scientific notation (fmt's %v writes 1.3e6 as 1.3×10⁰⁶).
func (p *Printer) Num(n any) string {
	switch v := n.(type) {
	case float64:
		return p.p.Sprint(number.Decimal(v, number.MaxFractionDigits(2)))
	case float32:
		return p.p.Sprint(number.Decimal(v, number.MaxFractionDigits(2)))
	}
	return p.p.Sprint(n)
}

// Keys returns the catalogue's keys, sorted.
func Keys() []string {
	var ks []string
	for k := range Catalogues["en"] {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// verbRE matches a format verb: %d, %s, %[2]s, %.1f, %v; not %%.
var verbRE = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(\.\d+)?[a-zA-Z%]`)

// Verbs lists a text's verbs as "index:verb" (e.g. "1:d"), sorted and
// without repeats, so that two translations can be checked to take the
// same arguments.
func Verbs(text string) []string {
	var out []string
	next := 1
	for _, m := range verbRE.FindAllStringSubmatch(text, -1) {
		v := m[0][len(m[0])-1:]
		if v == "%" {
			continue
		}
		i := next
		if m[1] != "" {
			fmt.Sscanf(m[1], "[%d]", &i)
		}
		next = i + 1
		out = append(out, fmt.Sprintf("%d:%s", i, v))
	}
	sort.Strings(out)
	return slices.Compact(out)
}
