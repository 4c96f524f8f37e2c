package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/corpus"
	"github.com/tokumu/tokumu/postgres"
	"github.com/tokumu/tokumu/search"
	"github.com/tokumu/tokumu/sqlite"
	"github.com/tokumu/tokumu/yamlcorpus"
)

// embeddedPrefix marks a database built from the embedded corpus, so that
// tokumu rebuilds it when the binary's corpus changes but never touches a
// database the user imported their own corpus into.
const embeddedPrefix = "embedded:"

// dbPath is the database file commands read: --db, or the embedded
// corpus's in the user cache directory.
func (m *Main) dbPath() (string, error) {
	if m.DB != "" {
		_, path := parseDB(m.DB)
		return path, nil
	}
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("no user cache directory (%v); give --db FILE or set TOKUMU_DB", err)
	}
	return filepath.Join(dir, "tokumu", "tokumu.db"), nil
}

// openStore opens the database to query, picked by --db (see parseDB): an
// SQLite file, or a PostgreSQL database for a team server. With no --db it
// is the embedded corpus's SQLite database in the user cache directory,
// built on first use and rebuilt whenever the embedded corpus changes; a
// database the user imported their own corpus into is never touched.
func (m *Main) openStore(ctx context.Context) (tokumu.Store, error) {
	if kind, dsn := parseDB(m.DB); kind == dbPostgres {
		return m.openPostgres(ctx, dsn)
	}
	path, err := m.dbPath()
	if err != nil {
		return nil, err
	}
	if m.DB != "" {
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			return nil, usagef("tokumu import --db "+path+" corpus/", "database %s does not exist (a mistyped --db?); create it with 'tokumu import', or leave out --db for the embedded corpus", path)
		}
	}
	removeStale(path, m.Stderr)
	want, err := yamlcorpus.Hash(corpus.FS)
	if err != nil {
		return nil, fmt.Errorf("embedded corpus: %w", err)
	}
	want = embeddedPrefix + want
	if _, err := os.Stat(path); err == nil {
		db, err := sqlite.Open(ctx, path, sqlite.Options{})
		if err != nil {
			return nil, err
		}
		have, err := db.Hash(ctx)
		if err != nil {
			db.Close()
			return nil, err
		}
		if have == want || (have != "" && !strings.HasPrefix(have, embeddedPrefix)) {
			return db, nil // current, or the user's own corpus
		}
		if kept, err := m.keepEdited(ctx, db, path); kept || err != nil {
			if err != nil {
				db.Close()
				return nil, err
			}
			return db, nil
		}
		db.Close()
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	if err := m.buildEmbedded(ctx, path, want); err != nil {
		return nil, err
	}
	return sqlite.Open(ctx, path, sqlite.Options{})
}

// openPostgres opens the PostgreSQL database at dsn, loading the embedded
// corpus into it in one transaction when it is empty or holds an older
// embedded corpus, as openStore does for a file.
func (m *Main) openPostgres(ctx context.Context, dsn string) (tokumu.Store, error) {
	want, err := embeddedHash()
	if err != nil {
		return nil, err
	}
	db, err := postgres.Open(ctx, dsn)
	if err != nil {
		return nil, err
	}
	current, err := keepContent(ctx, db, want)
	if err == nil && !current {
		current, err = m.keepEdited(ctx, db, displayDB(dsn))
	}
	if err == nil && !current {
		var ds *tokumu.Dataset
		if ds, err = m.loadEmbedded(want); err == nil {
			err = db.Replace(ctx, ds)
		}
	}
	if err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// The kinds of database --db names.
const (
	dbSQLite   = "sqlite"
	dbPostgres = "postgres"
)

// parseDB reads --db: a postgres:// or postgresql:// URL is a PostgreSQL
// database; sqlite:PATH or a plain path is an SQLite file ("" for the
// default file).
func parseDB(s string) (kind, target string) {
	switch {
	case strings.HasPrefix(s, "postgres://"), strings.HasPrefix(s, "postgresql://"):
		return dbPostgres, s
	case strings.HasPrefix(s, "sqlite:"):
		return dbSQLite, strings.TrimPrefix(s, "sqlite:")
	}
	return dbSQLite, s
}

// displayDB is --db as it may be printed: a PostgreSQL URL without its
// password.
// dbFlag is the --db of a command printed for pasting: none when the
// database came from $TOKUMU_DB (the pasted command finds it there too),
// else the database with its password shown as PASSWORD, to be put back
// (a masked "xxxxx" pasted as is fails to sign in).
func (m *Main) dbFlag() string {
	if m.dbFromEnv {
		return ""
	}
	return " --db " + strings.Replace(displayDB(m.DB), ":xxxxx@", ":PASSWORD@", 1)
}

func displayDB(s string) string {
	if kind, _ := parseDB(s); kind != dbPostgres {
		return s
	}
	u, err := url.Parse(s)
	if err != nil {
		return "postgres://…"
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}

func embeddedHash() (string, error) {
	h, err := yamlcorpus.Hash(corpus.FS)
	if err != nil {
		return "", fmt.Errorf("embedded corpus: %w", err)
	}
	return embeddedPrefix + h, nil
}

// keepEdited reports whether a database that holds an older embedded
// corpus must be kept rather than rebuilt from this version's: it holds
// edits made through the editor since that corpus was imported, which a
// rebuild would lose. It says so on stderr, with the way to replace it.
func (m *Main) keepEdited(ctx context.Context, db tokumu.Store, name string) (bool, error) {
	desc, err := describeEdits(ctx, db)
	if err != nil || desc == "" {
		return false, err
	}
	flag := m.dbFlag()
	if m.DB == "" {
		flag = " --db " + name // the cache's path: no --db finds it, but it is no secret
	}
	fmt.Fprintf(m.Stderr, "tokumu: %s holds %s; it keeps the embedded corpus of an earlier tokumu, since loading this version's would lose them.\n"+
		"  To keep them: tokumu export%s --format yaml -o edited/ writes the edited corpus.\n"+
		"  To use this version's corpus instead: tokumu export --db new.db --format yaml -o corpus/ writes it out, and tokumu import corpus/%s --discard-edits loads it (the edits stay in the history, marked as made before the import, with the accounts and releases); or delete the file, and with it the accounts, history and releases (the next command rebuilds it).\n", name, desc, flag, flag)
	return true, nil
}

// editsIn describes the edits made since its import in the database an
// import to path would replace (describeEdits), "" if there are none or
// no database yet.
func editsIn(ctx context.Context, path string) (string, error) {
	var db tokumu.Store
	kind, target := parseDB(path)
	if kind == dbPostgres {
		pg, err := postgres.Open(ctx, target)
		if err != nil {
			return "", err
		}
		db = pg
	} else {
		if _, err := os.Stat(target); errors.Is(err, fs.ErrNotExist) {
			return "", nil
		}
		// Read-only: a refused or failed import leaves the file byte for
		// byte as it was.
		lite, err := sqlite.Open(ctx, target, sqlite.Options{ReadOnly: true})
		if err != nil {
			return "", nil // no database tokumu reads: nothing of its to keep
		}
		db = lite
	}
	defer db.Close()
	desc, err := describeEdits(ctx, db)
	if err != nil && kind != dbPostgres {
		return "", nil // a file of an older schema, without a history
	}
	return desc, err
}

// describeEdits says which revisions were made on db's data since its
// corpus was imported — "3 revisions since its corpus was imported (r7–r9,
// by alice and boris; the newest on 2026-12-05 01:15 UTC)" — or "" if
// none: what an import would replace.
func describeEdits(ctx context.Context, db tokumu.Store) (string, error) {
	revs, n, err := tokumu.EditsSinceImport(ctx, db, 1000)
	if err != nil || n == 0 || len(revs) == 0 {
		return "", err
	}
	var authors []string
	for _, r := range revs {
		if !slices.Contains(authors, r.Author) {
			authors = append(authors, r.Author)
		}
	}
	slices.Sort(authors)
	first, last := revs[len(revs)-1], revs[0]
	span := fmt.Sprintf("r%d", last.ID)
	if first.ID != last.ID {
		span = fmt.Sprintf("r%d–r%d", first.ID, last.ID)
	}
	noun := "revisions"
	if n == 1 {
		noun = "revision"
	}
	more := ""
	if int64(len(revs)) < n {
		more = fmt.Sprintf(" (the newest %d listed)", len(revs))
	}
	return fmt.Sprintf("%d %s made through the editor since its corpus was imported (%s%s, by %s; the newest on %s)",
		n, noun, span, more, strings.Join(authors, ", "), last.Time.UTC().Format("2006-01-02 15:04 UTC")), nil
}

// keepContent reports whether the store holds what it should keep: the
// embedded corpus of hash want, or a corpus the user imported.
func keepContent(ctx context.Context, db tokumu.Store, want string) (bool, error) {
	have, err := db.Hash(ctx)
	if err != nil {
		return false, err
	}
	return have == want || (have != "" && !strings.HasPrefix(have, embeddedPrefix)), nil
}

// loadEmbedded reads the embedded corpus, marked with hash.
func (m *Main) loadEmbedded(hash string) (*tokumu.Dataset, error) {
	ds, err := yamlcorpus.Load(corpus.FS)
	if err != nil {
		var list yamlcorpus.ErrorList
		if errors.As(err, &list) {
			list.Print(m.Stderr)
		}
		return nil, fmt.Errorf("the embedded corpus does not load: %w", err)
	}
	ds.Hash = hash
	return ds, nil
}

// removeStale removes the temporaries of killed imports beside path and
// says so on w.
func removeStale(path string, w io.Writer) {
	removed, _ := sqlite.RemoveStale(path)
	for _, name := range removed {
		if w != nil {
			fmt.Fprintf(w, "tokumu: removed %s, left by an import that did not finish\n", name)
		}
	}
}

func (m *Main) buildEmbedded(ctx context.Context, path, hash string) error {
	start := time.Now()
	pr := m.progress("building the embedded corpus's database")
	defer pr.Done()
	ds, err := yamlcorpus.Load(corpus.FS)
	if err != nil {
		pr.Done()
		var list yamlcorpus.ErrorList
		if errors.As(err, &list) {
			list.Print(m.Stderr)
		}
		return fmt.Errorf("the embedded corpus does not load: %w", err)
	}
	ds.Hash = hash
	if err := buildDB(ctx, path, ds, nil); err != nil {
		return err
	}
	pr.Done()
	if isTerminal(m.Stderr) {
		fmt.Fprintf(m.Stderr, "tokumu: built %s from the embedded corpus (%d claims) in %v\n", path, len(ds.Claims), time.Since(start).Round(time.Millisecond))
	}
	return nil
}

// buildDB writes ds into a new database file beside path and renames it
// into place (sqlite.WriteFile: synced before and after the rename), so
// that readers see the old database or the new one, never half of one,
// and a failure or a kill leaves path as it was. Temporaries that killed
// imports left beside path are removed first.
func buildDB(ctx context.Context, path string, ds *tokumu.Dataset, progress io.Writer) error {
	kind, path := parseDB(path)
	if kind == dbPostgres {
		// A PostgreSQL database is replaced in one transaction, to the
		// same end as the file's rename.
		db, err := postgres.Open(ctx, path)
		if err != nil {
			return err
		}
		if progress != nil {
			fmt.Fprintf(progress, "writing %d entities and %d claims …\n", len(ds.Entities), len(ds.Claims))
		}
		if err := db.Replace(ctx, ds); err != nil {
			db.Close()
			return err
		}
		return db.Close()
	}
	removeStale(path, progress)
	if progress != nil {
		fmt.Fprintf(progress, "writing %d entities and %d claims …\n", len(ds.Entities), len(ds.Claims))
	}
	// The search index is stored with the database (searchindex.go), so
	// that a CLI search or a starting server reads it instead of building
	// it. It is built from the dataset in memory, on another core while
	// SQLite writes the claims, rather than read back from the new file.
	type built struct {
		data []byte
		err  error
	}
	index := make(chan built, 1)
	go func() {
		ix, err := search.BuildDataset(ctx, ds)
		if err != nil {
			index <- built{nil, err}
			return
		}
		data, err := ix.Encode()
		index <- built{data, err}
	}()
	return sqlite.WriteFileThen(ctx, path, ds, func(ctx context.Context, db *sqlite.DB) error {
		// The team's history, accounts and releases stay (as on
		// PostgreSQL): an import replaces the corpus, not the team.
		if err := db.KeepFrom(ctx, path); err != nil {
			return err
		}
		if ds.Hash != "" {
			if progress != nil {
				fmt.Fprintf(progress, "storing the read model of the corpus …\n")
			}
			if err := storeCorpusModel(ctx, db, ds.Hash); err != nil {
				return err
			}
		}
		if progress != nil {
			fmt.Fprintf(progress, "indexing %d entities and %d claims for search …\n", len(ds.Entities), len(ds.Claims))
		}
		b := <-index
		if b.err != nil {
			return b.err
		}
		if ds.Hash == "" {
			return nil // nothing could tell a stale index from a current one
		}
		return db.PutBlob(ctx, searchBlob, searchKey(ds.Hash), b.data)
	})
}

// importMemoryLimit is the soft limit on the Go heap while streamDB
// runs (GOMEMLIMIT, when set, wins). What an import of 1M claims keeps is
// about 300–400 MB (the search index and the Japanese dictionary, the
// entities, the claim ids); left to GOGC the heap grows to twice that
// between collections, and SQLite's page cache and sorter come on top.
// The limit makes the collector run before the heap passes it, at the
// price of more collections (BENCHMARKS.md, the import section).
const importMemoryLimit = 768 << 20

// streamDB writes the corpus st into a new SQLite file and renames it into
// place, as buildDB does, but reads the claims file by file as it writes
// them (yamlcorpus.Stream's second pass), so that the import holds the
// entities and the claim ids, never every claim. The search index is
// built from the same stream on another goroutine (search.Builder); the
// corpus read model and the stats are read back from the new file. A
// problem the second pass finds in the corpus is returned as Load's
// ErrorList, and the file at path is left as it was.
func streamDB(ctx context.Context, path string, st *yamlcorpus.Stream, progress io.Writer) error {
	_, path = parseDB(path)
	if os.Getenv("GOMEMLIMIT") == "" {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(importMemoryLimit))
	}
	removeStale(path, progress)
	head := st.Head()
	if progress != nil {
		fmt.Fprintf(progress, "writing %d entities and %d claims …\n", len(head.Entities), st.NumClaims())
	}
	sb, err := search.NewBuilder(head.Entities, head.Sources, head.Predicates)
	if err != nil {
		return err
	}
	type built struct {
		data []byte
		err  error
	}
	toIndex := make(chan []*tokumu.Claim, 1024)
	index := make(chan built, 1)
	go func() {
		for cs := range toIndex {
			for _, c := range cs {
				sb.Add(c)
			}
		}
		ix, err := sb.Finish(ctx)
		if err != nil {
			index <- built{nil, err}
			return
		}
		data, err := ix.Encode()
		index <- built{data, err}
	}()
	var closeIndex sync.Once
	defer closeIndex.Do(func() { close(toIndex) }) // when the write fails before the claims
	claims := func(add func(*tokumu.Claim) error) error {
		defer closeIndex.Do(func() { close(toIndex) })
		err := st.Claims(func(cs []*tokumu.Claim) error {
			for _, c := range cs {
				if err := add(c); err != nil {
					return err
				}
			}
			toIndex <- cs
			return nil
		})
		writeHeapProfile()
		// What pass 2 allocated goes back to the system before SQLite
		// builds its indexes.
		debug.FreeOSMemory()
		return err
	}
	err = sqlite.WriteFileStream(ctx, path, head, claims, func(ctx context.Context, db *sqlite.DB) error {
		if err := db.KeepFrom(ctx, path); err != nil {
			return err
		}
		// The search index first (it was finished while SQLite built its
		// indexes), so that its 60 MB (at 1M claims) are freed before the
		// read model is built.
		if progress != nil {
			fmt.Fprintf(progress, "indexing %d entities and %d claims for search …\n", len(head.Entities), st.NumClaims())
		}
		b := <-index
		if b.err != nil {
			return b.err
		}
		if head.Hash == "" {
			return nil // nothing could tell a stale index or model from a current one
		}
		if err := db.PutBlob(ctx, searchBlob, searchKey(head.Hash), b.data); err != nil {
			return err
		}
		b.data = nil
		debug.FreeOSMemory()
		if progress != nil {
			fmt.Fprintf(progress, "storing the read model of the corpus …\n")
		}
		return storeCorpusModel(ctx, db, head.Hash)
	})
	return err
}
