-- Editing (tokumu.Editor): every revision, and every change with the
-- object before and after it (JSON; '' for none), written in the same
-- transaction as the change itself. An object's version is the newest
-- revision that changed it; objects only imported have version 0.
CREATE TABLE revision (
	id      BIGINT PRIMARY KEY,  -- assigned under the edit lock: numbers follow commit order
	base    BIGINT NOT NULL,
	author  TEXT COLLATE "C" NOT NULL,
	time    TIMESTAMPTZ NOT NULL,
	message TEXT NOT NULL
);
CREATE INDEX revision_author ON revision(author, id);

CREATE TABLE change (
	rev    BIGINT NOT NULL REFERENCES revision(id),
	ord    INTEGER NOT NULL,
	op     TEXT NOT NULL,
	kind   TEXT COLLATE "C" NOT NULL,
	id     TEXT COLLATE "C" NOT NULL,
	before TEXT NOT NULL,
	after  TEXT NOT NULL,
	PRIMARY KEY (rev, ord)
);
CREATE INDEX change_object ON change(kind, id, rev);
