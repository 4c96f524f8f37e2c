-- Releases (tokumu.Releases): frozen snapshots a permalink can cite. A
-- release lists its objects; each object's JSON body is kept once, under
-- its SHA-256, however many releases hold it, so a release of a corpus
-- that changed a little costs its object rows, not a second copy.
CREATE TABLE corpus_release (
	name     TEXT COLLATE "C" PRIMARY KEY,  -- the hash's first 12 hex digits
	hash     TEXT NOT NULL,
	revision BIGINT NOT NULL,
	created  TIMESTAMPTZ NOT NULL,
	note     TEXT NOT NULL,
	entities INTEGER NOT NULL,
	claims   INTEGER NOT NULL,
	sources  INTEGER NOT NULL
);

CREATE TABLE release_body (
	sum  TEXT COLLATE "C" PRIMARY KEY,
	body TEXT NOT NULL
);

CREATE TABLE release_object (
	rel  TEXT COLLATE "C" NOT NULL REFERENCES corpus_release(name),
	kind TEXT COLLATE "C" NOT NULL,           -- settings, predicate, source, entity, claim
	id   TEXT COLLATE "C" NOT NULL,
	ord  INTEGER NOT NULL,
	sum  TEXT COLLATE "C" NOT NULL REFERENCES release_body(sum),
	PRIMARY KEY (rel, kind, id)
);
CREATE INDEX release_object_ord ON release_object(rel, kind, ord);
