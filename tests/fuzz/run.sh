#!/usr/bin/env bash
# Builds the libFuzzer targets with clang-14 (ASan + UBSan + libFuzzer) and runs each for a
# while; exits non-zero when any target finds a crash, a leak, a UBSan report, a timeout or an
# out-of-memory input.
#
#   tests/fuzz/run.sh [SECONDS] [TARGET...]     SECONDS per target (default 60);
#                                               TARGET: parse, loose_recovery, sanitise,
#                                               fast_tree, url_policy, body_decoder
#                                               (default all)
#   e.g. tests/fuzz/run.sh 10                   (CI)
#        tests/fuzz/run.sh 300 sanitise
#
# Environment: ORRERY_FUZZ_BUILD (build directory, default build/h-fuzz), ORRERY_FUZZ_JOBS
# (build jobs, default 2), ORRERY_FUZZ_REAL (the real-feed seeds, default
# /work/shared/bench/real; skipped when absent).
#
# Seeds are read in place, never copied: tests/data/parse (parse, loose_recovery), tests/data/sanitise
# (sanitise, fast_tree), tests/data/fetch/body_decoder (body_decoder; made by
# tests/fuzz/body_decoder_seeds.py) and the real feeds (all). New inputs libFuzzer finds go to BUILD/corpus/TARGET;
# a failing input is saved as BUILD/artifacts/TARGET/crash-… (or leak-, timeout-, oom-) and
# its stack is in BUILD/logs/TARGET.log. Reproduce one with: BUILD/tests/fuzz/orrery_TARGET_fuzz FILE
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
seconds=${1:-60}
if [[ $# -gt 0 ]]; then shift; fi
targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then targets=(parse loose_recovery sanitise fast_tree url_policy body_decoder); fi
build=${ORRERY_FUZZ_BUILD:-$root/build/h-fuzz}
jobs=${ORRERY_FUZZ_JOBS:-2}
real=${ORRERY_FUZZ_REAL:-/work/shared/bench/real}

if ! [[ $seconds =~ ^[0-9]+$ ]] || [[ $seconds -eq 0 ]]; then
  echo "run.sh: SECONDS must be a positive number, not \"$seconds\"" >&2
  exit 2
fi

CC=clang-14 CXX=clang++-14 cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DORRERY_BUILD_FUZZ=ON -DORRERY_BUILD_TESTS=OFF >/dev/null
for target in "${targets[@]}"; do
  cmake --build "$build" --target "orrery_${target}_fuzz" -j "$jobs"
done

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

status=0
for target in "${targets[@]}"; do
  case $target in
    fast_tree) seeds=("$root/tests/data/sanitise") ;;
    url_policy) seeds=("$root/tests/data/url_policy") ;;
    body_decoder) seeds=("$root/tests/data/fetch/body_decoder") ;;
    loose_recovery) seeds=("$root/tests/data/parse") ;;
    *) seeds=("$root/tests/data/$target") ;;
  esac
  if [[ -d $real ]]; then seeds+=("$real"); fi
  case $target in
    parse) max_len=16384 ;;
    *) max_len=8192 ;;
  esac
  mkdir -p "$build/corpus/$target" "$build/artifacts/$target" "$build/logs"
  log=$build/logs/$target.log
  echo "== $target: ${seconds}s, seeds ${seeds[*]}"
  if "$build/tests/fuzz/orrery_${target}_fuzz" "$build/corpus/$target" "${seeds[@]}" \
      -dict="$root/tests/fuzz/$target.dict" -max_total_time="$seconds" -max_len="$max_len" \
      -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="$build/artifacts/$target/" >"$log" 2>&1; then
    grep -E '^stat::number_of_executed_units|^#[0-9]+.*DONE' "$log" | tail -2 || true
  else
    status=1
    echo "!! $target failed; input in $build/artifacts/$target/, log $log:" >&2
    grep -E -A40 'ERROR: |runtime error|property violated|==ERROR' "$log" | head -60 >&2 || tail -40 "$log" >&2
  fi
done
exit $status
