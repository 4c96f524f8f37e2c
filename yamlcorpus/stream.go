package yamlcorpus

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"runtime"
	"slices"
	"sync"

	"github.com/tokumu/tokumu"
)

// A Stream is a corpus read in two passes, so that a large one can be
// imported without holding every claim in memory (Load's Dataset of 1M
// claims, with the declarations it is built from, was most of a 3.3 GB
// import).
//
// Prepare, the first pass, reads every file and checks all that needs the
// whole corpus — ids, types, sources, the vocabulary, claim ids, cycles
// in the hierarchy — keeping the entities, sources and predicates (the
// Head) and the set of claim ids, but no claim. Claims, the second pass,
// reads the entity files again and gives each file's claims, checked, in
// the order of Load's Dataset. A corpus with any problem fails either
// pass with exactly Load's ErrorList (Load is run to collect it), so the
// messages and their positions are Load's.
type Stream struct {
	fsys     fs.FS
	l        *linker
	head     *tokumu.Dataset
	files    []string   // the entity files, in order
	sums     [][32]byte // their contents' hashes, from the first pass
	nClaims  int
	claimIDs []string // sorted
}

// loadErrors returns Load's error for a corpus a pass found a problem in.
func loadErrors(fsys fs.FS) error {
	if _, err := Load(fsys); err != nil {
		return err
	}
	// Load found nothing: the files changed between the two reads.
	return errors.New("the corpus changed while it was read; import it again")
}

// Prepare reads and checks the corpus in fsys, as Load does, keeping
// everything but the claims.
func Prepare(fsys fs.FS) (*Stream, error) {
	files, errs := listFiles(fsys)
	if len(files) == 0 || len(errs) > 0 {
		return nil, loadErrors(fsys)
	}
	// The vocabulary first: the first pass keeps the claims of the
	// hierarchy, to look for cycles, and needs it to know them.
	var preds []*tokumu.Predicate
	results := make([]*fileResult, len(files))
	var rest []int
	for i, f := range files {
		if sec, _ := sectionOf(f); sec != secVocabulary {
			rest = append(rest, i)
			continue
		}
		r := parseFile(fsys, f)
		if len(r.errs) > 0 {
			return nil, loadErrors(fsys)
		}
		results[i] = r
		for _, p := range r.preds {
			preds = append(preds, p.p)
		}
	}
	vocab, err := tokumu.NewVocab(preds)
	if err != nil {
		return nil, loadErrors(fsys)
	}

	// Then the other files on every core, each reduced to what the
	// cross-file checks need as soon as it is read.
	type summary struct {
		ids  []string        // its claims' ids, written or derived
		hier []*tokumu.Claim // its claims of the hierarchy
	}
	sums := make([]summary, len(files))
	bad := false
	var mu sync.Mutex
	parallel(len(rest), func(k int) {
		i := rest[k]
		r := parseFile(fsys, files[i])
		if len(r.errs) > 0 {
			mu.Lock()
			bad = true
			mu.Unlock()
			return
		}
		var s summary
		for _, e := range r.entities {
			for _, cd := range e.claims {
				id := cd.c.ID
				if id == "" {
					id = tokumu.DeriveClaimID(cd.c)
				}
				s.ids = append(s.ids, id)
				if cd.c.Object != "" && vocab.Is(cd.c.Predicate, tokumu.RoleHierarchy) {
					c := *cd.c
					c.ID = id
					s.hier = append(s.hier, &c)
				}
			}
			e.claims = nil
		}
		results[i], sums[i] = r, s
	})
	if bad {
		return nil, loadErrors(fsys)
	}

	st := &Stream{fsys: fsys, l: &linker{}}
	h := sha256.New()
	var hier []*tokumu.Claim
	for i, r := range results {
		h.Write([]byte(r.path))
		h.Write([]byte{0})
		h.Write(r.sum[:])
		st.l.add(r)
		st.nClaims += len(sums[i].ids)
		hier = append(hier, sums[i].hier...)
		if sec, _ := sectionOf(r.path); sec == secEntities {
			st.files = append(st.files, r.path)
			st.sums = append(st.sums, r.sum)
		}
	}
	// Every check of Load's linker but those of claims, which have none
	// here; then the claims': ids unique (Load reports any collision),
	// the hierarchy without cycles.
	if errs := st.l.link(); len(errs) > 0 {
		return nil, loadErrors(fsys)
	}
	// A sorted slice rather than a map: a third of the memory at 1M ids.
	ids := make([]string, 0, st.nClaims)
	for i := range sums {
		ids = append(ids, sums[i].ids...)
		sums[i] = summary{}
	}
	slices.Sort(ids)
	for i := 1; i < len(ids); i++ {
		if ids[i] == ids[i-1] {
			return nil, loadErrors(fsys)
		}
	}
	st.claimIDs = ids
	if len(tokumu.HierarchyCycles(hier, vocab)) > 0 {
		return nil, loadErrors(fsys)
	}
	st.l.claimIDs = st.claimIDs
	st.head = st.l.dataset()
	st.head.Claims = nil
	st.head.Hash = hex.EncodeToString(h.Sum(nil))
	return st, nil
}

// Head is the corpus without its claims: predicates, sources, entities,
// settings, warnings and the content hash, as Load gives them.
func (st *Stream) Head() *tokumu.Dataset { return st.head }

// NumClaims is how many claims Claims gives.
func (st *Stream) NumClaims() int { return st.nClaims }

// streamWindow is how many files the second pass reads ahead of the one
// it gives: enough to keep every core busy while emit writes.
const streamWindow = 256

// Claims reads the entity files again, on every core, and calls emit
// with each file's claims, checked and complete (ids, grades), in the
// order of Load's Dataset. It can be called once. It stops at the first error emit returns and
// returns it; a problem in the corpus returns Load's ErrorList.
func (st *Stream) Claims(emit func([]*tokumu.Claim) error) error {
	type out struct {
		claims []*tokumu.Claim
		bad    bool
	}
	type job struct {
		i   int
		out chan out
	}
	jobs := make(chan job)
	order := make(chan chan out, streamWindow)
	done := make(chan struct{})
	defer close(done)
	go func() {
		defer close(order)
		defer close(jobs)
		for i := range st.files {
			c := make(chan out, 1)
			select {
			case order <- c:
			case <-done:
				return
			}
			select {
			case jobs <- job{i, c}:
			case <-done:
				return
			}
		}
	}()
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		go func() {
			for j := range jobs {
				cs, ok := st.fileClaims(j.i)
				j.out <- out{cs, !ok}
			}
		}()
	}
	for c := range order {
		o := <-c
		if o.bad {
			return loadErrors(st.fsys)
		}
		if err := emit(o.claims); err != nil {
			return err
		}
	}
	// What the checks needed goes, for what the import does next (a
	// million claim ids are about 100 MB).
	st.l, st.claimIDs = nil, nil
	return nil
}

// fileClaims decodes and checks the claims of the i-th entity file; ok
// is false if it has any problem or is not the file the first pass read.
func (st *Stream) fileClaims(i int) ([]*tokumu.Claim, bool) {
	r := parseFile(st.fsys, st.files[i])
	if len(r.errs) > 0 || r.sum != st.sums[i] {
		return nil, false
	}
	var cs []*tokumu.Claim
	var errs ErrorList
	for _, e := range r.entities {
		for _, cd := range e.claims {
			if cd.c.ID == "" {
				cd.c.ID = tokumu.DeriveClaimID(cd.c)
			}
			st.l.checkClaim(&errs, e, cd)
			cs = append(cs, cd.c)
		}
	}
	return cs, len(errs) == 0
}

// parallel calls f(0) … f(n-1) on every core.
func parallel(n int, f func(int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}
