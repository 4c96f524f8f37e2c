package view

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/gob"
	"fmt"
	"hash/crc32"
	"slices"
	"sort"
	"strconv"
	"sync"

	"github.com/tokumu/tokumu"
)

// The corpus read model is kept with the database, as the search index
// is, so that a starting server decodes it instead of rebuilding it: at
// 1M claims LoadCorpus reads 100k entities with their names and the
// claims of eight roles (2.5 s, most of a cold start), while decoding the
// stored model takes a fraction of that. The store keeps it in its blob
// table under CorpusBlobName with CorpusBlobKey; the SQLite store drops
// every blob in the transaction of an edit, and the key names the head
// revision as well, so a model built before an edit is never decoded
// after it. A store without blobs (PostgreSQL, memstore) is read as
// before.
//
// The encoding is encoding/gob of flat columns (strings and numbers, with
// offsets for lists), which gob reads without reflection per element, as
// the search index does; maps are written as sorted slices so that the
// same model always encodes to the same bytes. What is cheap to read and
// small (vocabulary, settings, bibliography, counts) is read from the
// store, not stored twice.

// CorpusBlobName is the name of the stored corpus read model.
const CorpusBlobName = "corpus"

// corpusVersion is the layout of the stored model and of what LoadCorpus
// derives (periods, events, places): bump it when either changes, or a
// model stored by an older build would be served in place of the new
// derivation. TestStoredCorpusVersion fails until it is bumped.
const corpusVersion = 4

// CorpusVersion is the layout of the stored model this build writes and reads.
func CorpusVersion() int { return corpusVersion }

// CorpusBlobKey is the key of the stored read model of the content with
// this hash at head revision rev.
func CorpusBlobKey(hash string, rev int64) string {
	return "v" + strconv.Itoa(corpusVersion) + ":" + hash + ":r" + strconv.FormatInt(rev, 10)
}

// BlobStore is a store that keeps derived data beside its content (the
// SQLite store's blob table).
type BlobStore interface {
	Blob(ctx context.Context, name, key string) (data []byte, ok bool, err error)
}

// LoadCorpusStored returns the read model stored with st for its current
// content and revision, decoded, or, when st keeps none, or one for other
// content, or one that does not decode, LoadCorpus's. stored reports which.
func LoadCorpusStored(ctx context.Context, st tokumu.Store) (c *Corpus, stored bool, err error) {
	if bs, ok := st.(BlobStore); ok {
		if c, err := loadStored(ctx, st, bs); err == nil && c != nil {
			return c, true, nil
		}
	}
	c, err = LoadCorpus(ctx, st)
	return c, false, err
}

// loadStored returns nil without an error when there is no stored model.
func loadStored(ctx context.Context, st tokumu.Store, bs BlobStore) (*Corpus, error) {
	hash, err := st.Hash(ctx)
	if err != nil || hash == "" {
		return nil, err
	}
	rev, err := tokumu.HeadRevision(ctx, st)
	if err != nil {
		return nil, err
	}
	data, ok, err := bs.Blob(ctx, CorpusBlobName, CorpusBlobKey(hash, rev))
	if err != nil || !ok {
		return nil, err
	}
	// The small parts come from the store, beside the decoding.
	c := &Corpus{}
	var wg sync.WaitGroup
	var errSmall error
	wg.Add(1)
	go func() {
		defer wg.Done()
		errSmall = c.loadSmall(ctx, st)
	}()
	errDec := c.decode(data)
	wg.Wait()
	if errDec != nil {
		return nil, errDec
	}
	if errSmall != nil {
		return nil, errSmall
	}
	return c, nil
}

// loadSmall reads what LoadCorpus reads and the stored model leaves out:
// the vocabulary, the settings, the bibliography and the counts.
func (c *Corpus) loadSmall(ctx context.Context, st tokumu.Store) error {
	preds, err := st.Predicates(ctx)
	if err != nil {
		return fmt.Errorf("loading predicates: %w", err)
	}
	if c.Vocab, err = tokumu.NewVocab(preds); err != nil {
		return err
	}
	set, err := st.Settings(ctx)
	if err != nil {
		return fmt.Errorf("loading settings: %w", err)
	}
	c.Settings = *set
	if c.SourceList, err = st.Sources(ctx); err != nil {
		return fmt.Errorf("loading sources: %w", err)
	}
	c.Sources = make(map[string]*tokumu.Source, len(c.SourceList))
	for _, s := range c.SourceList {
		c.Sources[s.ID] = s
	}
	if c.Stats, err = st.Stats(ctx); err != nil {
		return fmt.Errorf("loading stats: %w", err)
	}
	return nil
}

// whens is a column of times.
type whens struct {
	EDTF, Text []string
	Days       []tokumu.Day // four a time: Earliest, LatestStart, EarliestEnd, Latest
	Interval   []bool
}

func (w *whens) add(v tokumu.When) {
	w.EDTF = append(w.EDTF, v.EDTF)
	w.Text = append(w.Text, v.Text)
	w.Days = append(w.Days, v.Earliest, v.LatestStart, v.EarliestEnd, v.Latest)
	w.Interval = append(w.Interval, v.Interval)
}

func (w *whens) at(i int) tokumu.When {
	d := w.Days[4*i : 4*i+4]
	return tokumu.When{EDTF: w.EDTF[i], Text: w.Text[i], Earliest: d[0], LatestStart: d[1], EarliestEnd: d[2], Latest: d[3], Interval: w.Interval[i]}
}

func (w *whens) check(n int) error {
	if len(w.EDTF) != n || len(w.Text) != n || len(w.Days) != 4*n || len(w.Interval) != n {
		return fmt.Errorf("times: %d, %d, %d, %d for %d", len(w.EDTF), len(w.Text), len(w.Days), len(w.Interval), n)
	}
	return nil
}

// lists is a column of string lists: list i is Items[Off[i]:Off[i+1]],
// nil when Nil[i] (a list read as nil stays nil, an empty one empty: the
// JSON of a page tells them apart).
type lists struct {
	Off   []int32
	Items []string
	Nil   []bool
}

func (l *lists) add(s []string) {
	if len(l.Off) == 0 {
		l.Off = append(l.Off, 0)
	}
	l.Items = append(l.Items, s...)
	l.Off = append(l.Off, int32(len(l.Items)))
	l.Nil = append(l.Nil, s == nil)
}

func (l *lists) at(i int) []string {
	if l.Nil[i] {
		return nil
	}
	lo, hi := l.Off[i], l.Off[i+1]
	if lo == hi {
		return []string{} // gob writes no empty Items: slicing nil would give nil
	}
	return l.Items[lo:hi:hi]
}

func (l *lists) check(n int) error {
	if n == 0 && len(l.Off) == 0 {
		return nil
	}
	if len(l.Off) != n+1 || len(l.Nil) != n || l.Off[0] != 0 {
		return fmt.Errorf("lists: %d offsets for %d", len(l.Off), n)
	}
	for i := 1; i <= n; i++ {
		if l.Off[i] < l.Off[i-1] || int(l.Off[i]) > len(l.Items) {
			return fmt.Errorf("lists: offset %d out of order", i)
		}
	}
	return nil
}

// diskCorpus is the encoded form of a Corpus, less what loadSmall reads.
type diskCorpus struct {
	Version int

	// Entities in the store's order, with their names (Name*[NameOff[i]:
	// NameOff[i+1]], NoNames[i] when the list is nil), summaries (keys
	// and texts, sorted by key) and tags.
	EntID, EntType, EntOrigin []string
	NameOff                   []int32
	NoNames                   []bool
	NameText, NameLang        []string
	NameKind, NameSource      []string
	NameWhen                  whens
	Summary                   lists // key, text, key, text …
	Tags                      lists

	// Claims referred to from below, each once (so that two parts that
	// share a claim share it after decoding too).
	ClaimStr    [][16]string // see claimStrings
	ClaimWhen   whens
	ClaimGrade  []tokumu.Grade
	ClaimLists  lists // SupportedBy, ComplicatedBy: two lists a claim
	Numbers     []int32
	EvidenceIDs []int32 // claims, in id order

	PeriodID       []string
	PeriodDays     []tokumu.Day // From, To
	PeriodThesis   []int32      // claims, PeriodThesisOff like NameOff
	ThesisOff      []int32
	PeriodIncludes lists

	EventID, EventType             []string
	EventWhen                      whens
	EventDisputed                  []bool
	EventPlaces, EventOrgs, EvPers lists

	PlaceID     []string
	PlaceLatLon []float64
	PlaceOrgOff []int32
	OrgID       []string
	OrgDays     []tokumu.Day // From, To, CertainFrom, CertainTo
	OrgBy       []int32      // FromBy, ToBy: a claim, or -1
}

func claimStrings(c *tokumu.Claim) [16]string {
	return [16]string{c.ID, c.Subject, c.Predicate, c.Object, c.Value, c.Unit, c.Role, c.Lang, c.Where,
		c.Source, c.Locator, c.Perspective, c.PlantedBy, c.Note, c.Origin, c.NamedAs.Encode()}
}

// Encode writes the read model for LoadCorpusStored (the parts loadSmall
// reads from the store are left out).
func (c *Corpus) Encode() ([]byte, error) {
	d := diskCorpus{Version: corpusVersion}
	ents := c.entityOrder()
	d.NameOff = append(d.NameOff, 0)
	for _, e := range ents {
		d.EntID = append(d.EntID, e.ID)
		d.EntType = append(d.EntType, string(e.Type))
		d.EntOrigin = append(d.EntOrigin, e.Origin)
		for _, n := range e.Names {
			d.NameText = append(d.NameText, n.Text)
			d.NameLang = append(d.NameLang, n.Lang)
			d.NameKind = append(d.NameKind, string(n.Kind))
			d.NameSource = append(d.NameSource, n.Source)
			d.NameWhen.add(n.When)
		}
		d.NameOff = append(d.NameOff, int32(len(d.NameText)))
		d.NoNames = append(d.NoNames, e.Names == nil)
		var sum []string
		if e.Summary != nil {
			sum = []string{}
			keys := make([]string, 0, len(e.Summary))
			for k := range e.Summary {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				sum = append(sum, k, e.Summary[k])
			}
		}
		d.Summary.add(sum)
		d.Tags.add(e.Tags)
	}
	claimIdx := map[*tokumu.Claim]int32{}
	ref := func(cl *tokumu.Claim) int32 {
		if cl == nil {
			return -1
		}
		if i, ok := claimIdx[cl]; ok {
			return i
		}
		i := int32(len(d.ClaimStr))
		claimIdx[cl] = i
		d.ClaimStr = append(d.ClaimStr, claimStrings(cl))
		d.ClaimWhen.add(cl.When)
		d.ClaimGrade = append(d.ClaimGrade, cl.Grade)
		d.ClaimLists.add(cl.SupportedBy)
		d.ClaimLists.add(cl.ComplicatedBy)
		return i
	}
	for _, cl := range c.Numbers {
		d.Numbers = append(d.Numbers, ref(cl))
	}
	if c.Numbers == nil {
		d.Numbers = nil
	}
	evIDs := make([]string, 0, len(c.Evidence))
	for id := range c.Evidence {
		evIDs = append(evIDs, id)
	}
	sort.Strings(evIDs)
	for _, id := range evIDs {
		if c.Evidence[id] == nil || c.Evidence[id].ID != id {
			return nil, fmt.Errorf("encoding the corpus: evidence %s is keyed by another claim's id", id)
		}
		d.EvidenceIDs = append(d.EvidenceIDs, ref(c.Evidence[id]))
	}
	d.ThesisOff = append(d.ThesisOff, 0)
	for _, p := range c.Periods {
		d.PeriodID = append(d.PeriodID, p.ID)
		d.PeriodDays = append(d.PeriodDays, p.From, p.To)
		for _, cl := range p.Thesis {
			d.PeriodThesis = append(d.PeriodThesis, ref(cl))
		}
		d.ThesisOff = append(d.ThesisOff, int32(len(d.PeriodThesis)))
		d.PeriodIncludes.add(p.Includes)
	}
	for _, ev := range c.Events {
		d.EventID = append(d.EventID, ev.ID)
		d.EventType = append(d.EventType, string(ev.Type))
		d.EventWhen.add(ev.When)
		d.EventDisputed = append(d.EventDisputed, ev.Disputed)
		d.EventPlaces.add(ev.Places)
		d.EventOrgs.add(ev.Orgs)
		d.EvPers.add(ev.Periods)
	}
	d.PlaceOrgOff = append(d.PlaceOrgOff, 0)
	for _, p := range c.Places {
		d.PlaceID = append(d.PlaceID, p.ID)
		d.PlaceLatLon = append(d.PlaceLatLon, p.Lat, p.Lon)
		for _, o := range p.Orgs {
			d.OrgID = append(d.OrgID, o.ID)
			d.OrgDays = append(d.OrgDays, o.From, o.To, o.CertainFrom, o.CertainTo)
			d.OrgBy = append(d.OrgBy, ref(o.FromBy), ref(o.ToBy))
		}
		d.PlaceOrgOff = append(d.PlaceOrgOff, int32(len(d.OrgID)))
	}
	var buf bytes.Buffer
	buf.Write(make([]byte, 4))
	if err := gob.NewEncoder(&buf).Encode(&d); err != nil {
		return nil, fmt.Errorf("encoding the corpus: %w", err)
	}
	out := buf.Bytes()
	binary.LittleEndian.PutUint32(out, crc32.Checksum(out[4:], castagnoli))
	return out, nil
}

// intern makes the decoded columns' repeated strings share one copy each:
// gob allocates every string of a column on its own, and the model keeps
// them for the life of the server — the language and kind of 240k names,
// the type and file of 100k entities, the tags, and the ids, predicates,
// sources and times of the claims (whose subjects and objects then share
// the entities' ids). At 1M claims ~10 MB. Ids of claims, notes and
// origins, which no two share, keep their own.
func (d *diskCorpus) intern() {
	seen := make(map[string]string, len(d.EntID))
	for _, id := range d.EntID {
		seen[id] = id
	}
	in := func(ss []string) {
		for i, s := range ss {
			if v, ok := seen[s]; ok {
				ss[i] = v
			} else if s != "" {
				seen[s] = s
			}
		}
	}
	for _, col := range [][]string{d.EntType, d.EntOrigin, d.NameLang, d.NameKind, d.NameSource, d.Tags.Items,
		d.NameWhen.EDTF, d.ClaimWhen.EDTF, d.EventType, d.EventWhen.EDTF, d.PeriodIncludes.Items,
		d.EventPlaces.Items, d.EventOrgs.Items, d.EvPers.Items, d.PeriodID, d.EventID, d.PlaceID, d.OrgID} {
		in(col)
	}
	for i := range d.ClaimStr {
		in(d.ClaimStr[i][1:13]) // subject … planted by
	}
}

// castagnoli is the CRC that heads the encoded model: a damaged blob whose
// columns still line up (a changed letter in a name) would decode into a
// wrong model; its checksum fails instead. (CRC-32C runs in hardware: a
// few milliseconds for the tens of megabytes of a 1M-claim corpus.)
var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// entityOrder is every entity in the order the store listed them, which
// ByType keeps per type: by id.
func (c *Corpus) entityOrder() []*tokumu.Entity {
	out := make([]*tokumu.Entity, 0, len(c.Entities))
	for _, es := range c.ByType {
		out = append(out, es...)
	}
	slices.SortFunc(out, func(a, b *tokumu.Entity) int {
		switch {
		case a.ID < b.ID:
			return -1
		case a.ID > b.ID:
			return 1
		}
		return 0
	})
	return out
}

// decode fills c from data written by Encode. Every offset and index is
// checked, so that a damaged blob is an error (and the caller rebuilds),
// never a panic or a wrong model.
func (c *Corpus) decode(data []byte) (err error) {
	if len(data) < 4 || binary.LittleEndian.Uint32(data) != crc32.Checksum(data[4:], castagnoli) {
		return fmt.Errorf("the stored corpus is damaged: its checksum does not match")
	}
	var d diskCorpus
	if err := gob.NewDecoder(bytes.NewReader(data[4:])).Decode(&d); err != nil {
		return fmt.Errorf("decoding the stored corpus: %w", err)
	}
	if d.Version != corpusVersion {
		return fmt.Errorf("the stored corpus has layout %d, not %d", d.Version, corpusVersion)
	}
	fail := func(what string, e error) error { return fmt.Errorf("the stored corpus's %s: %w", what, e) }
	d.intern()
	n := len(d.EntID)
	if len(d.EntType) != n || len(d.EntOrigin) != n || len(d.NameOff) != n+1 || len(d.NoNames) != n {
		return fail("entities", fmt.Errorf("columns of unequal length"))
	}
	nn := len(d.NameText)
	if len(d.NameLang) != nn || len(d.NameKind) != nn || len(d.NameSource) != nn {
		return fail("names", fmt.Errorf("columns of unequal length"))
	}
	if err := d.NameWhen.check(nn); err != nil {
		return fail("names", err)
	}
	if err := d.Summary.check(n); err != nil {
		return fail("summaries", err)
	}
	if err := d.Tags.check(n); err != nil {
		return fail("tags", err)
	}
	for i := 1; i <= n; i++ {
		if d.NameOff[i] < d.NameOff[i-1] || int(d.NameOff[i]) > nn {
			return fail("names", fmt.Errorf("offset %d out of order", i))
		}
	}
	ents := make([]tokumu.Entity, n)
	names := make([]tokumu.Name, nn)
	for i := range names {
		names[i] = tokumu.Name{Text: d.NameText[i], Lang: d.NameLang[i], Kind: tokumu.NameKind(d.NameKind[i]),
			When: d.NameWhen.at(i), Source: d.NameSource[i]}
	}
	c.Entities = make(map[string]*tokumu.Entity, n)
	c.ByType = map[tokumu.EntityType][]*tokumu.Entity{}
	for i := range ents {
		e := &ents[i]
		e.ID, e.Type, e.Origin = d.EntID[i], tokumu.EntityType(d.EntType[i]), d.EntOrigin[i]
		if !d.NoNames[i] {
			lo, hi := d.NameOff[i], d.NameOff[i+1]
			e.Names = []tokumu.Name{}
			if lo < hi {
				e.Names = names[lo:hi:hi]
			}
		}
		if sum := d.Summary.at(i); sum != nil {
			if len(sum)%2 != 0 {
				return fail("summaries", fmt.Errorf("entity %s has an odd list", e.ID))
			}
			e.Summary = make(map[string]string, len(sum)/2)
			for j := 0; j < len(sum); j += 2 {
				e.Summary[sum[j]] = sum[j+1]
			}
		}
		e.Tags = d.Tags.at(i)
		c.Entities[e.ID] = e
		c.ByType[e.Type] = append(c.ByType[e.Type], e)
	}

	nc := len(d.ClaimStr)
	if len(d.ClaimGrade) != nc {
		return fail("claims", fmt.Errorf("columns of unequal length"))
	}
	if err := d.ClaimWhen.check(nc); err != nil {
		return fail("claims", err)
	}
	if err := d.ClaimLists.check(2 * nc); err != nil {
		return fail("claims", err)
	}
	claims := make([]tokumu.Claim, nc)
	for i := range claims {
		s := &d.ClaimStr[i]
		claims[i] = tokumu.Claim{ID: s[0], Subject: s[1], Predicate: s[2], Object: s[3], Value: s[4], Unit: s[5],
			Role: s[6], Lang: s[7], Where: s[8], Source: s[9], Locator: s[10], Perspective: s[11], PlantedBy: s[12],
			Note: s[13], Origin: s[14], When: d.ClaimWhen.at(i), Grade: d.ClaimGrade[i],
			SupportedBy: d.ClaimLists.at(2 * i), ComplicatedBy: d.ClaimLists.at(2*i + 1)}
		named, err := tokumu.DecodeNamedAs(s[15])
		if err != nil {
			return fail("claims", fmt.Errorf("claim %s: %w", s[0], err))
		}
		claims[i].NamedAs = named
	}
	claim := func(i int32) (*tokumu.Claim, error) {
		if i == -1 {
			return nil, nil
		}
		if i < 0 || int(i) >= nc {
			return nil, fail("claims", fmt.Errorf("index %d of %d", i, nc))
		}
		return &claims[i], nil
	}
	claimList := func(is []int32) ([]*tokumu.Claim, error) {
		if is == nil {
			return nil, nil
		}
		out := make([]*tokumu.Claim, len(is))
		for j, i := range is {
			cl, err := claim(i)
			if err != nil || cl == nil {
				return nil, fail("claims", fmt.Errorf("index %d of %d", i, nc))
			}
			out[j] = cl
		}
		return out, nil
	}
	if c.Numbers, err = claimList(d.Numbers); err != nil {
		return err
	}
	ev, err := claimList(d.EvidenceIDs)
	if err != nil {
		return err
	}
	c.Evidence = make(map[string]*tokumu.Claim, len(ev))
	for _, cl := range ev {
		c.Evidence[cl.ID] = cl
	}

	np := len(d.PeriodID)
	if len(d.PeriodDays) != 2*np || len(d.ThesisOff) != np+1 {
		return fail("periods", fmt.Errorf("columns of unequal length"))
	}
	if err := d.PeriodIncludes.check(np); err != nil {
		return fail("periods", err)
	}
	if np > 0 {
		c.Periods = make([]Period, np)
	}
	for i := range c.Periods {
		lo, hi := d.ThesisOff[i], d.ThesisOff[i+1]
		if lo > hi || int(hi) > len(d.PeriodThesis) {
			return fail("periods", fmt.Errorf("offset %d out of order", i))
		}
		var thesis []*tokumu.Claim
		if hi > lo {
			if thesis, err = claimList(d.PeriodThesis[lo:hi]); err != nil {
				return err
			}
		}
		c.Periods[i] = Period{ID: d.PeriodID[i], From: d.PeriodDays[2*i], To: d.PeriodDays[2*i+1],
			Thesis: thesis, Includes: d.PeriodIncludes.at(i)}
	}

	ne := len(d.EventID)
	if len(d.EventType) != ne || len(d.EventDisputed) != ne {
		return fail("events", fmt.Errorf("columns of unequal length"))
	}
	if err := d.EventWhen.check(ne); err != nil {
		return fail("events", err)
	}
	for _, l := range []*lists{&d.EventPlaces, &d.EventOrgs, &d.EvPers} {
		if err := l.check(ne); err != nil {
			return fail("events", err)
		}
	}
	if ne > 0 {
		c.Events = make([]Event, ne)
	}
	for i := range c.Events {
		c.Events[i] = Event{ID: d.EventID[i], Type: tokumu.EntityType(d.EventType[i]), When: d.EventWhen.at(i), Disputed: d.EventDisputed[i],
			Places: d.EventPlaces.at(i), Orgs: d.EventOrgs.at(i), Periods: d.EvPers.at(i)}
	}

	nl := len(d.PlaceID)
	no := len(d.OrgID)
	if len(d.PlaceLatLon) != 2*nl || len(d.PlaceOrgOff) != nl+1 || len(d.OrgDays) != 4*no || len(d.OrgBy) != 2*no {
		return fail("places", fmt.Errorf("columns of unequal length"))
	}
	if nl > 0 {
		c.Places = make([]Place, nl)
	}
	for i := range c.Places {
		lo, hi := d.PlaceOrgOff[i], d.PlaceOrgOff[i+1]
		if lo > hi || int(hi) > no {
			return fail("places", fmt.Errorf("offset %d out of order", i))
		}
		p := Place{ID: d.PlaceID[i], Lat: d.PlaceLatLon[2*i], Lon: d.PlaceLatLon[2*i+1]}
		for j := lo; j < hi; j++ {
			days := d.OrgDays[4*j : 4*j+4]
			o := OrgAt{ID: d.OrgID[j], From: days[0], To: days[1], CertainFrom: days[2], CertainTo: days[3]}
			if o.FromBy, err = claim(d.OrgBy[2*j]); err != nil {
				return err
			}
			if o.ToBy, err = claim(d.OrgBy[2*j+1]); err != nil {
				return err
			}
			p.Orgs = append(p.Orgs, o)
		}
		c.Places[i] = p
	}
	return nil
}
