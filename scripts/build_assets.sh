#!/usr/bin/env bash
# Vendors the web map's third-party assets into src/strife/web/static/vendor/ from npm
# (versions from web/package.json).  Run it when upgrading a library; the copied files are
# committed so `pip install strife` works offline and the page never loads from a CDN.
#   MapLibre GL JS 5 (BSD-3-Clause): UMD build, one script, no ES-module worker to serve
#   world-atlas (ISC; data: Natural Earth, public domain): countries-50m TopoJSON basemap
#   topojson-client (ISC): TopoJSON -> GeoJSON in the browser
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DEST="$ROOT/src/strife/web/static/vendor"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cp "$ROOT/web/package.json" "$WORK/"
(cd "$WORK" && npm install --no-audit --no-fund --omit=dev --loglevel=error)
NM="$WORK/node_modules"
rm -rf "$DEST"
mkdir -p "$DEST/maplibre-gl" "$DEST/world-atlas" "$DEST/topojson-client"
cp "$NM/maplibre-gl/dist/maplibre-gl.js" "$NM/maplibre-gl/dist/maplibre-gl.css" "$NM/maplibre-gl/LICENSE.txt" \
   "$DEST/maplibre-gl/"
cp "$NM/world-atlas/countries-50m.json" "$NM/world-atlas/LICENSE" "$DEST/world-atlas/"
cp "$NM/topojson-client/dist/topojson-client.min.js" "$NM/topojson-client/LICENSE" "$DEST/topojson-client/"
{
  echo "Vendored by scripts/build_assets.sh on $(date -u +%Y-%m-%d); do not edit by hand."
  for p in maplibre-gl world-atlas topojson-client; do
    echo "$p $(node -p "require('$NM/$p/package.json').version")"
  done
} > "$DEST/VERSIONS.txt"
cat "$DEST/VERSIONS.txt"
du -sh "$DEST"
