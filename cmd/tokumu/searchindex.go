package main

import (
	"context"

	"github.com/tokumu/tokumu/search"
	"github.com/tokumu/tokumu/sqlite"
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
