#!/usr/bin/env bash
# The test command of the README: everything tokumu's tests need, then
# every test. Safe to run on a fresh Debian machine with Go installed.
set -euo pipefail
cd "$(dirname "$0")/.."

# The web UI's end-to-end tests drive Debian's Chromium (web/e2e); the
# Japanese and Russian pages need a CJK font to render as text rather than
# boxes in the screenshots. Install both from Debian when missing.
if [ ! -x /usr/bin/chromium ] || ! fc-list :lang=ja 2>/dev/null | grep -q .; then
	echo "== installing chromium and fonts-noto-cjk (for the web UI's end-to-end tests)"
	sudo=""
	if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get update -q
	$sudo apt-get install -y -q --no-install-recommends chromium fonts-noto-cjk fontconfig
fi

# The EDTF oracle test (edtf/oracle_test.go) checks the edtf package against
# npm's edtf package under node; install it from its lock file when missing.
# With TOKUMU_ORACLE=1 the test fails, rather than skips, without it.
if ! command -v npm >/dev/null; then
	echo "== installing nodejs and npm (for the EDTF oracle test)"
	sudo=""
	if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get update -q
	$sudo apt-get install -y -q --no-install-recommends nodejs npm
fi
if [ ! -f edtf/testdata/oracle/node_modules/edtf/package.json ]; then
	echo "== installing npm's edtf package (for the EDTF oracle test)"
	(cd edtf/testdata/oracle && npm ci --no-audit --no-fund)
fi
export TOKUMU_ORACLE=1

# The postgres store's tests need a PostgreSQL server: a throwaway cluster
# on loopback, stopped on exit (scripts/test-postgres.sh). They fail,
# never skip, when TOKUMU_TEST_POSTGRES is unset.
# shellcheck source=scripts/test-postgres.sh
source scripts/test-postgres.sh

echo "== go vet"
go vet ./...

echo "== gofmt"
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$unformatted" ]; then
	echo "gofmt needed on:"; echo "$unformatted"; exit 1
fi

echo "== the embedded corpus"
go run ./cmd/tokumu check

echo "== go test"
# A log of this run's own (a fixed /tmp path is shared by concurrent runs).
test_log=$(mktemp /tmp/tokumu-test.XXXXXX.log)
go test -count=1 ./... 2>&1 | tee "$test_log"
# A plain closing line for CI: counts of passed and failed packages.
passed=$(grep -c '^ok ' "$test_log" || true)
failed=$(grep -c '^FAIL' "$test_log" || true)
echo "go test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
