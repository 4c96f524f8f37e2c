#!/usr/bin/env bash
# The load-and-abuse test (internal/loadtest) against the real binary on
# loopback: 20 well-formed clients for 20 s while 200 idle keep-alive
# connections, slow headers, slow bodies, slow readers, huge URLs and
# headers and the parameters that once killed the server are mixed in.
# It fails on any error of a well-formed request, if the server does not
# answer afterwards, or if its peak RSS passes RSS_MAX_MB.
#
#   bash scripts/loadtest.sh                 # the embedded corpus
#   bash scripts/loadtest.sh path/to/x.db    # a database of your own
#   TOKUMU_BIN=/tmp/old-tokumu KILLERS=false bash scripts/loadtest.sh   # a baseline binary
#
# TEAM=1 runs the team server's load instead (internal/loadtest/team.go):
# CLIENTS readers alone for DURATION, then the same readers with EDITORS
# editors writing through the API for DURATION; it fails on any error and
# on any lost update (a claim whose counter is not its successful writes).
# It adds an editor account and rewrites some claims' locators: give it a
# throwaway database (the default, the embedded corpus in a temporary
# cache, is one; so is a fresh PostgreSQL schema).
#
#   TEAM=1 CLIENTS=16 EDITORS=4 DURATION=60s bash scripts/loadtest.sh
#   TEAM=1 CLIENTS=16 EDITORS=4 DURATION=60s bash scripts/loadtest.sh 'postgres://u@127.0.0.1:5432/db?search_path=lt'
set -euo pipefail
cd "$(dirname "$0")/.."
DB=${1:-}
PORT=${PORT:-18540}
CLIENTS=${CLIENTS:-20}
DURATION=${DURATION:-20s}
RSS_MAX_MB=${RSS_MAX_MB:-600}
KILLERS=${KILLERS:-true}
TEAM=${TEAM:-0}
EDITORS=${EDITORS:-4}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bin=${TOKUMU_BIN:-$work/tokumu}
[ -n "${TOKUMU_BIN:-}" ] || go build -o "$bin" ./cmd/tokumu
go build -o "$work/loadtest" ./internal/loadtest/cmd/loadtest
export XDG_CACHE_HOME="$work/cache"
dbflag=()
[ -n "$DB" ] && dbflag=(--db "$DB")
if [ "$TEAM" = 1 ]; then
	# The token goes to the load test through the environment, never a
	# command line that ps would show.
	TOKUMU_TOKEN=$("$bin" user add "loadtest-$$" --role editor "${dbflag[@]}" | grep '^tokumu_')
	export TOKUMU_TOKEN
fi
"$bin" serve --addr "127.0.0.1:$PORT" "${dbflag[@]}" 2>"$work/serve.log" &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 600); do
	curl -sf -o /dev/null "http://127.0.0.1:$PORT/api/stats" && break
	kill -0 $pid 2>/dev/null || { cat "$work/serve.log"; exit 1; }
	sleep 0.1
done
rss() { awk '/^VmRSS/ {print int($2/1024)}' /proc/$pid/status 2>/dev/null || echo 0; }
echo "server pid $pid, RSS at start $(rss) MB"
status=0
if [ "$TEAM" = 1 ]; then
	"$work/loadtest" -base "http://127.0.0.1:$PORT" -c "$CLIENTS" -d "$DURATION" -editors "$EDITORS" || status=$?
else
	"$work/loadtest" -base "http://127.0.0.1:$PORT" -c "$CLIENTS" -d "$DURATION" -killers="$KILLERS" || status=$?
fi
if ! kill -0 $pid 2>/dev/null; then
	echo "FAIL: the server died"; tail -5 "$work/serve.log"; exit 1
fi
hwm=$(awk '/^VmHWM/ {print int($2/1024)}' /proc/$pid/status)
echo "server RSS now $(rss) MB, peak $hwm MB (bound $RSS_MAX_MB MB)"
kill $pid; wait $pid 2>/dev/null || true
if [ "$hwm" -gt "$RSS_MAX_MB" ]; then echo "FAIL: peak RSS $hwm MB > $RSS_MAX_MB MB"; exit 1; fi
exit $status
