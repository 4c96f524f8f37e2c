-- The corpus: vocabulary, bibliography, entities with their names, claims,
-- as in the SQLite store. Every id column uses the "C" collation, so that
-- orders and comparisons are byte by byte whatever the database's locale
-- (the Store contract's order). Times are yyyymmdd integers (tokumu.Day):
-- lo/hi the outer bounds, ls/ee the inner ones; NULL when undated.
CREATE TABLE meta (
	key   TEXT COLLATE "C" PRIMARY KEY,
	value TEXT NOT NULL
);

CREATE TABLE predicate (
	id        TEXT COLLATE "C" PRIMARY KEY,
	ord       INTEGER NOT NULL,
	label     TEXT NOT NULL,  -- JSON {"en":…,"ja":…,"ru":…}
	inverse   TEXT NOT NULL,  -- JSON
	domain    TEXT NOT NULL,  -- JSON list of entity types
	range_    TEXT NOT NULL,  -- JSON list of entity types
	literal   TEXT NOT NULL,
	hierarchy BOOLEAN NOT NULL,
	roles     TEXT NOT NULL,  -- JSON list of tokumu.Role
	origin    TEXT NOT NULL
);

CREATE TABLE source (
	id   TEXT COLLATE "C" PRIMARY KEY,
	kind TEXT NOT NULL,
	data TEXT NOT NULL        -- JSON of the CSL fields
);

CREATE TABLE entity (
	id      TEXT COLLATE "C" PRIMARY KEY,
	type    TEXT COLLATE "C" NOT NULL,
	summary TEXT NOT NULL,    -- JSON {"en":…}
	tags    TEXT NOT NULL,    -- JSON list or ''
	origin  TEXT NOT NULL
);
CREATE INDEX entity_type ON entity(type, id);

CREATE TABLE name (
	entity TEXT COLLATE "C" NOT NULL,
	ord    INTEGER NOT NULL,
	text   TEXT NOT NULL,
	lang   TEXT NOT NULL,
	kind   TEXT NOT NULL,
	when_  TEXT NOT NULL,  -- JSON: EDTF, original text, bounds; '' if undated
	source TEXT NOT NULL,
	PRIMARY KEY (entity, ord)
);

CREATE TABLE claim (
	id             TEXT COLLATE "C" PRIMARY KEY,
	subject        TEXT COLLATE "C" NOT NULL,
	predicate      TEXT COLLATE "C" NOT NULL,
	object         TEXT COLLATE "C",
	value          TEXT NOT NULL,
	unit           TEXT NOT NULL,
	role           TEXT NOT NULL,
	lang           TEXT NOT NULL,
	edtf           TEXT NOT NULL,
	edtf_text      TEXT NOT NULL,
	lo             BIGINT,
	ls             BIGINT,
	ee             BIGINT,
	hi             BIGINT,
	interval       BOOLEAN NOT NULL,
	place          TEXT NOT NULL,
	source         TEXT COLLATE "C" NOT NULL,
	locator        TEXT NOT NULL,
	grade          TEXT NOT NULL,
	perspective    TEXT COLLATE "C" NOT NULL,
	planted_by     TEXT NOT NULL,
	note           TEXT NOT NULL,
	supported_by   TEXT NOT NULL,  -- JSON list or ''
	complicated_by TEXT NOT NULL,
	origin         TEXT NOT NULL
);
CREATE INDEX claim_subject ON claim(subject, predicate, lo NULLS FIRST, id);
CREATE INDEX claim_object ON claim(object, lo, hi) WHERE object IS NOT NULL;
CREATE INDEX claim_source ON claim(source);
CREATE INDEX claim_predicate ON claim(predicate, lo);
