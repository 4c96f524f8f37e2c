package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"regexp"
	"time"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/corpus"
	"github.com/tokumu/tokumu/yamlcorpus"
)

var cmdCheck = &command{
	name: "check",
	args: "[DIR]",
	summary: `Check a corpus directory (default: the embedded corpus) and report every problem.

Each problem is printed as file:line:col: message, sorted, with a fix where
one is likely. Nothing is written anywhere. Exits 1 if there is any problem.`,
	run: func(ctx context.Context, m *Main, args []string) error {
		if len(args) > 1 {
			return usagef("tokumu check corpus/", "check takes one directory, got %d arguments", len(args))
		}
		fsys, name, err := corpusFS(args)
		if err != nil {
			return err
		}
		start := time.Now()
		ds, err := yamlcorpus.Load(fsys)
		if len(args) == 1 {
			embeddedIDs(err)
		}
		return m.reportLoad(name, ds, err, time.Since(start))
	},
}

// unknownEntity finds the id in a loader's "unknown entity" message.
var unknownEntity = regexp.MustCompile(`unknown entity "([^"]+)"`)

// embeddedIDs adds, to each error of a directory's check that names an
// entity it lacks, that the embedded corpus has that entity: a folder of
// one's own material is not read beside the embedded corpus but on its
// own, and the fix is to work in a copy of it.
func embeddedIDs(err error) {
	var list yamlcorpus.ErrorList
	if !errors.As(err, &list) {
		return
	}
	var ids map[string]bool
	for _, e := range list {
		m := unknownEntity.FindStringSubmatch(e.Msg)
		if m == nil {
			continue
		}
		if ids == nil {
			ids = map[string]bool{}
			if ds, err := yamlcorpus.Load(corpus.FS); err == nil {
				for _, en := range ds.Entities {
					ids[en.ID] = true
				}
			}
		}
		if ids[m[1]] {
			e.Msg += fmt.Sprintf(" (%s is an entity of the embedded corpus, which a directory is not read beside: work in a copy of it, tokumu export --format yaml -o DIR)", m[1])
		}
	}
}

// corpusFS returns the corpus to read: the directory in args, or the embedded one.
func corpusFS(args []string) (fs.FS, string, error) {
	if len(args) == 0 {
		return corpus.FS, "embedded corpus", nil
	}
	dir := args[0]
	st, err := os.Stat(dir)
	if err != nil {
		return nil, "", usagef("tokumu check corpus/", "cannot read corpus directory: %v", err)
	}
	if !st.IsDir() {
		return nil, "", usagef("tokumu check corpus/", "%s is not a directory", dir)
	}
	return os.DirFS(dir), dir, nil
}

// reportLoad prints the outcome of a load: every error (prefixed with the
// directory so editors can jump to it), or a summary.
func (m *Main) reportLoad(dir string, ds *tokumu.Dataset, err error, took time.Duration) error {
	var list yamlcorpus.ErrorList
	if err != nil && !errors.As(err, &list) {
		return err
	}
	if m.JSON {
		type jerr struct {
			File string `json:"file"`
			Line int    `json:"line"`
			Col  int    `json:"col"`
			Msg  string `json:"message"`
		}
		out := struct {
			OK       bool     `json:"ok"`
			Errors   []jerr   `json:"errors"`
			Warnings []string `json:"warnings"`
			Entities int      `json:"entities,omitempty"`
			Claims   int      `json:"claims,omitempty"`
			Sources  int      `json:"sources,omitempty"`
		}{OK: err == nil, Errors: []jerr{}, Warnings: []string{}}
		for _, e := range list {
			out.Errors = append(out.Errors, jerr{prefix(dir, e.File), e.Line, e.Col, e.Msg})
		}
		if ds != nil {
			out.Entities, out.Claims, out.Sources = len(ds.Entities), len(ds.Claims), len(ds.Sources)
			for _, w := range append(warningsOf(ds.Warnings), attestWarnings(ds)...) {
				out.Warnings = append(out.Warnings, prefix(dir, w))
			}
		}
		enc := json.NewEncoder(m.Stdout)
		enc.SetIndent("", "  ")
		enc.Encode(out)
	} else if err != nil {
		for _, e := range list {
			e2 := *e
			e2.File = prefix(dir, e.File)
			fmt.Fprintln(m.Stdout, e2.Error())
		}
		fmt.Fprintf(m.Stderr, "%s: %d problem(s)\n", dir, len(list))
	} else {
		printWarnings(m.Stderr, dir, append(warningsOf(ds.Warnings), attestWarnings(ds)...))
		fmt.Fprintf(m.Stdout, "%s: ok — %d entities, %d claims, %d sources, %d predicates (%v)\n",
			dir, len(ds.Entities), len(ds.Claims), len(ds.Sources), len(ds.Predicates), took.Round(time.Millisecond))
	}
	if err != nil {
		return errFailed
	}
	return nil
}

func prefix(dir, file string) string {
	if dir == "embedded corpus" {
		return "corpus/" + file
	}
	if dir == "." {
		return file
	}
	return dir + string(os.PathSeparator) + file
}

type importOptions struct{ discard bool }

var cmdImport = &command{
	name: "import",
	args: "DIR",
	summary: `Load a corpus directory into a database (default tokumu.db, or --db FILE).

The corpus is checked first; if it has any problem nothing is written and
the problems are printed as 'tokumu check' prints them. The database is
replaced as a whole: readers see the old content or the new, never a mix.
A database that holds edits made through the editor since its corpus was
imported is not replaced: export them first (tokumu export --format yaml),
or give --discard-edits.`,
	flags: func(fs *flag.FlagSet, m *Main) {
		fs.BoolVar(&opts[importOptions](m).discard, "discard-edits", false,
			"replace the corpus of a database even though it holds edits made through the editor since its last import (they stay in its history, marked as made before the import; accounts and releases stay too)")
	},
	run: func(ctx context.Context, m *Main, args []string) error {
		if len(args) != 1 {
			return usagef("tokumu import corpus/ --db my.db", "import needs one corpus directory")
		}
		fsys, dir, err := corpusFS(args)
		if err != nil {
			return err
		}
		path := m.DB
		if path == "" {
			path = "tokumu.db"
		}
		if !opts[importOptions](m).discard {
			desc, err := editsIn(ctx, path)
			if err != nil {
				return err
			}
			if desc != "" {
				name, flag := displayDB(path), m.dbFlag()
				if m.DB == "" {
					flag = " --db " + path
				}
				kept := "the edits stay in its history, marked as made before the import; accounts and releases stay too"
				fmt.Fprintf(m.Stderr, "tokumu import: %s holds %s; importing %s would replace them, so nothing was written.\n"+
					"  To keep them: tokumu export%s --format yaml -o edited/ writes the edited corpus; merge it into %s and import that.\n"+
					"  To replace them anyway: tokumu import %s%s --discard-edits (%s).\n",
					name, desc, dir, flag, dir, args[0], flag, kept)
				return errFailed
			}
		}
		start := time.Now()
		pr := m.progress("reading " + dir)
		defer pr.Done()
		var progress io.Writer
		if pr != nil {
			progress = pr
		}
		var entities, claims, sources int
		var loaded time.Duration
		if kind, _ := parseDB(path); kind == dbPostgres {
			ds, err := yamlcorpus.Load(fsys)
			if err != nil {
				pr.Done()
				return m.reportLoad(dir, nil, err, 0)
			}
			loaded = time.Since(start)
			if err := buildDB(ctx, path, ds, progress); err != nil {
				return err
			}
			entities, claims, sources = len(ds.Entities), len(ds.Claims), len(ds.Sources)
		} else {
			// An SQLite file is filled as the corpus is read (streamDB):
			// the claims are never all in memory.
			st, err := yamlcorpus.Prepare(fsys)
			if err != nil {
				pr.Done()
				return m.reportLoad(dir, nil, err, 0)
			}
			loaded = time.Since(start)
			if err := streamDB(ctx, path, st, progress); err != nil {
				var list yamlcorpus.ErrorList
				if errors.As(err, &list) {
					pr.Done()
					return m.reportLoad(dir, nil, err, 0)
				}
				return err
			}
			head := st.Head()
			entities, claims, sources = len(head.Entities), st.NumClaims(), len(head.Sources)
		}
		pr.Done()
		total := time.Since(start)
		if m.JSON {
			return writeJSON(m.Stdout, map[string]any{"db": displayDB(path), "entities": entities, "claims": claims,
				"sources": sources, "seconds": total.Seconds()})
		}
		fmt.Fprintf(m.Stdout, "imported %s into %s: %d entities, %d claims, %d sources (read %v, total %v)\n",
			dir, displayDB(path), entities, claims, sources, loaded.Round(time.Millisecond), total.Round(time.Millisecond))
		if m.DB == "" {
			fmt.Fprintf(m.Stdout, "query it with --db %s (or TOKUMU_DB=%s)\n", path, path)
		}
		return nil
	},
}

func writeJSON(w interface{ Write([]byte) (int, error) }, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

var _ = flag.ContinueOnError
