-- The corpus: vocabulary, bibliography, entities with their names, claims.
-- Times are stored as yyyymmdd integers (see tokumu.Day): lo/hi are the
-- outer bounds, ls/ee the inner ones, so "what held on day D" is
-- lo <= D AND hi >= D on an index.
CREATE TABLE meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE predicate (
	id        TEXT PRIMARY KEY,
	ord       INTEGER NOT NULL,
	label     TEXT NOT NULL,  -- JSON {"en":…,"ja":…,"ru":…}
	inverse   TEXT NOT NULL,  -- JSON
	domain    TEXT NOT NULL,  -- JSON list of entity types
	range_    TEXT NOT NULL,  -- JSON list of entity types
	literal   TEXT NOT NULL,
	hierarchy INTEGER NOT NULL,
	origin    TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE source (
	id   TEXT PRIMARY KEY,
	kind TEXT NOT NULL,
	data TEXT NOT NULL        -- JSON of the CSL fields
) WITHOUT ROWID;

CREATE TABLE entity (
	id      TEXT PRIMARY KEY,
	type    TEXT NOT NULL,
	summary TEXT NOT NULL,    -- JSON {"en":…}
	tags    TEXT NOT NULL,    -- JSON list
	origin  TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX entity_type ON entity(type, id);

CREATE TABLE name (
	entity TEXT NOT NULL,
	ord    INTEGER NOT NULL,
	text   TEXT NOT NULL,
	lang   TEXT NOT NULL,
	kind   TEXT NOT NULL,
	when_  TEXT NOT NULL,  -- JSON: EDTF, original text, bounds
	source TEXT NOT NULL,
	PRIMARY KEY (entity, ord)
) WITHOUT ROWID;

CREATE TABLE claim (
	seq            INTEGER PRIMARY KEY,
	id             TEXT NOT NULL,
	subject        TEXT NOT NULL,
	predicate      TEXT NOT NULL,
	object         TEXT,
	value          TEXT NOT NULL,
	unit           TEXT NOT NULL,
	role           TEXT NOT NULL,
	lang           TEXT NOT NULL,
	edtf           TEXT NOT NULL,
	edtf_text      TEXT NOT NULL,
	lo             INTEGER,
	ls             INTEGER,
	ee             INTEGER,
	hi             INTEGER,
	interval       INTEGER NOT NULL,
	place          TEXT NOT NULL,
	source         TEXT NOT NULL,
	locator        TEXT NOT NULL,
	grade          TEXT NOT NULL,
	perspective    TEXT NOT NULL,
	planted_by     TEXT NOT NULL,
	note           TEXT NOT NULL,
	supported_by   TEXT NOT NULL,  -- JSON list or ''
	complicated_by TEXT NOT NULL,
	origin         TEXT NOT NULL
);
