#!/usr/bin/env bash
# Rebuilds the web UI's JavaScript bundles and basemap from npm into
# web/static/, where they are committed and embedded in the binary
# (//go:embed). Only whoever changes web/ui/ needs this (and Node); the Go
# build and the tests do not. Packages are pinned by web/ui/package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/../web/ui"
npm ci --no-audit --no-fund
out=../static
mkdir -p "$out/js" "$out/geo"
# One bundle per page script, plus netlayout.js and mapbase.js, the network and map pages' Web
# Workers; each is minified and self-contained.
./node_modules/.bin/esbuild src/common.js src/timeline.js src/map.js src/structure.js src/network.js src/netlayout.js src/mapbase.js src/estimates.js \
	--bundle --minify --format=iife --target=es2020 --legal-comments=none --outdir="$out/js" --log-level=warning
# Natural Earth 1:110m countries (public domain) as TopoJSON, from world-atlas.
cp node_modules/world-atlas/countries-110m.json "$out/geo/countries-110m.json"
# The licence notices of everything bundled, served beside the bundles.
{
	echo "Third-party software in tokumu's web UI bundles and basemap (see web/ui/LICENSES.md)."
	for p in d3-geo d3-array internmap topojson-client world-atlas d3-force d3-dispatch d3-quadtree d3-timer; do
		printf '\n==== %s %s ====\n\n' "$p" "$(node -p "require('./node_modules/$p/package.json').version")"
		cat node_modules/$p/LICENSE*
	done
} >"$out/js/THIRD-PARTY-LICENSES.txt"
# Report what each page ships, compressed as the server sends it.
for f in "$out"/js/*.js; do
	printf '%-28s %7d bytes, %6d gzipped\n' "$(basename "$f")" "$(wc -c <"$f")" "$(gzip -9c "$f" | wc -c)"
done
