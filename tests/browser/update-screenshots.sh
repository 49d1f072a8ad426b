#!/usr/bin/env bash
# Runs the browser test that takes the screenshots of the demo planet (375 and 1280 px, light and
# dark) and copies them to docs/screenshots/, which the README shows. The test saves them as
# artifacts only; this script is the one step that changes the source tree. Review the pictures
# before committing them.
#   tests/browser/update-screenshots.sh [BUILD_DIR]    (default build/release, already built)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build/release}
ctest --test-dir "$build" -R '^browser\.page$' --output-on-failure
mkdir -p "$root/docs/screenshots"
for file in "$build"/tests/browser/browser-artifacts/planet-*.png; do
  cp "$file" "$root/docs/screenshots/"
  echo "update-screenshots: docs/screenshots/$(basename "$file")"
done
