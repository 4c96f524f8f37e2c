package storetest

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/memstore"
)

// recorder is a testing.TB that keeps what the suite reports instead of
// failing the test that runs it, so that a test can check that the suite
// does fail. The embedded TB serves TempDir, Cleanup and the like.
type recorder struct {
	testing.TB
	mu       sync.Mutex
	failures []string
}

func (r *recorder) add(msg string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.failures = append(r.failures, msg)
}

func (r *recorder) Helper()                         {}
func (r *recorder) Log(args ...any)                 {}
func (r *recorder) Logf(format string, args ...any) {}
func (r *recorder) Error(args ...any)               { r.add(fmt.Sprint(args...)) }
func (r *recorder) Errorf(format string, args ...any) {
	r.add(fmt.Sprintf(format, args...))
}
func (r *recorder) Fail() { r.add("Fail") }
func (r *recorder) Failed() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.failures) > 0
}
func (r *recorder) Fatal(args ...any)                 { r.Error(args...); runtime.Goexit() }
func (r *recorder) Fatalf(format string, args ...any) { r.Errorf(format, args...); runtime.Goexit() }
func (r *recorder) FailNow()                          { r.add("FailNow"); runtime.Goexit() }
func (r *recorder) Skip(args ...any)                  { r.add("Skip: " + fmt.Sprint(args...)); runtime.Goexit() }
func (r *recorder) Skipf(format string, args ...any)  { r.Skip(fmt.Sprintf(format, args...)) }
func (r *recorder) SkipNow()                          { r.Skip() }

// record runs one case of the suite on a store from open and returns what
// it reported.
func record(t *testing.T, c testCase, open func() tokumu.Store) []string {
	r := &recorder{TB: t}
	cfg := Config{Open: func(testing.TB) tokumu.Store { return open() }}
	done := make(chan struct{})
	go func() {
		defer close(done)
		runCase(r, cfg, c)
	}()
	<-done
	return r.failures
}

// TestSuitePassesMemstore: the recorder itself reports nothing for a
// correct store, so that the failures below are the stores' doing.
func TestSuitePassesMemstore(t *testing.T) {
	for _, c := range cases {
		if got := record(t, c, func() tokumu.Store { return memstore.New() }); len(got) > 0 {
			t.Errorf("%s failed on memstore:\n\t%s", c.name, strings.Join(got, "\n\t"))
		}
	}
}

// TestSuiteCatches runs the suite against stores broken on purpose, each
// in one way a real store could be, and checks that the named tests fail.
func TestSuiteCatches(t *testing.T) {
	for _, tt := range []struct {
		name  string
		wrap  func(s *broken)
		catch []string // the tests that must fail
	}{
		{"claims in reverse order", func(b *broken) {
			b.claims = func(cs []*tokumu.Claim, _ tokumu.ClaimFilter) []*tokumu.Claim { slices.Reverse(cs); return cs }
		}, []string{"RoundTrip", "ClaimOrder", "ClaimsFilter", "ClaimsTime"}},
		{"claims sorted by id", func(b *broken) {
			b.claims = func(cs []*tokumu.Claim, _ tokumu.ClaimFilter) []*tokumu.Claim {
				slices.SortFunc(cs, func(a, b *tokumu.Claim) int { return strings.Compare(a.ID, b.ID) })
				return cs
			}
		}, []string{"RoundTrip", "ClaimOrder", "ClaimsFilter"}},
		{"claims ordered without their time", func(b *broken) {
			b.claims = func(cs []*tokumu.Claim, _ tokumu.ClaimFilter) []*tokumu.Claim {
				slices.SortStableFunc(cs, func(a, b *tokumu.Claim) int {
					return cmpStrings(a.Subject, b.Subject, a.Predicate, b.Predicate, a.ID, b.ID)
				})
				return cs
			}
		}, []string{"ClaimOrder"}},
		{"undated claims last (PostgreSQL's NULLS LAST)", func(b *broken) {
			b.claims = func(cs []*tokumu.Claim, _ tokumu.ClaimFilter) []*tokumu.Claim {
				slices.SortStableFunc(cs, func(a, b *tokumu.Claim) int {
					if c := cmpStrings(a.Subject, b.Subject, a.Predicate, b.Predicate); c != 0 {
						return c
					}
					switch {
					case a.When.IsZero() && !b.When.IsZero():
						return 1
					case !a.When.IsZero() && b.When.IsZero():
						return -1
					}
					return 0
				})
				return cs
			}
		}, []string{"ClaimOrder"}},
		{"PlantedBy dropped", func(b *broken) {
			b.claims = eachClaim(func(c *tokumu.Claim) { c.PlantedBy = "" })
		}, []string{"RoundTrip", "ClaimsFilter"}},
		{"NamedAs dropped", func(b *broken) {
			b.claims = eachClaim(func(c *tokumu.Claim) { c.NamedAs = tokumu.NamedAs{} })
		}, []string{"RoundTrip"}},
		{"When.Text dropped", func(b *broken) {
			b.claims = eachClaim(func(c *tokumu.Claim) { c.When.Text = "" })
		}, []string{"RoundTrip"}},
		{"Perspective dropped", func(b *broken) {
			b.claims = eachClaim(func(c *tokumu.Claim) { c.Perspective = "" })
		}, []string{"RoundTrip"}},
		{"evidence links dropped", func(b *broken) {
			b.claims = eachClaim(func(c *tokumu.Claim) { c.ComplicatedBy = nil })
		}, []string{"RoundTrip"}},
		{"a name's When.Text dropped", func(b *broken) {
			b.entity = func(e *tokumu.Entity) {
				for i := range e.Names {
					e.Names[i].When.Text = ""
				}
			}
		}, []string{"RoundTrip"}},
		{"predicate roles dropped", func(b *broken) {
			b.predicates = func(ps []*tokumu.Predicate) []*tokumu.Predicate {
				for _, p := range ps {
					p.Roles = nil
				}
				return ps
			}
		}, []string{"RoundTrip"}},
		{"predicates by id", func(b *broken) {
			b.predicates = func(ps []*tokumu.Predicate) []*tokumu.Predicate {
				slices.SortFunc(ps, func(a, b *tokumu.Predicate) int { return strings.Compare(a.ID, b.ID) })
				return ps
			}
		}, []string{"RoundTrip"}},
		{"sources in the order given", func(b *broken) {
			b.sources = func(ss []*tokumu.Source) []*tokumu.Source {
				slices.SortFunc(ss, func(a, b *tokumu.Source) int { return strings.Compare(b.ID, a.ID) })
				return ss
			}
		}, []string{"RoundTrip"}},
		{"source reliability dropped", func(b *broken) {
			b.source = func(s *tokumu.Source) { s.Reliability = 0 }
		}, []string{"RoundTrip"}},
		{"Claims fails after a second Replace", func(b *broken) {
			b.claimsErr = func(replaces int) error {
				if replaces >= 2 {
					return errors.New("broken: claims after a second replace")
				}
				return nil
			}
		}, []string{"ReplaceReplaces", "ReplaceConflict", "ConcurrentReads"}},
		{"Limit ignored", func(b *broken) {
			b.filter = func(f *tokumu.ClaimFilter) { f.Limit = 0 }
		}, []string{"ClaimsFilter", "ClaimOrder"}},
		{"Limit taken before the order", func(b *broken) {
			b.filter = func(f *tokumu.ClaimFilter) { f.Limit = 0 }
			b.claims = func(cs []*tokumu.Claim, f tokumu.ClaimFilter) []*tokumu.Claim {
				// The last claims rather than the first.
				if f.Limit > 0 && len(cs) > f.Limit {
					cs = cs[len(cs)-f.Limit:]
				}
				return cs
			}
		}, []string{"ClaimsFilter", "ClaimOrder"}},
		{"At ignored for undated claims", func(b *broken) {
			b.extra = func(s tokumu.Store, f tokumu.ClaimFilter) ([]*tokumu.Claim, error) {
				if f.At == 0 {
					return nil, nil
				}
				g := f
				g.At, g.Limit = 0, 0
				cs, err := s.Claims(context.Background(), g)
				var out []*tokumu.Claim
				for _, c := range cs {
					if c.When.IsZero() {
						out = append(out, c)
					}
				}
				return out, err
			}
		}, []string{"ClaimsTime"}},
		{"a claim about itself listed twice under About", func(b *broken) {
			b.extra = func(s tokumu.Store, f tokumu.ClaimFilter) ([]*tokumu.Claim, error) {
				if f.About == "" {
					return nil, nil
				}
				g := f
				g.About, g.Subject, g.Object = "", f.About, f.About
				return s.Claims(context.Background(), g)
			}
		}, []string{"ClaimOrder"}},
		{"Object read as About", func(b *broken) {
			b.filter = func(f *tokumu.ClaimFilter) {
				if f.Object != "" && f.Subject == "" {
					f.About, f.Object = f.Object, ""
				}
			}
		}, []string{"ClaimsFilter", "ClaimOrder"}},
		{"Subject filter ignored", func(b *broken) {
			b.filter = func(f *tokumu.ClaimFilter) { f.Subject = "" }
		}, []string{"ClaimsFilter", "ClaimOrder"}},
		{"Predicate filter ignored", func(b *broken) {
			b.filter = func(f *tokumu.ClaimFilter) { f.Predicate = "" }
		}, []string{"ClaimsFilter", "ClaimOrder"}},
		{"About filter ignored", func(b *broken) {
			b.filter = func(f *tokumu.ClaimFilter) { f.About = "" }
		}, []string{"ClaimsFilter", "ClaimOrder", "ClaimsTime"}},
		{"At ignored", func(b *broken) {
			b.filter = func(f *tokumu.ClaimFilter) { f.At = 0 }
		}, []string{"ClaimsTime"}},
		{"From ignored", func(b *broken) {
			b.filter = func(f *tokumu.ClaimFilter) { f.From = 0 }
		}, []string{"ClaimsTime", "ClaimOrder"}},
		{"Source filter ignored", func(b *broken) {
			b.filter = func(f *tokumu.ClaimFilter) { f.Source = "" }
		}, []string{"ClaimsFilter"}},
		{"Perspective filter ignored", func(b *broken) {
			b.filter = func(f *tokumu.ClaimFilter) { f.Perspective = "" }
		}, []string{"ClaimsFilter"}},
		{"RelationsOnly ignored", func(b *broken) {
			b.filter = func(f *tokumu.ClaimFilter) { f.RelationsOnly = false }
		}, []string{"ClaimsFilter"}},
		{"To ignored", func(b *broken) {
			b.filter = func(f *tokumu.ClaimFilter) { f.To = 0 }
		}, []string{"ClaimsTime"}},
		{"EntityFilter.Type ignored", func(b *broken) {
			b.entityFilter = func(f *tokumu.EntityFilter) { f.Type = "" }
		}, []string{"EntitiesFilter"}},
		{"EntityFilter.Limit ignored", func(b *broken) {
			b.entityFilter = func(f *tokumu.EntityFilter) { f.Limit = 0 }
		}, []string{"EntitiesFilter", "ManyIDs"}},
		{"a missing source is an internal error", func(b *broken) { b.plainSourceNotFound = true },
			[]string{"NotFound", "Empty", "ReplaceReplaces"}},
		{"Entities refuses more than 32,766 ids", func(b *broken) {
			b.entitiesErr = func(f tokumu.EntityFilter) error {
				if len(f.IDs) > 32766 {
					return errors.New("broken: too many SQL variables")
				}
				return nil
			}
		}, []string{"ManyIDs"}},
		{"Entities repeats repeated ids", func(b *broken) {
			b.entities = func(es []*tokumu.Entity, f tokumu.EntityFilter) []*tokumu.Entity {
				seen := map[string]int{}
				for _, id := range f.IDs {
					seen[id]++
				}
				var out []*tokumu.Entity
				for _, e := range es {
					for range max(seen[e.ID], 1) {
						out = append(out, e)
					}
				}
				return out
			}
		}, []string{"EntitiesFilter", "ManyIDs"}},
		{"Entities in the order asked", func(b *broken) {
			b.entities = func(es []*tokumu.Entity, f tokumu.EntityFilter) []*tokumu.Entity {
				if len(f.IDs) == 0 {
					return es
				}
				pos := map[string]int{}
				for i, id := range f.IDs {
					if _, ok := pos[id]; !ok {
						pos[id] = i
					}
				}
				slices.SortStableFunc(es, func(a, b *tokumu.Entity) int { return pos[a.ID] - pos[b.ID] })
				return es
			}
		}, []string{"EntitiesFilter"}},
		{"a missing entity is an internal error", func(b *broken) { b.plainNotFound = true },
			[]string{"NotFound", "Empty", "ReplaceReplaces"}},
		{"Settings kept when the next dataset has none", func(b *broken) { b.stickySettings = true },
			[]string{"Settings"}},
		{"Hash of the first Replace kept", func(b *broken) { b.stickyHash = true },
			[]string{"ReplaceReplaces"}},
		{"Stats miscounts names", func(b *broken) {
			b.stats = func(st *tokumu.Stats) { st.Names++ }
		}, []string{"Stats", "Empty"}},
		{"Stats miscounts a source", func(b *broken) {
			b.stats = func(st *tokumu.Stats) { st.BySource["yak"]-- }
		}, []string{"Stats"}},
		{"Replace not atomic", func(b *broken) { b.clearFirst = true },
			[]string{"ReplaceConflict"}},
		{"a repeated id is an internal error", func(b *broken) { b.plainReplaceErr = true },
			[]string{"ReplaceConflict"}},
		{"returned entities shared", func(b *broken) { b.shareEntities = true },
			[]string{"Copies"}},
		{"Close fails", func(b *broken) { b.closeErr = errors.New("broken: close") },
			[]string{"Empty", "RoundTrip", "Reopen"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			open := func() tokumu.Store {
				b := &broken{Store: memstore.New()}
				tt.wrap(b)
				return b
			}
			for _, c := range cases {
				if !slices.Contains(tt.catch, c.name) {
					continue
				}
				got := record(t, c, open)
				if len(got) == 0 {
					t.Errorf("%s passed a store with %s", c.name, tt.name)
				} else {
					t.Logf("%s: %s", c.name, got[0])
				}
			}
		})
	}
}

func cmpStrings(pairs ...string) int {
	for i := 0; i+1 < len(pairs); i += 2 {
		if c := strings.Compare(pairs[i], pairs[i+1]); c != 0 {
			return c
		}
	}
	return 0
}

func eachClaim(f func(*tokumu.Claim)) func([]*tokumu.Claim, tokumu.ClaimFilter) []*tokumu.Claim {
	return func(cs []*tokumu.Claim, _ tokumu.ClaimFilter) []*tokumu.Claim {
		for _, c := range cs {
			f(c)
		}
		return cs
	}
}

// broken is a memstore with one thing wrong, set by its fields.
type broken struct {
	tokumu.Store
	mu       sync.Mutex
	replaces int
	settings *tokumu.Settings
	hash     *string
	cache    map[string]*tokumu.Entity

	claims              func([]*tokumu.Claim, tokumu.ClaimFilter) []*tokumu.Claim
	filter              func(*tokumu.ClaimFilter)
	extra               func(tokumu.Store, tokumu.ClaimFilter) ([]*tokumu.Claim, error)
	claimsErr           func(replaces int) error
	entity              func(*tokumu.Entity)
	entities            func([]*tokumu.Entity, tokumu.EntityFilter) []*tokumu.Entity
	entitiesErr         func(tokumu.EntityFilter) error
	entityFilter        func(*tokumu.EntityFilter)
	predicates          func([]*tokumu.Predicate) []*tokumu.Predicate
	sources             func([]*tokumu.Source) []*tokumu.Source
	source              func(*tokumu.Source)
	stats               func(*tokumu.Stats)
	plainNotFound       bool
	plainSourceNotFound bool
	stickySettings      bool
	stickyHash          bool
	clearFirst          bool
	plainReplaceErr     bool
	shareEntities       bool
	closeErr            error
}

func (b *broken) Replace(ctx context.Context, ds *tokumu.Dataset) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.replaces++
	b.cache = nil
	if b.clearFirst {
		if err := b.Store.Replace(ctx, &tokumu.Dataset{}); err != nil {
			return err
		}
	}
	err := b.Store.Replace(ctx, ds)
	if err != nil {
		if b.plainReplaceErr {
			return errors.New(err.Error())
		}
		return err
	}
	if b.stickySettings && (b.settings == nil || !ds.Settings.IsZero()) {
		st := ds.Settings
		b.settings = &st
	}
	if b.stickyHash && b.hash == nil {
		h := ds.Hash
		b.hash = &h
	}
	return nil
}

func (b *broken) Claims(ctx context.Context, f tokumu.ClaimFilter) ([]*tokumu.Claim, error) {
	b.mu.Lock()
	n := b.replaces
	b.mu.Unlock()
	if b.claimsErr != nil {
		if err := b.claimsErr(n); err != nil {
			return nil, err
		}
	}
	asked := f
	if b.filter != nil {
		b.filter(&f)
	}
	cs, err := b.Store.Claims(ctx, f)
	if err != nil {
		return nil, err
	}
	if b.extra != nil {
		more, err := b.extra(b.Store, asked)
		if err != nil {
			return nil, err
		}
		cs = append(cs, more...)
	}
	if b.claims != nil {
		cs = b.claims(cs, asked)
	}
	return cs, nil
}

func (b *broken) Entity(ctx context.Context, id string) (*tokumu.Entity, error) {
	if b.shareEntities {
		b.mu.Lock()
		defer b.mu.Unlock()
		if e := b.cache[id]; e != nil {
			return e, nil
		}
	}
	e, err := b.Store.Entity(ctx, id)
	if err != nil {
		if b.plainNotFound {
			return nil, errors.New(err.Error())
		}
		return nil, err
	}
	if b.entity != nil {
		b.entity(e)
	}
	if b.shareEntities {
		if b.cache == nil {
			b.cache = map[string]*tokumu.Entity{}
		}
		b.cache[id] = e
	}
	return e, nil
}

func (b *broken) Entities(ctx context.Context, f tokumu.EntityFilter) ([]*tokumu.Entity, error) {
	if b.entitiesErr != nil {
		if err := b.entitiesErr(f); err != nil {
			return nil, err
		}
	}
	asked := f
	if b.entityFilter != nil {
		b.entityFilter(&f)
	}
	es, err := b.Store.Entities(ctx, f)
	if err != nil {
		return nil, err
	}
	if b.entity != nil {
		for _, e := range es {
			b.entity(e)
		}
	}
	if b.entities != nil {
		es = b.entities(es, asked)
	}
	return es, nil
}

func (b *broken) Predicates(ctx context.Context) ([]*tokumu.Predicate, error) {
	ps, err := b.Store.Predicates(ctx)
	if err == nil && b.predicates != nil {
		ps = b.predicates(ps)
	}
	return ps, err
}

func (b *broken) Sources(ctx context.Context) ([]*tokumu.Source, error) {
	ss, err := b.Store.Sources(ctx)
	if err == nil && b.sources != nil {
		ss = b.sources(ss)
	}
	if err == nil && b.source != nil {
		for _, s := range ss {
			b.source(s)
		}
	}
	return ss, err
}

func (b *broken) Source(ctx context.Context, id string) (*tokumu.Source, error) {
	s, err := b.Store.Source(ctx, id)
	if err != nil && b.plainSourceNotFound {
		return nil, errors.New(err.Error())
	}
	if err == nil && b.source != nil {
		b.source(s)
	}
	return s, err
}

func (b *broken) Settings(ctx context.Context) (*tokumu.Settings, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.settings != nil {
		st := *b.settings
		return &st, nil
	}
	return b.Store.Settings(ctx)
}

func (b *broken) Hash(ctx context.Context) (string, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.hash != nil {
		return *b.hash, nil
	}
	return b.Store.Hash(ctx)
}

func (b *broken) Stats(ctx context.Context) (*tokumu.Stats, error) {
	st, err := b.Store.Stats(ctx)
	if err == nil && b.stats != nil {
		b.stats(st)
	}
	return st, err
}

func (b *broken) Close() error {
	if err := b.Store.Close(); err != nil {
		return err
	}
	return b.closeErr
}

// TestFixtureCovers: the fixture holds what its doc comment says it does,
// so that the round trip puts each of those fields to the test.
func TestFixtureCovers(t *testing.T) {
	ds := Fixture()
	ix := tokumu.NewIndex(ds)
	has := func(what string, ok bool) {
		t.Helper()
		if !ok {
			t.Errorf("the fixture has no %s", what)
		}
	}
	has("planted claim pointing at an operation", slices.ContainsFunc(ds.Claims, func(c *tokumu.Claim) bool {
		return c.PlantedBy != "" && ix.Entities[c.PlantedBy] != nil && ix.Entities[c.PlantedBy].Type == tokumu.Operation
	}))
	has("claim with a perspective", slices.ContainsFunc(ds.Claims, func(c *tokumu.Claim) bool { return c.Perspective != "" }))
	has("claim dated in the source's own words", slices.ContainsFunc(ds.Claims, func(c *tokumu.Claim) bool {
		return c.When.Text != "" && c.When.Text != c.When.EDTF
	}))
	has("claim with evidence for and against", slices.ContainsFunc(ds.Claims, func(c *tokumu.Claim) bool {
		return len(c.SupportedBy) > 0 && len(c.ComplicatedBy) > 1
	}))
	has("undated claim", slices.ContainsFunc(ds.Claims, func(c *tokumu.Claim) bool { return c.When.IsZero() }))
	has("interval claim", slices.ContainsFunc(ds.Claims, func(c *tokumu.Claim) bool { return c.When.Interval }))
	has("name valid for a period, in the source's words", slices.ContainsFunc(ds.Entities, func(e *tokumu.Entity) bool {
		return slices.ContainsFunc(e.Names, func(n tokumu.Name) bool { return n.When.Text != "" && n.Source != "" })
	}))
	has("predicate with roles", slices.ContainsFunc(ds.Predicates, func(p *tokumu.Predicate) bool { return len(p.Roles) > 1 }))
	has("hierarchy predicate", slices.ContainsFunc(ds.Predicates, func(p *tokumu.Predicate) bool { return p.Hierarchy }))
	has("source with a reliability and editors", slices.ContainsFunc(ds.Sources, func(s *tokumu.Source) bool {
		return s.Reliability != 0 && len(s.Editors) > 0
	}))
	has("predicates out of id order", !slices.IsSortedFunc(ds.Predicates, func(a, b *tokumu.Predicate) int { return strings.Compare(a.ID, b.ID) }))
	has("sources out of id order", !slices.IsSortedFunc(ds.Sources, func(a, b *tokumu.Source) int { return strings.Compare(a.ID, b.ID) }))
	has("entities out of id order", !slices.IsSortedFunc(ds.Entities, func(a, b *tokumu.Entity) int { return strings.Compare(a.ID, b.ID) }))
	// Every field of every source and of the settings is set somewhere.
	for _, v := range []any{ds.Settings} {
		rv := reflect.ValueOf(v)
		for i := range rv.NumField() {
			has("settings field "+rv.Type().Field(i).Name, !rv.Field(i).IsZero())
		}
	}
	rs := reflect.TypeFor[tokumu.Source]()
	for i := range rs.NumField() {
		has("source field "+rs.Field(i).Name, slices.ContainsFunc(ds.Sources, func(s *tokumu.Source) bool {
			return !reflect.ValueOf(*s).Field(i).IsZero()
		}))
	}
	rc := reflect.TypeFor[tokumu.Claim]()
	for i := range rc.NumField() {
		has("claim field "+rc.Field(i).Name, slices.ContainsFunc(ds.Claims, func(c *tokumu.Claim) bool {
			return !reflect.ValueOf(*c).Field(i).IsZero()
		}))
	}

	// The hand-written orders name every claim once.
	for _, o := range []struct {
		name  string
		ds    *tokumu.Dataset
		order []string
	}{{"fixtureClaimOrder", Fixture(), fixtureClaimOrder}, {"orderedClaimOrder", orderedFixture(), orderedClaimOrder}} {
		got := slices.Sorted(slices.Values(o.order))
		want := slices.Sorted(slices.Values(claimIDs(o.ds.Claims)))
		if !slices.Equal(got, want) {
			t.Errorf("%s names %q, the dataset has %q", o.name, got, want)
		}
		if slices.Equal(claimIDs(o.ds.Claims), o.order) {
			t.Errorf("%s is the order the dataset lists its claims in: it tests nothing", o.name)
		}
		byID := slices.Sorted(slices.Values(o.order))
		if slices.Equal(byID, o.order) {
			t.Errorf("%s is the order of ids: it tests nothing", o.name)
		}
	}
	if slices.Equal(fixtureEntityOrder, entityIDs(ds.Entities)) {
		t.Errorf("the fixture lists its entities in id order")
	}

	// Each call is a new copy.
	a, b := Fixture(), Fixture()
	a.Claims[0].Note = "changed"
	if b.Claims[0].Note == "changed" {
		t.Errorf("two Fixtures share claims")
	}
}

// TestEditNeedsEditor: with Config.Edit set, a store that cannot edit
// fails every editing test rather than passing them vacuously.
func TestEditNeedsEditor(t *testing.T) {
	for _, c := range editCases {
		got := record(t, c, func() tokumu.Store { return memstore.New() })
		if len(got) == 0 || !strings.Contains(got[0], "does not implement tokumu.Editor") {
			t.Errorf("%s on memstore (no Editor): reported %q, want a failure naming tokumu.Editor", c.name, got)
		}
	}
}
