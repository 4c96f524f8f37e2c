package main

import (
	"context"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/search"
	"github.com/tokumu/tokumu/sqlite"
	"github.com/tokumu/tokumu/view"
)

// The search index is kept in the database (sqlite's blob table), built
// at import, so that "tokumu search" decodes it in milliseconds instead of
// rebuilding it, and loading kagome's dictionary, on every call. Its key
// is the search package's fingerprint and the dataset's hash: a binary
// that indexes differently, or a database with other content, never
// reads a stale index; it builds one and stores it for the next call.

const searchBlob = search.BlobName

func searchKey(hash string) string { return search.BlobKey(hash) }

// loadSearchIndex returns db's stored search index, or builds it, and
// stores it when it can (a database imported by an older tokumu has none).
func loadSearchIndex(ctx context.Context, db *sqlite.DB) (*search.Index, error) {
	hash, err := db.Hash(ctx)
	if err != nil {
		return nil, err
	}
	if hash != "" {
		data, ok, err := db.Blob(ctx, searchBlob, searchKey(hash))
		if err == nil && ok {
			if ix, err := search.Decode(data); err == nil {
				return ix, nil
			}
		}
	}
	ix, err := search.Build(ctx, db)
	if err != nil {
		return nil, err
	}
	if hash != "" {
		if data, err := ix.Encode(); err == nil {
			db.PutBlob(ctx, searchBlob, searchKey(hash), data) // a cache: a read-only file just goes without
		}
	}
	return ix, nil
}

// storeCorpusModel stores the corpus read model of the new database db
// (view.LoadCorpusStored), so that a starting server decodes it instead
// of reading 100k entities and the claims of eight roles (2.5 s of a
// 1M-claim start). It is read back from db by LoadCorpus, the code a
// server without it runs, so the two cannot differ; it runs while the
// search index is still being built on the other core.
func storeCorpusModel(ctx context.Context, db *sqlite.DB, hash string) error {
	c, err := view.LoadCorpus(ctx, db)
	if err != nil {
		return err
	}
	data, err := c.Encode()
	if err != nil {
		return err
	}
	rev, err := tokumu.HeadRevision(ctx, db)
	if err != nil {
		return err
	}
	return db.PutBlob(ctx, view.CorpusBlobName, view.CorpusBlobKey(hash, rev), data)
}
