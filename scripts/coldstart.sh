#!/usr/bin/env bash
# Cold start of `tokumu serve`: seconds from the exec to the first
# answered /api/stats (curl polling every 20 ms), the CPU the process had
# used by then, and its RSS then. BENCHMARKS.md's cold-start table is made
# with it, old and new binaries alternated in one session:
#
#   bash scripts/coldstart.sh BINARY DB           # warm (the file as the page cache has it)
#   COLD=1 bash scripts/coldstart.sh BINARY DB    # drops the page cache first (needs root)
#   PROFILE=/tmp/start.prof bash scripts/coldstart.sh BINARY DB
#   SEARCH=word bash scripts/coldstart.sh BINARY DB   # also the first answered /api/search?q=word
#
# PROFILE writes a CPU profile (TOKUMU_CPUPROFILE) of the run up to the
# first answer: the server is interrupted as soon as it answers.
# It prints one line: binary, seconds, CPU seconds, RSS MB, load average.
set -euo pipefail
BIN=${1:?usage: coldstart.sh BINARY DB}
DB=${2:?usage: coldstart.sh BINARY DB}
PORT=${PORT:-18611}
if [[ ${COLD:-} == 1 ]]; then
	sync
	if ! echo 3 >/proc/sys/vm/drop_caches 2>/dev/null; then
		echo "coldstart.sh: cannot drop the page cache (not root?)" >&2
		exit 1
	fi
fi
LOG=$(mktemp)
trap 'rm -f "$LOG"' EXIT
t0=$(date +%s%N)
TOKUMU_CPUPROFILE=${PROFILE:-} "$BIN" serve --db "$DB" --addr "127.0.0.1:$PORT" 2>"$LOG" &
pid=$!
until curl -sf -o /dev/null "http://127.0.0.1:$PORT/api/stats"; do
	if ! kill -0 "$pid" 2>/dev/null; then
		cat "$LOG" >&2
		exit 1
	fi
	sleep 0.02
done
t1=$(date +%s%N)
# utime + stime in clock ticks (fields 14 and 15 of /proc/PID/stat).
read -r ut st < <(awk '{print $14, $15}' "/proc/$pid/stat")
rss=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status")
t2=$t1
if [[ -n ${SEARCH:-} ]]; then
	# The first answered search: a first state is published before its
	# search index is loaded, and searches wait for it.
	curl -sf -o /dev/null "http://127.0.0.1:$PORT/api/search?q=$SEARCH"
	t2=$(date +%s%N)
fi
kill -INT "$pid"
wait "$pid" || true
tick=$(getconf CLK_TCK)
awk -v b="$BIN" -v t0="$t0" -v t1="$t1" -v ut="$ut" -v st="$st" -v tick="$tick" -v rss="$rss" -v load="$(cut -d' ' -f1-3 /proc/loadavg)" \
	-v t2="$t2" 'BEGIN { printf "%s first answer %.2f s, CPU %.2f s, RSS %.0f MB, first search %.2f s, load %s\n", b, (t1-t0)/1e9, (ut+st)/tick, rss/1024, (t2-t0)/1e9, load }'
grep -m1 "loaded in" "$LOG" || true
