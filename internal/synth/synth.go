// Package synth generates synthetic corpora for benchmarks: realistic
// multilingual names (Japanese in kanji with Hepburn romaji, Russian in
// Cyrillic with a Latin form), organization hierarchies with hubs,
// uncertain EDTF dates and claims from many sources. It writes the same
// YAML layout as the real corpus, so a benchmark measures the real import
// path. Output is deterministic for a given size and seed.
package synth

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"

	"github.com/tokumu/tokumu/corpus"
)

// Version is the generator's version. Bump it whenever Write's output
// changes for a given size and seed, so that cached corpora (see Cached)
// written by an older generator are never reused.
const Version = 2

// vocabulary is the embedded corpus's vocabulary file, which every
// generated corpus carries: synthetic claims use its predicates.
func vocabulary() ([]byte, error) {
	return fs.ReadFile(corpus.FS, "vocabulary/core.yaml")
}

// Key identifies what Write produces for a size and seed: a hash of the
// vocabulary it copies and of the generator's version. A corpus written
// under another key may not load with today's vocabulary or checks (two
// engineers hit this with fixed cache paths), so caches are named by it.
func Key() (string, error) {
	v, err := vocabulary()
	if err != nil {
		return "", err
	}
	h := sha256.New()
	fmt.Fprintf(h, "synth v%d\n", Version)
	h.Write(v)
	return hex.EncodeToString(h.Sum(nil))[:12], nil
}

// CacheDir is where Cached keeps the corpus of n claims from seed:
// $TMPDIR/tokumu-synth-KEY-n-sSEED.
func CacheDir(n int, seed uint64) (string, error) {
	k, err := Key()
	if err != nil {
		return "", err
	}
	return filepath.Join(os.TempDir(), fmt.Sprintf("tokumu-synth-%s-%d-s%d", k, n, seed)), nil
}

// Cached returns the corpus of about n claims from seed in CacheDir,
// writing it first when it is not there. The corpus is written beside
// the cache directory and renamed into place, so a killed or concurrent
// run never leaves (or reads) half a corpus.
func Cached(n int, seed uint64) (*Corpus, error) {
	dir, err := CacheDir(n, seed)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(filepath.Join(dir, ".complete")); err == nil {
		return Describe(dir, n), nil
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dir), filepath.Base(dir)+".tmp-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	c, err := Write(tmp, n, seed)
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(tmp, ".complete"), nil, 0o644); err != nil {
		return nil, err
	}
	if err := os.Rename(tmp, dir); err != nil {
		if _, serr := os.Stat(filepath.Join(dir, ".complete")); serr == nil {
			return Describe(dir, n), nil // another run finished first
		}
		return nil, err
	}
	c.Dir = dir
	return c, nil
}

// Describe returns the ids Write gives a corpus of about n claims in dir
// without reading it (they depend on n alone); Claims is left 0.
func Describe(dir string, n int) *Corpus {
	nEnt := entitiesFor(n)
	c := &Corpus{Dir: dir, Entities: nEnt, Root: "org-0"}
	for i := 0; i < nEnt/2; i++ {
		c.Persons = append(c.Persons, fmt.Sprintf("person-%d", i))
	}
	for i := 0; i < nEnt/5; i++ {
		c.Orgs = append(c.Orgs, fmt.Sprintf("org-%d", i))
	}
	return c
}

func entitiesFor(claims int) int {
	return max(claims/10, 20)
}

var (
	jaFamily = [][2]string{{"田中", "Tanaka"}, {"山本", "Yamamoto"}, {"小松原", "Komatsubara"}, {"秋草", "Akikusa"}, {"土居", "Doi"},
		{"樋口", "Higuchi"}, {"秦", "Hata"}, {"河辺", "Kawabe"}, {"小野寺", "Onodera"}, {"橋本", "Hashimoto"}, {"佐藤", "Satō"},
		{"鈴木", "Suzuki"}, {"高橋", "Takahashi"}, {"渡辺", "Watanabe"}, {"伊藤", "Itō"}, {"中村", "Nakamura"}, {"清水", "Shimizu"}}
	jaGiven = [][2]string{{"賢二", "Kenji"}, {"一郎", "Ichirō"}, {"俊", "Shun"}, {"明夫", "Akio"}, {"清", "Kiyoshi"}, {"幸雄", "Yukio"},
		{"信", "Makoto"}, {"浩", "Hiroshi"}, {"正隆", "Masataka"}, {"季一郎", "Kiichirō"}, {"虎四郎", "Torashirō"}}
	ruFamily = [][2]string{{"Люшков", "Lyushkov"}, {"Родзаевский", "Rodzaevsky"}, {"Семёнов", "Semyonov"}, {"Иванов", "Ivanov"},
		{"Петров", "Petrov"}, {"Гудзь", "Gudz"}, {"Смирнов", "Smirnov"}, {"Кузнецов", "Kuznetsov"}, {"Попов", "Popov"}, {"Соколов", "Sokolov"}}
	ruGiven = [][2]string{{"Генрих", "Genrikh"}, {"Константин", "Konstantin"}, {"Григорий", "Grigory"}, {"Борис", "Boris"},
		{"Иван", "Ivan"}, {"Алексей", "Aleksei"}, {"Николай", "Nikolai"}}
	orgKinds = [][3]string{{"特務機関", "Special Service Agency", "военная миссия"}, {"師団", "Division", "дивизия"},
		{"情報部", "Intelligence Department", "разведывательный отдел"}, {"支部", "Branch", "филиал"}}
	places = [][3]string{{"哈爾浜", "Harbin", "Харбин"}, {"奉天", "Mukden", "Мукден"}, {"新京", "Hsinking", "Синьцзин"},
		{"東京", "Tokyo", "Токио"}, {"満洲里", "Manchouli", "Маньчжурия"}, {"黒河", "Heihe", "Хэйхэ"}, {"海拉爾", "Hailar", "Хайлар"}}
)

// Corpus describes a generated corpus.
type Corpus struct {
	Dir      string
	Claims   int
	Entities int
	Persons  []string // ids, for benchmarks to pick from
	Orgs     []string
	Root     string // the organization at the top of the hierarchy
}

// Write generates a corpus of about claims claims under dir, which must
// be empty or not exist.
func Write(dir string, claims int, seed uint64) (*Corpus, error) {
	r := rand.New(rand.NewPCG(seed, 1))
	nEnt := entitiesFor(claims)
	c := &Corpus{Dir: dir, Entities: nEnt}
	nPersons, nOrgs, nPlaces := nEnt/2, nEnt/5, nEnt/10
	nEvents := nEnt - nPersons - nOrgs - nPlaces
	for _, d := range []string{"vocabulary", "sources", "entities/person", "entities/organization", "entities/place", "entities/event"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			return nil, err
		}
	}
	vocab, err := vocabulary()
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, "vocabulary", "core.yaml"), vocab, 0o644); err != nil {
		return nil, err
	}
	nSources := 200
	kinds := []string{"scholarly", "archival", "memoir", "popular", "official", "press"}
	for i := 0; i < nSources; i++ {
		body := fmt.Sprintf("id: src-%d\nkind: %s\ntype: book\nauthor: [{family: Author%d, given: A.}]\ntitle: \"Synthetic source %d\"\nyear: %d\nlanguage: en\n",
			i, kinds[i%len(kinds)], i, i, 1950+i%70)
		if err := os.WriteFile(filepath.Join(dir, "sources", fmt.Sprintf("src-%d.yaml", i)), []byte(body), 0o644); err != nil {
			return nil, err
		}
	}
	src := func() string { return fmt.Sprintf("src-%d", zipf(r, nSources)) }
	// Zipf-like pick: hubs get most links, as real corpora do.
	pick := func(n int) int { return zipf(r, n) }
	year := func() int { return 1922 + r.IntN(24) }
	when := func() string {
		y := year()
		switch r.IntN(6) {
		case 0:
			return fmt.Sprintf("%d", y)
		case 1:
			return fmt.Sprintf("%d-%02d/%d", y, 1+r.IntN(12), y+1+r.IntN(4))
		case 2:
			return fmt.Sprintf("%d~/%d", y, y+r.IntN(5))
		case 3:
			return fmt.Sprintf("%d-%02d-%02d", y, 1+r.IntN(12), 1+r.IntN(28))
		case 4:
			return fmt.Sprintf("%d-%02d/..", y, 1+r.IntN(12))
		}
		return fmt.Sprintf("%d?", y)
	}
	total := 0
	write := func(typ, id, names string, claims []string) error {
		var b strings.Builder
		fmt.Fprintf(&b, "id: %s\ntype: %s\nnames:\n%sclaims:\n", id, typ, names)
		// A real corpus gives an explicit id to the rare claim that
		// repeats another's identity (same predicate, object or value and
		// source at another date): so does this one.
		seen := map[string]bool{}
		for i, cl := range claims {
			b.WriteString("  - ")
			if key := identity(cl); seen[key] {
				cl = fmt.Sprintf("{id: %s-c%d, %s", id, i, cl[1:])
			} else {
				seen[key] = true
			}
			b.WriteString(cl)
			b.WriteByte('\n')
		}
		total += len(claims)
		return os.WriteFile(filepath.Join(dir, "entities", typ, id+".yaml"), []byte(b.String()), 0o644)
	}
	per := claims / nEnt // claims per entity on average
	for i := 0; i < nPlaces; i++ {
		p := places[i%len(places)]
		names := fmt.Sprintf("  - {text: %s%d, lang: ja}\n  - {text: %s %d, lang: en}\n  - {text: %s %d, lang: ru}\n", p[0], i, p[1], i, p[2], i)
		cls := []string{fmt.Sprintf("{p: coordinates, v: \"%.3f, %.3f\", source: %s}", 40+r.Float64()*15, 115+r.Float64()*20, src())}
		if err := write("place", fmt.Sprintf("place-%d", i), names, cls); err != nil {
			return nil, err
		}
	}
	for i := 0; i < nOrgs; i++ {
		k := orgKinds[i%len(orgKinds)]
		p := places[i%len(places)]
		id := fmt.Sprintf("org-%d", i)
		c.Orgs = append(c.Orgs, id)
		names := fmt.Sprintf("  - {text: %s%s第%d, lang: ja}\n  - {text: \"%s %s No. %d\", lang: en}\n  - {text: \"%s в %s № %d\", lang: ru}\n",
			p[0], k[0], i, p[1], k[1], i, k[2], p[2], i)
		var cls []string
		if i > 0 {
			// A tree with hubs: most organizations hang under a few big ones.
			parent := pick(i)
			y := 1919 + r.IntN(20)
			cls = append(cls, fmt.Sprintf("{p: part_of, o: org-%d, when: \"%d/%d\", source: %s, loc: \"p. %d\"}", parent, y, y+3+r.IntN(10), src(), 1+r.IntN(400)))
		}
		cls = append(cls, fmt.Sprintf("{p: located_in, o: place-%d, source: %s}", pick(nPlaces), src()))
		cls = append(cls, fmt.Sprintf("{p: founded, when: \"%d\", source: %s}", 1900+r.IntN(40), src()))
		for len(cls) < per {
			cls = append(cls, fmt.Sprintf("{p: description, v: \"Synthetic note %d on %s\", source: %s}", len(cls), id, src()))
		}
		if err := write("organization", id, names, cls); err != nil {
			return nil, err
		}
	}
	c.Root = "org-0"
	for i := 0; i < nPersons; i++ {
		id := fmt.Sprintf("person-%d", i)
		c.Persons = append(c.Persons, id)
		var names string
		if i%5 < 3 {
			f, g := jaFamily[r.IntN(len(jaFamily))], jaGiven[r.IntN(len(jaGiven))]
			names = fmt.Sprintf("  - {text: %s%s, lang: ja}\n  - {text: %s %s, lang: ja-Latn}\n", f[0], g[0], f[1], g[1])
		} else {
			f, g := ruFamily[r.IntN(len(ruFamily))], ruGiven[r.IntN(len(ruGiven))]
			names = fmt.Sprintf("  - {text: %s %s, lang: ru}\n  - {text: %s %s, lang: ru-Latn}\n", g[0], f[0], g[1], f[1])
		}
		cls := []string{fmt.Sprintf("{p: born, when: \"%d-%02d-%02d\", where: place-%d, source: %s}", 1870+r.IntN(30), 1+r.IntN(12), 1+r.IntN(28), pick(nPlaces), src())}
		for len(cls) < per+per/2 {
			switch r.IntN(4) {
			case 0:
				cls = append(cls, fmt.Sprintf("{p: head_of, o: org-%d, when: \"%s\", source: %s, loc: \"p. %d\"}", pick(nOrgs), when(), src(), len(cls)))
			case 1, 2:
				cls = append(cls, fmt.Sprintf("{p: member_of, o: org-%d, when: \"%s\", source: %s, loc: \"p. %d\"}", pick(nOrgs), when(), src(), len(cls)))
			default:
				cls = append(cls, fmt.Sprintf("{p: rank, v: Major, when: \"%d\", source: %s, loc: \"p. %d\"}", year(), src(), len(cls)))
			}
		}
		if err := write("person", id, names, cls); err != nil {
			return nil, err
		}
	}
	for i := 0; i < nEvents; i++ {
		id := fmt.Sprintf("event-%d", i)
		names := fmt.Sprintf("  - {text: 事件%d, lang: ja}\n  - {text: Incident %d, lang: en}\n  - {text: Инцидент %d, lang: ru}\n", i, i, i)
		cls := []string{fmt.Sprintf("{p: occurred, when: \"%s\", where: place-%d, source: %s}", when(), pick(nPlaces), src())}
		for len(cls) < per/2 {
			cls = append(cls, fmt.Sprintf("{p: participant, o: person-%d, source: %s, loc: \"p. %d\"}", pick(nPersons), src(), len(cls)))
		}
		if err := write("event", id, names, cls); err != nil {
			return nil, err
		}
	}
	c.Claims = total
	return c, nil
}

// identity is the part of a generated claim's flow mapping that its
// derived id depends on: everything but when, where and loc.
func identity(cl string) string {
	var keep []string
	for _, f := range strings.Split(strings.Trim(cl, "{}"), ", ") {
		if !strings.HasPrefix(f, "when:") && !strings.HasPrefix(f, "where:") && !strings.HasPrefix(f, "loc:") {
			keep = append(keep, f)
		}
	}
	return strings.Join(keep, ", ")
}

// zipf picks an index in [0, n) with a heavy head.
func zipf(r *rand.Rand, n int) int {
	if n <= 1 {
		return 0
	}
	f := r.Float64()
	return int(float64(n) * f * f * f)
}
