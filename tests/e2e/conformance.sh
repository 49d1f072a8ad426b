#!/usr/bin/env bash
# Runs the feed-parser conformance suite (feedparser's own test cases; see docs/conformance.md)
# against the orrery binary. Fails when fewer cases pass than the threshold recorded beside this
# script (a number that only ever goes up). MODE=security is the suite's --require-security:
# it fails when any security case leaves dangerous markup, crashes, or differs from
# feedparser's output.
# MODE=venus runs the venus-reconstitute category with --as-stored against its own threshold
# (conformance-venus-threshold.txt). Exit 77 (ctest: skipped) when the suite is not on this
# machine.
#   conformance.sh ORRERY_BINARY SOURCE_DIR MODE(all|security|venus)
set -euo pipefail
binary=$1 source_dir=$2 mode=${3:-all}
suite=${ORRERY_CONFORMANCE_DIR:-$source_dir/../shared/conformance}
if [ ! -f "$suite/run.py" ]; then
  echo "conformance suite not found at $suite (set ORRERY_CONFORMANCE_DIR); skipping"
  exit 77
fi
cmd="$binary parse {file} --json"
jobs=$(nproc)
if [ "$mode" = security ]; then
  exec python3 "$suite/run.py" --cmd "$cmd" -j "$jobs" --security-only --require-security
fi
if [ "$mode" = venus ]; then
  threshold=$(tr -dc '0-9' < "$(dirname "$0")/conformance-venus-threshold.txt")
  exec python3 "$suite/run.py" --cmd "$cmd --as-stored" -j "$jobs" \
    --category venus-reconstitute --fail-under "$threshold"
fi
threshold=$(tr -dc '0-9' < "$(dirname "$0")/conformance-threshold.txt")
exec python3 "$suite/run.py" --cmd "$cmd" -j "$jobs" --fail-under "$threshold"
