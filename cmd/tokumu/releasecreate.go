package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"testing/fstest"
	"time"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/format"
	"github.com/tokumu/tokumu/memstore"
	"github.com/tokumu/tokumu/yamlcorpus"
)

// Releases of a living database (tokumu release create and list; export
// --release). A release is the database's whole content frozen in the
// store (tokumu.Releases), named by the hash of the YAML corpus it exports
// as: the corpus loader's hash (yamlcorpus.Hash), so that importing a
// release's export gives a database whose footer shows that release.

// releaseStore returns the database's releases, or why it keeps none.
func releaseStore(db tokumu.Store) (tokumu.Releases, error) {
	rs, ok := db.(tokumu.Releases)
	if !ok {
		return nil, fmt.Errorf("this database keeps no releases")
	}
	return rs, nil
}

// readStore reads the store's whole content.
func readStore(ctx context.Context, db tokumu.Store) (*tokumu.Dataset, error) {
	ds := &tokumu.Dataset{}
	var err error
	if ds.Predicates, err = db.Predicates(ctx); err != nil {
		return nil, err
	}
	if ds.Sources, err = db.Sources(ctx); err != nil {
		return nil, err
	}
	if ds.Entities, err = db.Entities(ctx, tokumu.EntityFilter{}); err != nil {
		return nil, err
	}
	if ds.Claims, err = db.Claims(ctx, tokumu.ClaimFilter{}); err != nil {
		return nil, err
	}
	st, err := db.Settings(ctx)
	if err != nil {
		return nil, err
	}
	ds.Settings = *st
	return ds, nil
}

// readStable reads the store's content between two reads of its newest
// revision that agree, so that no edit falls between the reads of its
// parts (an edit meanwhile makes it read again, at most five times).
func readStable(ctx context.Context, db tokumu.Store) (*tokumu.Dataset, int64, error) {
	for range 5 {
		before, err := tokumu.HeadRevision(ctx, db)
		if err != nil {
			return nil, 0, err
		}
		ds, err := readStore(ctx, db)
		if err != nil {
			return nil, 0, err
		}
		after, err := tokumu.HeadRevision(ctx, db)
		if err != nil {
			return nil, 0, err
		}
		if before == after {
			return ds, after, nil
		}
	}
	return nil, 0, tokumu.Errorf(tokumu.ECONFLICT, "the database kept changing while it was read (five tries); create the release when edits pause")
}

// datasetExport prepares the export of a whole dataset, held in memory.
func datasetExport(ctx context.Context, ds *tokumu.Dataset, o format.Options) (*format.Export, error) {
	mem := memstore.New()
	if err := mem.Replace(ctx, ds); err != nil {
		return nil, err
	}
	return format.NewExport(ctx, mem, format.Query{}, o)
}

// corpusHash is the hash of the YAML corpus ds exports as: the corpus
// loader's hash of those files (written in memory).
func corpusHash(ctx context.Context, ds *tokumu.Dataset) (string, error) {
	x, err := datasetExport(ctx, ds, format.Options{})
	if err != nil {
		return "", err
	}
	files := fstest.MapFS{}
	err = writeYAMLCorpus(ctx, x, func(p string, f func(io.Writer) error) error {
		var b bytes.Buffer
		if err := f(&b); err != nil {
			return err
		}
		files[p] = &fstest.MapFile{Data: b.Bytes(), Mode: 0o644}
		return nil
	})
	if err != nil {
		return "", err
	}
	return yamlcorpus.Hash(files)
}

func releaseCreate(ctx context.Context, m *Main, note string) error {
	db, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	rs, err := releaseStore(db)
	if err != nil {
		return err
	}
	ds, head, err := readStable(ctx, db)
	if err != nil {
		return err
	}
	hash, err := corpusHash(ctx, ds)
	if err != nil {
		return err
	}
	r := &tokumu.Release{Name: tokumu.ReleaseName(hash), Hash: hash, Revision: head, Created: time.Now().UTC().Truncate(time.Microsecond),
		Note: note, Entities: len(ds.Entities), Claims: len(ds.Claims), Sources: len(ds.Sources)}
	if old, err := rs.Release(ctx, r.Name); err == nil {
		if m.JSON {
			return writeJSON(m.Stdout, old)
		}
		fmt.Fprintf(m.Stdout, "release %s exists already (created %s): the database has not changed since\n", old.Name, old.Created.Format(time.RFC3339))
		return nil
	} else if tokumu.ErrorCode(err) != tokumu.ENOTFOUND {
		return err
	}
	if err := rs.CreateRelease(ctx, r, ds); err != nil {
		return err
	}
	if m.JSON {
		return writeJSON(m.Stdout, r)
	}
	fmt.Fprintf(m.Stdout, "release %s: %d entities, %d claims, %d sources, up to revision %d\n", r.Name, r.Entities, r.Claims, r.Sources, r.Revision)
	fmt.Fprintf(m.Stdout, "cite a claim as /releases/%s/claims/ID; write it out with: tokumu export --release %s --format yaml -o DIR\n", r.Name, r.Name)
	return nil
}

func releaseList(ctx context.Context, m *Main) error {
	db, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	rs, err := releaseStore(db)
	if err != nil {
		return err
	}
	l, err := rs.ListReleases(ctx)
	if err != nil {
		return err
	}
	if m.JSON {
		return writeJSON(m.Stdout, l)
	}
	if len(l) == 0 {
		fmt.Fprintln(m.Stdout, "no releases yet: make one with tokumu release create")
		return nil
	}
	for _, r := range l {
		fmt.Fprintf(m.Stdout, "%s  %s  r%d  %d entities, %d claims, %d sources", r.Name, r.Created.Format("2006-01-02 15:04"), r.Revision, r.Entities, r.Claims, r.Sources)
		if r.Note != "" {
			fmt.Fprintf(m.Stdout, "  %s", r.Note)
		}
		fmt.Fprintln(m.Stdout)
	}
	return nil
}

// releaseExport prepares the export of release name from db.
func releaseExport(ctx context.Context, db tokumu.Store, name string, o format.Options) (*format.Export, error) {
	if err := tokumu.CheckReleaseName(name); err != nil {
		return nil, err
	}
	rs, err := releaseStore(db)
	if err != nil {
		return nil, err
	}
	ds, err := rs.ReleaseDataset(ctx, name)
	if err != nil {
		return nil, err
	}
	return datasetExport(ctx, ds, o)
}
