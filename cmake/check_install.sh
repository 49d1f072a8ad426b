#!/usr/bin/env bash
# ctest install.*: what `cmake --install` gives an operator, checked in a temporary prefix (no
# root, nothing outside the temporary directory is touched). Usage: check_install.sh BUILD_DIR CHECK
#   layout  every file in its place, and the installed binary renders the example planet with
#           the installed theme (not the source tree's), without a warning
#   units   `systemd-analyze verify` accepts the installed units (ExecStart= names the installed
#           binary) and `systemd-analyze security` scores both services' sandbox at most 2.0;
#           exits 77 (skipped) only when systemd-analyze is absent
set -euo pipefail
build=$1 check=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix
cmake --install "$build" --prefix "$prefix" >/dev/null
fail() { echo "FAIL: $*" >&2; exit 1; }
units=(orrery.service orrery-run.service orrery-run.timer)

case $check in
layout)
  for file in bin/orrery share/orrery/themes/default/index.html.tmpl \
    share/orrery/themes/default/config.ini share/orrery/filters/h1title.xslt \
    share/orrery/filters/stripAd/yahoo.sed share/doc/orrery/examples/planet.ini \
    share/doc/orrery/changelog.gz \
    share/man/man1/orrery.1.gz share/man/man5/orrery.ini.5.gz "${units[@]/#/lib/systemd/system/}"; do
    [ -s "$prefix/$file" ] || fail "$prefix/$file is missing"
  done
  [ -x "$prefix/bin/orrery" ] || fail "bin/orrery is not executable"
  grep -qx "ExecStart=$prefix/bin/orrery daemon -c /etc/orrery/planet.ini" \
    "$prefix/lib/systemd/system/orrery.service" || fail "orrery.service does not run $prefix/bin/orrery"
  zcat "$prefix/share/man/man1/orrery.1.gz" | grep -q '^\.TH "orrery" "1"' || fail "orrery.1 is not a man page"
  # The installed binary reads the installed theme: mark it and look for the mark on the page.
  echo '<!-- installed theme -->' >>"$prefix/share/orrery/themes/default/index.html.tmpl"
  sed "s#/var/lib/orrery#$tmp/state#" "$prefix/share/doc/orrery/examples/planet.ini" >"$tmp/planet.ini"
  (cd "$tmp" && "$prefix/bin/orrery" render -c "$tmp/planet.ini" 2>"$tmp/stderr")
  [ ! -s "$tmp/stderr" ] || fail "the example planet is not clean: $(cat "$tmp/stderr")"
  grep -q 'installed theme' "$tmp/state/www/index.html" || fail "the installed binary did not use the installed theme"
  echo "install layout ok"
  ;;
units)
  if ! command -v systemd-analyze >/dev/null; then
    echo "SKIP: systemd-analyze not found (apt-get install systemd; .ci/install-deps.sh has it)"
    exit 77
  fi
  # --man=no: the man pages are in the temporary prefix, where man(1) does not look. Any line is
  # a finding (an unknown key is only a warning to systemd-analyze, and it would still exit 0).
  out=$(cd "$prefix/lib/systemd/system" && systemd-analyze verify --man=no "${units[@]}" 2>&1) ||
    fail "systemd-analyze verify: $out"
  [ -z "$out" ] || fail "systemd-analyze verify: $out"
  # The sandbox stays tight: systemd's exposure score of each service at most 2.0 (of 10).
  for unit in orrery.service orrery-run.service; do
    (cd "$prefix/lib/systemd/system" && systemd-analyze security --offline=true --threshold=20 \
      "./$unit" >"$tmp/security" 2>&1) || fail "$unit is exposed: $(tail -n 1 "$tmp/security")"
  done
  echo "systemd-analyze verify: ${units[*]} ok; security exposure at most 2.0"
  ;;
*) fail "unknown check $check" ;;
esac
