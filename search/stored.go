package search

import (
	"context"

	"github.com/tokumu/tokumu"
)

// A store may keep the encoded index beside the data (the SQLite store
// does, in its blob table, written at import), under BlobName with the key
// BlobKey(the dataset's hash): a binary that indexes differently, or a
// store with other content, never reads a stale index.
const BlobName = "search-index"

// BlobKey is the key of the stored index of the dataset with this hash.
func BlobKey(hash string) string { return Fingerprint() + ":" + hash }

// BlobStore is a store that keeps derived data beside its content.
type BlobStore interface {
	Blob(ctx context.Context, name, key string) (data []byte, ok bool, err error)
}

// Load returns the index stored with st for its current content, decoded
// (at 1M claims, a fraction of a second against ~30 s for Build), or, when
// st keeps none or an unreadable one, Build's. stored reports which.
func Load(ctx context.Context, st tokumu.Store) (ix *Index, stored bool, err error) {
	if bs, ok := st.(BlobStore); ok {
		if hash, err := st.Hash(ctx); err == nil && hash != "" {
			if data, ok, err := bs.Blob(ctx, BlobName, BlobKey(hash)); err == nil && ok {
				if ix, err := Decode(data); err == nil {
					return ix, true, nil
				}
			}
		}
	}
	ix, err = Build(ctx, st)
	return ix, false, err
}
