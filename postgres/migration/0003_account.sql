-- Accounts and their tokens (tokumu.Accounts), as in the SQLite store. A
-- token row keeps the SHA-256 of the token's secret, never the secret.
CREATE TABLE account (
	name    TEXT COLLATE "C" PRIMARY KEY,
	role    TEXT NOT NULL,
	created TIMESTAMPTZ NOT NULL
);

CREATE TABLE token (
	id      TEXT COLLATE "C" PRIMARY KEY,
	account TEXT COLLATE "C" NOT NULL REFERENCES account(name),
	kind    TEXT NOT NULL,
	hash    BYTEA NOT NULL,
	created TIMESTAMPTZ NOT NULL,
	expires TIMESTAMPTZ,          -- NULL for never
	revoked TIMESTAMPTZ           -- NULL while valid
);
CREATE INDEX token_account ON token(account, created);
