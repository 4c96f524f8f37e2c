-- Editing (tokumu.Editor): every revision, and every change with the
-- object before and after it (JSON; '' for none), written in the same
-- transaction as the change itself. An object's version is the newest
-- revision that changed it; objects only imported have version 0.
CREATE TABLE revision (
	id      INTEGER PRIMARY KEY,  -- assigned inside the write transaction: numbers follow commit order
	base    INTEGER NOT NULL,
	author  TEXT NOT NULL,
	time    TEXT NOT NULL,        -- RFC 3339, UTC, microseconds
	message TEXT NOT NULL
);
CREATE INDEX revision_author ON revision(author, id);

CREATE TABLE change (
	rev    INTEGER NOT NULL,
	ord    INTEGER NOT NULL,
	op     TEXT NOT NULL,
	kind   TEXT NOT NULL,
	id     TEXT NOT NULL,
	before TEXT NOT NULL,
	after  TEXT NOT NULL,
	PRIMARY KEY (rev, ord)
) WITHOUT ROWID;
CREATE INDEX change_object ON change(kind, id, rev);
