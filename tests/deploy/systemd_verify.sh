#!/usr/bin/env bash
# deploy/accord.service (and the replicas' template, deploy/accord@.service) must load without a single complaint from systemd-analyze verify, and keep
# its hardening (systemd-analyze security exposure at most 2.0 of 10).
#   tests/deploy/systemd_verify.sh <deploy/accord.service> <built accord binary>
# verify checks that ExecStart's program exists and is executable, and /usr/local/bin/accord is
# not installed on a build machine: the unit is checked from a temporary copy whose ExecStart
# points at the binary just built, and is otherwise unchanged.
# verify exits 0 even for settings it ignores ("Failed to parse ..., ignoring"), so any output at
# all is a failure. Skipped (exit 77) where systemd-analyze is not installed.
set -euo pipefail

unit="$1"
binary="$(realpath "$2")"  # ExecStart takes an absolute path
if ! command -v systemd-analyze >/dev/null 2>&1; then
  echo "systemd-analyze is not installed (Debian package systemd); skipping"
  exit 77
fi
[ -x "$binary" ] || { echo "not an executable: $binary" >&2; exit 1; }
grep -q '^ExecStart=/usr/local/bin/accord serve ' "$unit" \
  || { echo "$unit: ExecStart is not /usr/local/bin/accord serve ..." >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# A template (accord@.service) is checked as one of its instances, as systemd would load it.
name="$(basename "$unit")"
[[ "$name" != *@.service ]] || name="${name%@.service}@8081.service"
sed "s|^ExecStart=/usr/local/bin/accord |ExecStart=$binary |" "$unit" > "$work/$name"

status=0
output="$(systemd-analyze verify "$work/$name" 2>&1)" || status=$?
if [ "$status" -ne 0 ] || [ -n "$output" ]; then
  echo "systemd-analyze verify $unit: exit $status" >&2
  echo "$output" >&2
  exit 1
fi

status=0
output="$(systemd-analyze security --offline=true --threshold=20 "$work/$name" 2>&1)" \
  || status=$?
if [ "$status" -ne 0 ]; then
  echo "systemd-analyze security $unit: exposure above 2.0" >&2
  echo "$output" >&2
  exit 1
fi
echo "$unit: verify clean; $(echo "$output" | grep -o 'Overall exposure level.*')"
