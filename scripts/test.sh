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

# The web UI's accessibility test (web/e2e/axe_test.go) injects npm's
# axe-core into Chromium, and scripts/lighthouse.sh runs npm's Lighthouse;
# install both from web/e2e/package-lock.json when missing (the test
# fails, never skips, without them).
if [ ! -f web/e2e/node_modules/axe-core/axe.min.js ] || [ ! -f web/e2e/node_modules/lighthouse/package.json ]; then
	echo "== installing axe-core and Lighthouse (for the web UI's accessibility and Lighthouse checks)"
	(cd web/e2e && npm ci --no-audit --no-fund)
fi

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
go test -count=1 ./... 2>&1 | tee /tmp/tokumu-test.log
# A plain closing line for CI: counts of passed and failed packages.
passed=$(grep -c '^ok ' /tmp/tokumu-test.log || true)
failed=$(grep -c '^FAIL' /tmp/tokumu-test.log || true)
echo "go test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

# Lighthouse takes 20-60 s a page on a 2-core machine, too slow for go
# test: here one run of each page type on the mobile preset (the harder
# bar); `bash scripts/lighthouse.sh` is the full run of BENCHMARKS.md.
echo "== Lighthouse, one page per type, mobile preset"
bash scripts/lighthouse.sh --quick
