#!/usr/bin/env bash
# The test command of the README: everything tokumu's tests need, then
# every test. Safe to run on a fresh Debian machine with Go installed.
set -euo pipefail
cd "$(dirname "$0")/.."

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
