-- Releases (tokumu.Releases): frozen snapshots a permalink can cite. A
-- release lists its objects; each object's JSON body is kept once, under
-- its SHA-256, however many releases hold it, so a release of a corpus
-- that changed a little costs its object rows, not a second copy.
CREATE TABLE corpus_release (
	name     TEXT PRIMARY KEY,    -- the hash's first 12 hex digits
	hash     TEXT NOT NULL,
	revision INTEGER NOT NULL,
	created  TEXT NOT NULL,       -- RFC 3339, UTC
	note     TEXT NOT NULL,
	entities INTEGER NOT NULL,
	claims   INTEGER NOT NULL,
	sources  INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE release_body (
	sum  TEXT PRIMARY KEY,
	body TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE release_object (
	rel  TEXT NOT NULL,
	kind TEXT NOT NULL,           -- settings, predicate, source, entity, claim
	id   TEXT NOT NULL,
	ord  INTEGER NOT NULL,
	sum  TEXT NOT NULL,
	PRIMARY KEY (rel, kind, id)
) WITHOUT ROWID;
CREATE INDEX release_object_ord ON release_object(rel, kind, ord);
