#!/usr/bin/env bash
# Runs clang-tidy (the checks in .clang-tidy) on the core's sources: commands/, store/, config/.
#   tests/tidy/run.sh <build dir> [file ...]   default: every .cpp of the core
# Needs the build's compile_commands.json (CMake writes it). Fails on any warning.
set -euo pipefail
cd "$(dirname "$0")/../.."
build="${1:?usage: tests/tidy/run.sh <build dir> [file ...]}"
shift
files=("$@")
[ "${#files[@]}" -gt 0 ] || mapfile -t files < <(git ls-files 'commands/*.cpp' 'store/*.cpp' 'config/*.cpp')
tidy="$(command -v clang-tidy-14 || command -v clang-tidy)"
printf '%s\n' "${files[@]}" |
  xargs -P "${ACCORD_BUILD_JOBS:-2}" -n 4 "$tidy" -p "$build" --quiet 2>&1 |
  grep -v ' warnings generated\.$' | tee "$build/tidy.log" || true
if grep -qE 'warning:|error:' "$build/tidy.log"; then
  echo "clang-tidy found problems (above)" >&2
  exit 1
fi
echo "clang-tidy: ${#files[@]} files clean"
