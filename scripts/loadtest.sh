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
set -euo pipefail
cd "$(dirname "$0")/.."
DB=${1:-}
PORT=${PORT:-18540}
CLIENTS=${CLIENTS:-20}
DURATION=${DURATION:-20s}
RSS_MAX_MB=${RSS_MAX_MB:-600}
KILLERS=${KILLERS:-true}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bin=${TOKUMU_BIN:-$work/tokumu}
[ -n "${TOKUMU_BIN:-}" ] || go build -o "$bin" ./cmd/tokumu
go build -o "$work/loadtest" ./internal/loadtest/cmd/loadtest
export XDG_CACHE_HOME="$work/cache"
dbflag=()
[ -n "$DB" ] && dbflag=(--db "$DB")
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
"$work/loadtest" -base "http://127.0.0.1:$PORT" -c "$CLIENTS" -d "$DURATION" -killers="$KILLERS" || status=$?
if ! kill -0 $pid 2>/dev/null; then
	echo "FAIL: the server died"; tail -5 "$work/serve.log"; exit 1
fi
hwm=$(awk '/^VmHWM/ {print int($2/1024)}' /proc/$pid/status)
echo "server RSS now $(rss) MB, peak $hwm MB (bound $RSS_MAX_MB MB)"
kill $pid; wait $pid 2>/dev/null || true
if [ "$hwm" -gt "$RSS_MAX_MB" ]; then echo "FAIL: peak RSS $hwm MB > $RSS_MAX_MB MB"; exit 1; fi
exit $status
