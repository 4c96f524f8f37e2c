#!/usr/bin/env bash
# Lighthouse over every page type of the web UI, offline, in Debian's
# Chromium, against a tokumu server built from this tree on a loopback
# port: the figures of BENCHMARKS.md, checked against issue 18's bar
# (accessibility 100, best practices 100, SEO ≥ 95, performance ≥ 95 on
# the desktop preset and ≥ 90 on the mobile one, median of 3 runs; on
# mobile CLS ≤ 0.02 and TBT ≤ 200 ms). Exits 1 if a page misses it.
#
#   bash scripts/lighthouse.sh           # the full run: every page, en/ja/ru, both presets, 3 runs (~2 h on 2 cores)
#   bash scripts/lighthouse.sh --quick   # one run per page type, en, mobile preset (~4 min)
#
# Environment: LANGS (default "en ja ru") picks the languages of names of
# the full run, PRESETS (default "desktop,mobile") its presets and RUNS
# (default 3) its runs per page and preset; PAGES (space-separated paths)
# replaces the list of pages. CPU_SLOWDOWN sets the mobile preset's CPU
# multiplier: unset, Lighthouse's default 4×; "auto", the multiplier that
# Lighthouse's docs/throttling.md gives for this machine's benchmarkIndex
# (2× on a host in the low-end-desktop bracket, as this 2-core VM is); a
# number, that. The table's first line says which multiplier was used.
#
# Results: bench-out/lighthouse/lighthouse.md (the table, with each page's
# load average: the runs compete with whatever else the machine does) and
# lighthouse.json, both rewritten after every page.
# Lighthouse and chrome-launcher come from web/e2e/package-lock.json (npm ci
# when missing); nothing is fetched while it runs.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=full
case "${1:-}" in
--quick) mode=quick ;;
"") ;;
*) echo "usage: $0 [--quick]" >&2; exit 2 ;;
esac

if [ ! -x /usr/bin/chromium ]; then
	echo "/usr/bin/chromium not found: run bash scripts/test.sh, which installs it" >&2; exit 1
fi
if [ ! -f web/e2e/node_modules/lighthouse/package.json ] || [ ! -f web/e2e/node_modules/axe-core/axe.min.js ]; then
	echo "== installing axe-core and Lighthouse from web/e2e/package-lock.json"
	(cd web/e2e && npm ci --no-audit --no-fund)
fi

tmp=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
go build -o "$tmp/tokumu" ./cmd/tokumu
# The embedded corpus in a database of its own (serve refuses a --db or
# TOKUMU_DB that does not exist, and the user's cache is left alone).
"$tmp/tokumu" import --db "$tmp/tokumu.db" corpus/ >"$tmp/import.log" 2>&1 || { cat "$tmp/import.log" >&2; exit 1; }
port=$((20000 + RANDOM % 20000))
TOKUMU_DB="$tmp/tokumu.db" "$tmp/tokumu" serve --addr "127.0.0.1:$port" >"$tmp/serve.log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do
	curl -sf -o /dev/null "http://127.0.0.1:$port/" && break
	kill -0 "$pid" 2>/dev/null || { cat "$tmp/serve.log" >&2; exit 1; }
	sleep 0.5
done
curl -sf -o /dev/null "http://127.0.0.1:$port/" || { echo "the server did not answer on 127.0.0.1:$port" >&2; exit 1; }

# One page of every type; the other issues' views join by their path here.
# The analyses (ledger, hypotheses: the index and one matrix, the audit,
# the disagreements) and one estimated quantity's own page follow the
# views of the header; a claim's permalink ends the list.
pages=(/ /entities/harbin-tokumu-kikan /entities/lyushkov-genrikh "/search?q=Harbin" /timeline "/map?year=1939"
	/structure /network /estimates "/estimates?q=est-soviet-far-eastern-forces-strength-men" /sources /sources/zor22 /entities
	/ledger /ach /ach/imperial-conference-1941 /audit /disagreements "/claims/kwantung-army~6791a2d392e56e6a")
if [ -n "${PAGES:-}" ]; then read -ra pages <<<"$PAGES"; fi # a subset, e.g. PAGES="/map /network"
out=bench-out/lighthouse
if [ "$mode" = quick ]; then
	node web/e2e/lighthouse.mjs "http://127.0.0.1:$port" "$out" 1 mobile "${pages[@]}"
else
	all=()
	for p in "${pages[@]}"; do
		for l in ${LANGS:-en ja ru}; do
			if [ "$l" = en ]; then all+=("$p"); continue; fi
			case "$p" in *\?*) all+=("$p&lang=$l") ;; *) all+=("$p?lang=$l") ;; esac
		done
	done
	node web/e2e/lighthouse.mjs "http://127.0.0.1:$port" "$out" "${RUNS:-3}" "${PRESETS:-desktop,mobile}" "${all[@]}"
fi
