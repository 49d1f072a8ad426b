#!/usr/bin/env bash
# ctest install.manual: orrery(1) documents every command and every option that `orrery --help`
# and each command's --help list (the help is the source of truth). Each command has its own
# `## NAME` section in docs/man/orrery.1.scd, and each option a definition line there (a line
# starting with the option: `*-o*, *--offline*`; a synopsis does not count); the global options
# and -c/--config are looked for in the whole page.
# Usage: check_manual.sh ORRERY_BINARY docs/man/orrery.1.scd
set -euo pipefail
orrery=$1 page=$2
missing=0

# The options of one help text: the first word(s) of each option line ("  -c,--config TEXT").
options_of() {
  sed -n '/^Options:/,/^$/p' | grep -E '^  -' | awk '{print $1}' | tr ',' '\n' | grep -E '^-'
}
expect() {  # expect OPTION WHERE TEXT_TO_SEARCH
  if ! grep -E '^\*-' <<<"$3" | grep -qF -- "*$1*"; then
    echo "FAIL: $1 is not documented in $2 of $page" >&2
    missing=1
  fi
}

help=$("$orrery" --help)
for option in $(options_of <<<"$help"); do
  expect "$option" "the page" "$(cat "$page")"
done
commands=$(sed -n '/^Subcommands:/,/^$/p' <<<"$help" | awk 'NR > 1 && NF {print $1}')
[ -n "$commands" ] || { echo "FAIL: no commands in orrery --help" >&2; exit 1; }
for command in $commands; do
  section=$(awk -v h="## $command" '$0 == h {on = 1; next} /^#/ {on = 0} on' "$page")
  if [ -z "$section" ]; then
    echo "FAIL: orrery $command has no '## $command' section in $page" >&2
    missing=1
    continue
  fi
  for option in $("$orrery" "$command" --help | options_of); do
    case $option in -h | --help) continue ;; esac
    # -c/--config is documented once, under CONFIG FILES, for every command that reads configs.
    if [ "$option" = -c ] || [ "$option" = --config ]; then
      expect "$option" "the page" "$(cat "$page")"
    else
      expect "$option" "'## $command'" "$section"
    fi
  done
done
[ "$missing" -eq 0 ] || exit 1
echo "orrery(1) documents every command and option: $(echo "$commands" | tr '\n' ' ')"
