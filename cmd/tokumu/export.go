package main

import (
	"archive/zip"
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/corpus"
	"github.com/tokumu/tokumu/format"
	"github.com/tokumu/tokumu/web"
	"github.com/tokumu/tokumu/yamlcorpus"
)

// The YAML corpus is a format like the others, but it is written by the
// yamlcorpus adapter, which the format package may not import: the
// program that links both registers it.
func init() {
	format.Register(&format.Format{
		Name: "yaml", MediaType: "application/zip", Ext: ".zip",
		Summary: "the YAML corpus itself (a zip; with -o DIR, a directory that tokumu check and import read)",
		Write: func(ctx context.Context, w io.Writer, x *format.Export) error {
			zw := zip.NewWriter(w)
			err := writeYAMLCorpus(ctx, x, func(p string, f func(io.Writer) error) error {
				fw, err := zw.Create(p)
				if err != nil {
					return err
				}
				return f(fw)
			})
			if err != nil {
				return err
			}
			return zw.Close()
		},
	})
}

// writeYAMLCorpus writes the export as corpus files, one entity at a time.
// A filtered export keeps only the evidence links that resolve inside it
// and a structure root it holds, so that what it writes passes check.
func writeYAMLCorpus(ctx context.Context, x *format.Export, put func(path string, f func(io.Writer) error) error) error {
	if err := put(yamlcorpus.VocabularyPath, func(w io.Writer) error { return yamlcorpus.WriteVocabulary(w, x.Predicates()) }); err != nil {
		return err
	}
	st := *x.Settings()
	if st.StructureRoot != "" && !x.Has(st.StructureRoot) {
		st.StructureRoot = ""
	}
	if !st.IsZero() {
		if err := put(yamlcorpus.SettingsPath, func(w io.Writer) error { return yamlcorpus.WriteSettings(w, &st) }); err != nil {
			return err
		}
	}
	for _, s := range x.Sources() {
		if err := put(yamlcorpus.SourcePath(s), func(w io.Writer) error { return yamlcorpus.WriteSource(w, s) }); err != nil {
			return err
		}
	}
	var claimIDs map[string]bool
	if !x.Query.IsZero() {
		claimIDs = map[string]bool{}
		if err := x.Claims(ctx, func(c *tokumu.Claim) error { claimIDs[c.ID] = true; return nil }); err != nil {
			return err
		}
	}
	keep := func(ids []string) []string {
		var out []string
		for _, id := range ids {
			if claimIDs[id] || x.Has(id) {
				out = append(out, id)
			}
		}
		return out
	}
	srcs := map[string]*tokumu.Source{}
	for _, s := range x.Sources() {
		srcs[s.ID] = s
	}
	lookup := func(id string) *tokumu.Source { return srcs[id] }
	return x.EntityClaims(ctx, func(e *tokumu.Entity, cs []*tokumu.Claim) error {
		if claimIDs != nil {
			for i, c := range cs {
				cc := *c
				cc.SupportedBy, cc.ComplicatedBy = keep(c.SupportedBy), keep(c.ComplicatedBy)
				cs[i] = &cc
			}
		}
		return put(yamlcorpus.EntityPath(e), func(w io.Writer) error { return yamlcorpus.WriteEntity(w, e, cs, lookup) })
	})
}

type exportFlags struct {
	format, entity, from, to, typ, tag, base, table, out, release string
}

var exportOpts exportFlags

var cmdExport = &command{
	name: "export",
	args: "--format F [--entity ID] [--from DATE --to DATE] [--type T] [--tag TAG] [--release R] [-o FILE]",
	summary: `Write the corpus, or a part of it, in a format other tools read.
Formats: ` + "%FORMATS%" + `.
--entity ID exports the entity and its neighbourhood; --from/--to keep the
claims that may fall in the range; --type and --tag keep the claims about
entities of a type or with a tag. Output goes to standard output, or to -o
FILE; with --format yaml, -o DIR writes a corpus directory (without -o,
a zip of that directory goes to standard output). --format csv
writes a zip of entities.csv, claims.csv and sources.csv, so its -o FILE
must end in .zip; --table claims (entities, sources) writes that one table
as a CSV file. --release R writes a release (tokumu release create) as it
was frozen; R may also be the import's name that citations give: the data
as imported, edits since rolled back (for the embedded corpus, --format
yaml writes its own files).`,
	flags: func(fs *flag.FlagSet, m *Main) {
		o := &exportOpts
		*o = exportFlags{}
		fs.StringVar(&o.format, "format", "", "the format: "+strings.Join(format.Names(), ", "))
		fs.StringVar(&o.entity, "entity", "", "export this entity and its neighbourhood")
		fs.StringVar(&o.from, "from", "", "keep claims that may fall on or after this date (EDTF: 1937, 1937-07)")
		fs.StringVar(&o.to, "to", "", "keep claims that may fall on or before this date")
		fs.StringVar(&o.typ, "type", "", "keep claims about entities of this type")
		fs.StringVar(&o.tag, "tag", "", "keep claims about entities with this tag")
		fs.StringVar(&o.base, "base", format.DefaultBase, "the base of the IRIs and links in the export")
		fs.StringVar(&o.table, "table", "", "csv: write one table (entities, claims or sources) instead of a zip of three")
		fs.StringVar(&o.out, "o", "", "write to this file (default: standard output)")
		fs.StringVar(&o.release, "release", "", "export this release (tokumu release list) instead of the database as it is now")
	},
	run: func(ctx context.Context, m *Main, args []string) error {
		o := exportOpts
		if len(args) != 0 {
			return usagef("tokumu export --format turtle -o corpus.ttl", "export takes flags only, not %q", args[0])
		}
		f, err := format.Lookup(o.format)
		if err != nil {
			return usagef("tokumu export --format csv -o corpus.zip", "%s", tokumu.ErrorMessage(err))
		}
		// A zip under a .csv name opens in a spreadsheet as gibberish;
		// writing x.zip instead of the x.csv asked for would surprise
		// more than a refusal that says what to type.
		if f.Name == "csv" && o.table == "" && o.out != "" && !strings.EqualFold(filepath.Ext(o.out), ".zip") {
			zip := strings.TrimSuffix(o.out, filepath.Ext(o.out)) + ".zip"
			return usagef("tokumu export --format csv --table claims -o claims.csv",
				"-o %s: without --table, --format csv writes a zip of three tables (entities.csv, claims.csv, sources.csv): write -o %s, or add --table claims (or entities, sources) for one CSV file", o.out, zip)
		}
		if linkedData[f.Name] && o.base == format.DefaultBase && o.out != "" {
			// Published with localhost IRIs, a dataset names nothing.
			fmt.Fprintf(m.Stderr, "tokumu export: note: the IRIs in %s start with %s; for a dataset others will read, give --base with the address the server answers at (https://…/)\n", o.out, format.DefaultBase)
		}
		q := format.Query{Entity: o.entity, Type: tokumu.EntityType(o.typ), Tag: o.tag}
		if o.from != "" {
			w, _, err := tokumu.ParseWhen(o.from)
			if err != nil {
				return usagef("tokumu export --format csv --from 1937 --to 1939", "--from %q: %v", o.from, err)
			}
			q.From = w.Stated().Earliest
		}
		if o.to != "" {
			w, _, err := tokumu.ParseWhen(o.to)
			if err != nil {
				return usagef("tokumu export --format csv --from 1937 --to 1939", "--to %q: %v", o.to, err)
			}
			q.To = w.Stated().Latest
		}
		db, err := m.openStore(ctx)
		if err != nil {
			return err
		}
		defer db.Close()
		fo := format.Options{Base: o.base, Lang: m.Lang, Table: o.table, Release: o.release}
		if fo.Release == "" {
			// The release a citation names, as the server's footer does.
			fo.Release, _ = web.ServedRelease(ctx, db)
		}
		var x *format.Export
		if o.release != "" {
			if !q.IsZero() {
				return usagef("tokumu export --release R --format yaml -o DIR", "--release exports a whole release: leave out --entity, --from, --to, --type and --tag")
			}
			var done bool
			done, x, err = exportImportName(ctx, m, db, f, o, fo)
			switch {
			case done || err != nil:
				return err
			case x == nil:
				x, err = releaseExport(ctx, db, o.release, fo)
			}
		} else {
			x, err = format.NewExport(ctx, db, q, fo)
		}
		if err != nil {
			return err
		}
		if f.Name == "yaml" && o.out != "" && !strings.HasSuffix(o.out, ".zip") {
			return writeYAMLDir(ctx, x, o.out)
		}
		var w io.Writer = m.Stdout
		var file *os.File
		if o.out != "" {
			file, err = os.Create(o.out)
			if err != nil {
				return err
			}
			defer file.Close()
			w = file
		}
		bw := bufio.NewWriterSize(w, 256<<10)
		if err := f.Write(ctx, bw, x); err != nil {
			if file != nil {
				file.Close()
				os.Remove(o.out) // no half-written export left behind
			}
			return err
		}
		if err := bw.Flush(); err != nil {
			return err
		}
		if file != nil {
			if err := file.Close(); err != nil {
				return err
			}
			fmt.Fprintf(m.Stderr, "wrote %s (%s, %d entities, %d claims, %d sources)\n", o.out, f.Name, len(x.EntityIDs()), x.ClaimCount(), len(x.Sources()))
		}
		return nil
	},
}

// writeYAMLDir writes the export as a corpus directory.
func writeYAMLDir(ctx context.Context, x *format.Export, dir string) error {
	if ents, err := os.ReadDir(dir); err == nil && len(ents) > 0 {
		return tokumu.Errorf(tokumu.EINVALID, "-o %s is not empty: write a corpus into a new or empty directory", dir)
	}
	return writeYAMLCorpus(ctx, x, func(p string, f func(io.Writer) error) error {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return err
		}
		file, err := os.Create(full)
		if err != nil {
			return err
		}
		bw := bufio.NewWriter(file)
		if err := f(bw); err != nil {
			file.Close()
			return err
		}
		if err := bw.Flush(); err != nil {
			file.Close()
			return err
		}
		return file.Close()
	})
}

func init() {
	cmdExport.summary = strings.Replace(cmdExport.summary, "%FORMATS%", strings.Join(format.Names(), ", "), 1)
}

// linkedData are the formats whose IRIs --base sets.
var linkedData = map[string]bool{"turtle": true, "ntriples": true, "jsonld": true, "lpf": true}

// exportImportName answers --release R where R is no created release but
// the name the served data is cited by: the import's, the hash of the
// corpus files it was read from. For the embedded corpus, unedited, those
// files are in the binary, and --format yaml writes them byte for byte
// (their hash is R); another format writes their data. For a database
// imported from files elsewhere, the files are not in the database: it
// writes the data as imported (edits since rolled back from the history,
// tokumu.RollBack), in the exporter's own files, which hash to another
// name, and says so. It reports whether it answered, or the export to
// write.
func exportImportName(ctx context.Context, m *Main, db tokumu.Store, f *format.Format, o exportFlags, fo format.Options) (done bool, x *format.Export, err error) {
	if rs, ok := db.(tokumu.Releases); ok {
		if _, err := rs.ReleaseDataset(ctx, o.release); err == nil {
			return false, nil, nil // a created release of that name
		}
	}
	hash, err := db.Hash(ctx)
	if err != nil || hash == "" || web.ReleaseOf(hash) != o.release {
		return false, nil, err
	}
	rev, err := tokumu.HeadRevision(ctx, db)
	if err != nil {
		return true, nil, err
	}
	since, err := tokumu.ImportRevision(ctx, db)
	if err != nil {
		return true, nil, err
	}
	if !strings.HasPrefix(hash, embeddedPrefix) || rev > since {
		ds, _, err := readStable(ctx, db)
		if err != nil {
			return true, nil, err
		}
		if ds, err = tokumu.RollBack(ctx, db, ds, since); err != nil {
			return true, nil, err
		}
		if f.Name == "yaml" {
			fmt.Fprintf(m.Stderr, "release %s is the corpus as imported; these are the exporter's files of its data, which hash to another name (the files imported were release %s byte for byte)\n", o.release, o.release)
		}
		x, err := datasetExport(ctx, ds, fo)
		return false, x, err
	}
	if f.Name != "yaml" {
		x, err := format.NewExport(ctx, db, format.Query{}, fo)
		return false, x, err // the embedded corpus's data, as the database holds it
	}
	put := func(write func(p string, data []byte) error) error {
		return fs.WalkDir(corpus.FS, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".yaml") {
				return err
			}
			data, err := fs.ReadFile(corpus.FS, p)
			if err != nil {
				return err
			}
			return write(p, data)
		})
	}
	if o.out != "" && !strings.HasSuffix(o.out, ".zip") {
		if ents, err := os.ReadDir(o.out); err == nil && len(ents) > 0 {
			return true, nil, tokumu.Errorf(tokumu.EINVALID, "-o %s is not empty: write a corpus into a new or empty directory", o.out)
		}
		err := put(func(p string, data []byte) error {
			full := filepath.Join(o.out, filepath.FromSlash(p))
			if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
				return err
			}
			return os.WriteFile(full, data, 0o644)
		})
		if err == nil {
			fmt.Fprintf(m.Stderr, "wrote %s: the embedded corpus's own files, release %s\n", o.out, o.release)
		}
		return true, nil, err
	}
	var w io.Writer = m.Stdout
	if o.out != "" {
		file, err := os.Create(o.out)
		if err != nil {
			return true, nil, err
		}
		defer file.Close()
		w = file
	}
	zw := zip.NewWriter(w)
	if err := put(func(p string, data []byte) error {
		fw, err := zw.Create(p)
		if err == nil {
			_, err = fw.Write(data)
		}
		return err
	}); err != nil {
		return true, nil, err
	}
	return true, nil, zw.Close()
}
