-- Accounts and their tokens (tokumu.Accounts). A token row keeps the
-- SHA-256 of the token's secret, never the secret; the id is the part of
-- the token's text that finds the row.
CREATE TABLE account (
	name    TEXT PRIMARY KEY,
	role    TEXT NOT NULL,
	created TEXT NOT NULL         -- RFC 3339, UTC
) WITHOUT ROWID;

CREATE TABLE token (
	id      TEXT PRIMARY KEY,
	account TEXT NOT NULL REFERENCES account(name),
	kind    TEXT NOT NULL,        -- api or session
	hash    BLOB NOT NULL,
	created TEXT NOT NULL,
	expires TEXT NOT NULL,        -- '' for never
	revoked TEXT NOT NULL         -- '' while valid
) WITHOUT ROWID;
CREATE INDEX token_account ON token(account, created);
