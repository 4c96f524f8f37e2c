package yamlcorpus

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/tokumu/tokumu"
	"go.yaml.in/yaml/v3"
)

// The writer is the loader's inverse: what Write puts on disk, Load reads
// back to the same Dataset (apart from Origin and Hash). Output is
// deterministic — fields in the loader's order, maps by key, one file an
// entity at entities/<type>/<id>.yaml — so that a database or a release
// written out twice gives the same bytes and a git diff shows only edits.
//
// Every claim is written with the grade that loads back to its effective
// grade (tokumu.WrittenGrade): nothing where that is its source's default,
// the credibility alone where the reliability is the source's, so that a
// corpus written from a store (which keeps only effective grades) loads
// with the grades it had and still follows a source corrected later; an
// id is written only where it is not the one the loader derives.

// Sources finds a claim's source, for its written grade; nil, or a nil
// result, writes the effective grade whole.
type Sources func(id string) *tokumu.Source

// EntityPath is where Write puts entity e.
func EntityPath(e *tokumu.Entity) string {
	return "entities/" + string(e.Type) + "/" + e.ID + ".yaml"
}

// SourcePath is where Write puts source s.
func SourcePath(s *tokumu.Source) string { return "sources/" + s.ID + ".yaml" }

// VocabularyPath is where Write puts the vocabulary, in one file so that
// its order is kept.
const VocabularyPath = "vocabulary/vocabulary.yaml"

// SettingsPath is where Write puts the settings.
const SettingsPath = "settings.yaml"

// Write writes ds as a corpus under dir, which must be empty or not exist.
func Write(dir string, ds *tokumu.Dataset) error {
	if ents, err := os.ReadDir(dir); err == nil && len(ents) > 0 {
		return tokumu.Errorf(tokumu.EINVALID, "%s is not empty: write a corpus into a new or empty directory", dir)
	}
	put := func(p string, f func(io.Writer) error) error {
		var b bytes.Buffer
		if err := f(&b); err != nil {
			return err
		}
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return err
		}
		return os.WriteFile(full, b.Bytes(), 0o644)
	}
	if err := put(VocabularyPath, func(w io.Writer) error { return WriteVocabulary(w, ds.Predicates) }); err != nil {
		return err
	}
	if !ds.Settings.IsZero() {
		if err := put(SettingsPath, func(w io.Writer) error { return WriteSettings(w, &ds.Settings) }); err != nil {
			return err
		}
	}
	for _, s := range ds.Sources {
		if err := put(SourcePath(s), func(w io.Writer) error { return WriteSource(w, s) }); err != nil {
			return err
		}
	}
	bySubject := make(map[string][]*tokumu.Claim, len(ds.Entities))
	for _, c := range ds.Claims {
		bySubject[c.Subject] = append(bySubject[c.Subject], c)
	}
	srcs := make(map[string]*tokumu.Source, len(ds.Sources))
	for _, s := range ds.Sources {
		srcs[s.ID] = s
	}
	lookup := func(id string) *tokumu.Source { return srcs[id] }
	for _, e := range ds.Entities {
		if err := put(EntityPath(e), func(w io.Writer) error { return WriteEntity(w, e, bySubject[e.ID], lookup) }); err != nil {
			return err
		}
	}
	return nil
}

// node builders

func scalar(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }

func mapping(flow bool) *yaml.Node {
	n := &yaml.Node{Kind: yaml.MappingNode}
	if flow {
		n.Style = yaml.FlowStyle
	}
	return n
}

func seq(flow bool) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode}
	if flow {
		n.Style = yaml.FlowStyle
	}
	return n
}

func set(m *yaml.Node, k string, v *yaml.Node) { m.Content = append(m.Content, scalar(k), v) }

func setStr(m *yaml.Node, k, v string) {
	if v != "" {
		set(m, k, scalar(v))
	}
}

func strList(ss []string) *yaml.Node {
	n := seq(true)
	for _, s := range ss {
		n.Content = append(n.Content, scalar(s))
	}
	return n
}

func langMap(m map[string]string) *yaml.Node {
	n := mapping(false)
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		set(n, k, scalar(m[k]))
	}
	return n
}

func encode(w io.Writer, n *yaml.Node) error {
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(n); err != nil {
		return err
	}
	return enc.Close()
}

func whenText(w tokumu.When) string {
	if w.Text != "" {
		return w.Text
	}
	return w.EDTF
}

// WriteVocabulary writes the predicates as a vocabulary file.
func WriteVocabulary(w io.Writer, preds []*tokumu.Predicate) error {
	list := seq(false)
	for _, p := range preds {
		m := mapping(false)
		setStr(m, "id", p.ID)
		if len(p.Label) > 0 {
			set(m, "label", langMap(p.Label))
		}
		if len(p.Inverse) > 0 {
			set(m, "inverse", langMap(p.Inverse))
		}
		types := func(ts []tokumu.EntityType) *yaml.Node {
			ss := make([]string, len(ts))
			for i, t := range ts {
				ss[i] = string(t)
			}
			return strList(ss)
		}
		set(m, "domain", types(p.Domain))
		if p.Literal != "" {
			setStr(m, "range", string(p.Literal))
		} else {
			set(m, "range", types(p.Range))
		}
		if p.Hierarchy {
			set(m, "hierarchy", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"})
		}
		if len(p.Roles) > 0 {
			ss := make([]string, len(p.Roles))
			for i, r := range p.Roles {
				ss[i] = string(r)
			}
			set(m, "roles", strList(ss))
		}
		list.Content = append(list.Content, m)
	}
	root := mapping(false)
	set(root, "predicates", list)
	return encode(w, root)
}

// WriteSettings writes settings.yaml.
func WriteSettings(w io.Writer, s *tokumu.Settings) error {
	root := mapping(false)
	year := func(y int) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(y)} }
	if s.StructureRoot != "" || s.StructureDate != "" || s.StructureCompare != "" {
		m := mapping(true)
		setStr(m, "root", s.StructureRoot)
		setStr(m, "date", s.StructureDate)
		setStr(m, "compare", s.StructureCompare)
		set(root, "structure", m)
	}
	pair := func(key string, a, b int, ka, kb string) {
		if a == 0 && b == 0 {
			return
		}
		m := mapping(true)
		if a != 0 {
			set(m, ka, year(a))
		}
		if b != 0 {
			set(m, kb, year(b))
		}
		set(root, key, m)
	}
	pair("timeline", s.TimelineFrom, s.TimelineTo, "from", "to")
	if s.MapYear != 0 {
		m := mapping(true)
		set(m, "year", year(s.MapYear))
		set(root, "map", m)
	}
	pair("network", s.NetworkFrom, s.NetworkTo, "from", "to")
	setStr(root, "repository", s.Repository)
	if s.Title != "" || len(s.Editors) > 0 || s.URL != "" {
		m := mapping(false)
		setStr(m, "title", s.Title)
		if len(s.Editors) > 0 {
			eds := seq(true)
			for _, e := range s.Editors {
				eds.Content = append(eds.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: e})
			}
			set(m, "editors", eds)
		}
		setStr(m, "url", s.URL)
		set(root, "citation", m)
	}
	return encode(w, root)
}

func agentList(as []tokumu.Agent) *yaml.Node {
	n := seq(false)
	for _, a := range as {
		m := mapping(true)
		setStr(m, "family", a.Family)
		setStr(m, "given", a.Given)
		setStr(m, "literal", a.Literal)
		n.Content = append(n.Content, m)
	}
	return n
}

// WriteSource writes one bibliography entry.
func WriteSource(w io.Writer, s *tokumu.Source) error {
	m := mapping(false)
	setStr(m, "id", s.ID)
	setStr(m, "kind", string(s.Kind))
	setStr(m, "type", s.Type)
	if len(s.Authors) > 0 {
		set(m, "author", agentList(s.Authors))
	}
	if len(s.Editors) > 0 {
		set(m, "editor", agentList(s.Editors))
	}
	for _, kv := range [][2]string{{"title", s.Title}, {"title_en", s.TitleEn}, {"container", s.Container},
		{"publisher", s.Publisher}, {"place", s.Place}, {"issued", s.Issued}, {"volume", s.Volume},
		{"issue", s.Issue}, {"pages", s.Pages}, {"edition", s.Edition}, {"url", s.URL}, {"doi", s.DOI},
		{"isbn", s.ISBN}, {"archive", s.Archive}, {"archive_location", s.ArchiveLocation},
		{"accessed", s.Accessed}, {"language", s.Language}} {
		setStr(m, kv[0], kv[1])
	}
	if s.Reliability != 0 {
		setStr(m, "reliability", string(s.Reliability))
	}
	if len(s.DerivedFrom) > 0 {
		set(m, "derived_from", strList(s.DerivedFrom))
	}
	setStr(m, "note", s.Note)
	return encode(w, m)
}

// WriteEntity writes an entity with its claims (those whose subject it is),
// each claim's grade as written against its source (src).
func WriteEntity(w io.Writer, e *tokumu.Entity, claims []*tokumu.Claim, src Sources) error {
	m := mapping(false)
	setStr(m, "id", e.ID)
	setStr(m, "type", string(e.Type))
	names := seq(false)
	for _, n := range e.Names {
		nm := mapping(true)
		setStr(nm, "text", n.Text)
		setStr(nm, "lang", n.Lang)
		if n.Kind != defaultNameKind(n.Lang) {
			setStr(nm, "kind", string(n.Kind))
		}
		setStr(nm, "when", whenText(n.When))
		setStr(nm, "source", n.Source)
		names.Content = append(names.Content, nm)
	}
	set(m, "names", names)
	if len(e.Summary) > 0 {
		set(m, "summary", langMap(e.Summary))
	}
	if len(e.Tags) > 0 {
		set(m, "tags", strList(e.Tags))
	}
	if len(claims) > 0 {
		cs := seq(false)
		for _, c := range claims {
			cs.Content = append(cs.Content, claimNode(c, src))
		}
		set(m, "claims", cs)
	}
	return encode(w, m)
}

func claimNode(c *tokumu.Claim, src Sources) *yaml.Node {
	m := mapping(false)
	if c.ID != "" && c.ID != tokumu.DeriveClaimID(c) {
		setStr(m, "id", c.ID)
	}
	for _, kv := range [][2]string{{"p", c.Predicate}, {"o", c.Object}, {"v", c.Value}, {"unit", c.Unit},
		{"role", c.Role}, {"lang", c.Lang}, {"when", whenText(c.When)}, {"where", c.Where}, {"source", c.Source},
		{"loc", c.Locator}} {
		setStr(m, kv[0], kv[1])
	}
	g := c.Grade
	if src != nil {
		if s := src(c.Source); s != nil {
			g = tokumu.WrittenGrade(s, g)
		}
	}
	setStr(m, "grade", g.String())
	setStr(m, "by", c.Perspective)
	setStr(m, "planted_by", c.PlantedBy)
	if !c.NamedAs.IsZero() {
		n := mapping(true)
		setStr(n, "subject", c.NamedAs.Subject)
		setStr(n, "o", c.NamedAs.Object)
		setStr(n, "by", c.NamedAs.Perspective)
		setStr(n, "words", c.NamedAs.Words)
		set(m, "named_as", n)
	}
	setStr(m, "note", c.Note)
	if len(c.SupportedBy) > 0 {
		set(m, "supported_by", strList(c.SupportedBy))
	}
	if len(c.ComplicatedBy) > 0 {
		set(m, "complicated_by", strList(c.ComplicatedBy))
	}
	return m
}

// AppendClaims adds claims to an entity file as written by hand, keeping
// its text: each claim becomes one flow-style line ("  - {p: …, o: …}")
// at the end of the file's claims list, so that a git diff shows only the
// added lines. It needs the claims list to be the file's last field (as
// in every file of the embedded corpus) or absent; otherwise it returns
// ok false and the caller writes the entity whole with WriteEntity.
func AppendClaims(orig []byte, claims []*tokumu.Claim, src Sources) (out []byte, ok bool) {
	var doc yaml.Node
	if yaml.Unmarshal(orig, &doc) != nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, false
	}
	root := doc.Content[0]
	indent := "  "
	var b bytes.Buffer
	b.Write(orig)
	if len(orig) > 0 && orig[len(orig)-1] != '\n' {
		b.WriteByte('\n')
	}
	n := len(root.Content)
	switch {
	case n >= 2 && root.Content[n-2].Value == "claims":
		seq := root.Content[n-1]
		if seq.Kind != yaml.SequenceNode || seq.Style&yaml.FlowStyle != 0 || len(seq.Content) == 0 {
			return nil, false
		}
		if col := seq.Content[0].Column; col >= 3 {
			indent = strings.Repeat(" ", col-3)
		}
	case hasKey(root, "claims"):
		return nil, false
	default:
		b.WriteString("claims:\n")
	}
	for _, c := range claims {
		cn := claimNode(c, src)
		cn.Style = yaml.FlowStyle
		line, err := yaml.Marshal(cn)
		if err != nil || bytes.Count(line, []byte("\n")) != 1 {
			return nil, false
		}
		b.WriteString(indent + "- ")
		b.Write(line)
	}
	return b.Bytes(), true
}

func hasKey(m *yaml.Node, k string) bool {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == k {
			return true
		}
	}
	return false
}
