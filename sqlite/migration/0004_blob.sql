-- Derived data kept with the database so that a command need not rebuild
-- it from the claims on every start: the search index, written at import.
-- key says what the blob was built from (the dataset hash and the
-- builder's version); a reader uses a blob only if its key matches.
CREATE TABLE blob (
	name TEXT PRIMARY KEY,
	key  TEXT NOT NULL,
	data BLOB NOT NULL
);
