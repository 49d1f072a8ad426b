#!/bin/sh
# Rewrites golden/ from a fresh run of the Venus-style planet (tests/e2e/venus_planet_e2e_test.cpp),
# then shows what changed: review the diff before committing it.
# usage: tests/data/e2e/venus_planet/regen.sh [BUILD_DIR]   (default: build/release)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../.." && pwd)
build=${1:-$root/build/release}
cmake --build "$build" -t orrery orrery_venus_planet_e2e_test
ORRERY_UPDATE_GOLDEN=1 "$build/tests/e2e/orrery_venus_planet_e2e_test" \
  --gtest_filter='VenusPlanetE2e.EveryOutputMatchesItsGoldenFile'
"$build/tests/e2e/orrery_venus_planet_e2e_test"
git -C "$root" status --short -- "$here/golden"
git -C "$root" diff --stat -- "$here/golden"
