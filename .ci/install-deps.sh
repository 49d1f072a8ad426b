#!/usr/bin/env bash
# Installs every Debian 12 package orrery needs to build, test, fuzz and benchmark.
# The single list of dependencies: the README, CI and developers all run this script.
# Idempotent: packages already present are not reinstalled. Must run as root (or via sudo).
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config git python3
  # libraries (see docs/architecture.md for which module links which)
  libcurl4-openssl-dev libpugixml-dev libsqlitecpp-dev libsqlite3-dev libspdlog-dev libfmt-dev
  zlib1g-dev libbrotli-dev
  libgtest-dev libgmock-dev libbenchmark-dev libcli11-dev nlohmann-json3-dev
  libxslt1-dev libxml2-dev libgumbo-dev libinih-dev
  # parse: charset detection of documents that declare no encoding
  libuchardet-dev
  # filters: the regexp sifter (Python-like patterns with a match limit)
  libpcre2-dev
  # tests: local HTTP server library, sqlite3 shell for database assertions
  libcpp-httplib-dev sqlite3
  # full-disk tests inject ENOSPC with strace
  strace
  # outputs checked by parsers that are not orrery's (tests/e2e/outputs_e2e_test.cpp): xmllint,
  # rapper (RDF/XML), feedparser, jsonschema (JSON Feed 1.1)
  libxml2-utils raptor2-utils python3-feedparser python3-jsonschema
  # the health page (feeds.html) parsed as a browser would (tests/e2e/check_health.py)
  python3-html5lib
  # sanitizers and fuzzing
  clang-14 libclang-rt-14-dev
  # man pages (scdoc), the .deb (CPack runs dpkg-shlibdeps and file; the postinst runs adduser)
  # and its checks in CI: man -w, systemd-analyze verify (tests/install too)
  scdoc dpkg-dev file adduser man-db systemd
  # the .deb's lint in CI (.ci/run)
  lintian
  # browser tests (tests/browser): Debian's Chromium, a font for its screenshots, node for
  # playwright-core and axe-core (npm ci below; node 18 or newer: Debian 12 has 18)
  chromium fonts-dejavu-core nodejs
  # time_zone: the IANA zone files orrery reads (/usr/share/zoneinfo)
  tzdata
)
# npm comes with nodesource's nodejs (which conflicts with Debian's npm package), not Debian's.
if ! command -v npm >/dev/null; then packages+=(npm); fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
else
  echo "install-deps: installing ${missing[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The browser tests' npm packages, pinned by tests/browser/package-lock.json. Playwright never
# downloads a browser here: the tests use Debian's /usr/bin/chromium.
echo "install-deps: npm ci in tests/browser"
(cd "$(dirname "$0")/../tests/browser" &&
   PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
