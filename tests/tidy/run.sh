#!/usr/bin/env bash
# Runs clang-tidy (the checks in .clang-tidy) on the core's sources: commands/, store/, config/.
#   tests/tidy/run.sh <build dir> [file ...]      default: every .cpp of the core
#   tests/tidy/run.sh <build dir> --changed N     the core's .cpp files changed in the last N
#                                                 commits (CI: what recent work touched)
# Needs the build's compile_commands.json (CMake writes it). Fails on any warning.
set -euo pipefail
cd "$(dirname "$0")/../.."
build="${1:?usage: tests/tidy/run.sh <build dir> [--changed N | file ...]}"
shift
core=('commands/*.cpp' 'store/*.cpp' 'config/*.cpp')
files=()
if [ "${1:-}" = --changed ]; then
  commits="${2:?--changed needs a number of commits}"
  # A shallow clone may hold fewer commits: compare with the oldest one there is.
  available="$(git rev-list --count HEAD)"
  [ "$commits" -lt "$available" ] || commits=$((available - 1))
  if [ "$commits" -gt 0 ]; then
    mapfile -t files < <(git diff --name-only --diff-filter=d "HEAD~$commits" -- "${core[@]}")
  fi
  if [ "${#files[@]}" -eq 0 ]; then
    echo "clang-tidy: no core file changed in the last $commits commits"
    exit 0
  fi
else
  files=("$@")
  [ "${#files[@]}" -gt 0 ] || mapfile -t files < <(git ls-files "${core[@]}")
fi
tidy="$(command -v clang-tidy-14 || command -v clang-tidy)"
printf '%s\n' "${files[@]}" |
  xargs -P "${ACCORD_BUILD_JOBS:-2}" -n 4 "$tidy" -p "$build" --quiet 2>&1 |
  grep -v ' warnings generated\.$' | tee "$build/tidy.log" || true
if grep -qE 'warning:|error:' "$build/tidy.log"; then
  echo "clang-tidy found problems (above)" >&2
  exit 1
fi
echo "clang-tidy: ${#files[@]} files clean"
