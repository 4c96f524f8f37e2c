#!/usr/bin/env bash
# Sourced by scripts/test.sh (or run as `source scripts/test-postgres.sh`
# by hand before `go test ./postgres/`): starts a throwaway PostgreSQL
# cluster for the postgres store's tests and exports its DSN as
# TOKUMU_TEST_POSTGRES. The cluster lives in a temporary directory, listens
# on 127.0.0.1 only, on its own port, with its unix socket in that
# directory, so it never meets a server the machine already runs; an EXIT
# trap stops it and removes the directory. Debian's postgresql package is
# installed when no PostgreSQL server binaries are found.

pg_bindir() {
	if command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then
		dirname "$(command -v pg_ctl)"
		return
	fi
	# Debian keeps the server binaries off PATH, one directory per version.
	ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

if [ -z "$(pg_bindir)" ] || [ ! -x "$(pg_bindir)/initdb" ]; then
	echo "== installing postgresql (for the postgres store's tests)"
	sudo=""
	if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get update -q
	$sudo apt-get install -y -q --no-install-recommends postgresql
fi
PG_BIN=$(pg_bindir)

PG_DIR=$(mktemp -d /tmp/tokumu-pg.XXXXXX)
# initdb and postgres refuse to run as root: run them as an unprivileged
# user (Debian's postgres, which the package creates, else nobody).
pg_as=()
if [ "$(id -u)" -eq 0 ]; then
	pg_user=postgres
	id "$pg_user" >/dev/null 2>&1 || pg_user=nobody
	chown "$pg_user" "$PG_DIR"
	pg_as=(runuser -u "$pg_user" --)
fi

tokumu_pg_stop() {
	"${pg_as[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
	rm -rf "$PG_DIR"
}
trap tokumu_pg_stop EXIT

echo "== starting a throwaway PostgreSQL cluster in $PG_DIR"
# UTF-8 and the C locale: the store refuses any other encoding, and C is
# the byte order of ids the store contract asks for.
"${pg_as[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -E UTF8 --locale=C --auth=trust >"$PG_DIR/initdb.log" 2>&1 ||
	{ cat "$PG_DIR/initdb.log"; exit 1; }
PG_PORT=""
for _ in 1 2 3 4 5 6 7 8; do
	port=$((20000 + RANDOM % 20000))
	if "${pg_as[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 30 \
		-o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$PG_DIR -c fsync=off -c max_connections=200" \
		start >/dev/null; then
		PG_PORT=$port
		break
	fi
done
if [ -z "$PG_PORT" ]; then
	echo "could not start PostgreSQL; its log:"; cat "$PG_DIR/server.log"; exit 1
fi
export TOKUMU_TEST_POSTGRES="postgres://postgres@127.0.0.1:$PG_PORT/postgres?sslmode=disable"
echo "TOKUMU_TEST_POSTGRES=$TOKUMU_TEST_POSTGRES"
