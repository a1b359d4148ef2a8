#!/usr/bin/env bash
# Builds the libFuzzer targets with clang in build-fuzz/ and runs each for a bounded time on a
# temporary copy of its seed corpus (the repository's corpus is never written to).
#   tests/fuzz/run.sh [seconds per target, default 30] [target ...]
# Fails on any crash, leak, timeout or broken property, printing the input that caused it.
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds="${1:-30}"
shift || true
targets=("$@")
[ "${#targets[@]}" -gt 0 ] || targets=(fuzz_form fuzz_command_line fuzz_slack_payload fuzz_slack_render
  fuzz_config fuzz_teams_jwt fuzz_teams_activity)
jobs="${ACCORD_BUILD_JOBS:-2}"

# Longest input per target: a form body or a session of requests can be long; a command line is
# short. Long enough for truncation paths (Slack's 3000-byte texts), short enough to stay fast.
max_len() {
  case "$1" in
    fuzz_command_line) echo 1024 ;;
    fuzz_slack_payload | fuzz_slack_render | fuzz_teams_jwt) echo 8192 ;;
    *) echo 4096 ;;
  esac
}

# ACCORD_FUZZ_BUILD names a tree configured with -DACCORD_FUZZ=ON to reuse (CI reuses the test
# build, deploy/build.sh test); otherwise build-fuzz/ holds a clang build of the core alone.
build="${ACCORD_FUZZ_BUILD:-build-fuzz}"
if [ -z "${ACCORD_FUZZ_BUILD:-}" ]; then
  CC="${CC:-clang-14}" CXX="${CXX:-clang++-14}" cmake -S . -B build-fuzz \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" \
    -DACCORD_FUZZ=ON -DACCORD_BUILD_TESTS=OFF -DACCORD_BUILD_BOT=OFF >/dev/null
elif ! grep -q '^ACCORD_FUZZ:BOOL=ON' "$build/CMakeCache.txt" 2>/dev/null; then
  echo "$build is not configured with -DACCORD_FUZZ=ON" >&2
  exit 2
fi
cmake --build "$build" -j "$jobs" --target "${targets[@]}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failed=()
for target in "${targets[@]}"; do
  mkdir -p "$work/$target/corpus" "$work/$target/artifacts"
  cp tests/fuzz/corpus/"$target"/* "$work/$target/corpus/"
  echo "== $target: ${seconds}s"
  if ! ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$build"/tests/fuzz/"$target" "$work/$target/corpus" \
    -max_total_time="$seconds" -max_len="$(max_len "$target")" -timeout=5 -rss_limit_mb=2048 \
    -artifact_prefix="$work/$target/artifacts/" -print_final_stats=1 \
    >"$work/$target/log" 2>&1; then
    failed+=("$target")
    tail -n 60 "$work/$target/log"
    for input in "$work/$target/artifacts"/*; do
      [ -e "$input" ] || continue
      kept="$build/findings/$target/$(basename "$input")"
      mkdir -p "$(dirname "$kept")"
      cp "$input" "$kept"
      echo "!! $target failed on $kept (reproduce: $build/tests/fuzz/$target $kept)"
    done
  else
    grep -E '^(#[0-9]+.*DONE|stat::number_of_executed_units)' "$work/$target/log" | tail -n 2
  fi
done

if [ "${#failed[@]}" -gt 0 ]; then
  echo "fuzzing failed: ${failed[*]}" >&2
  exit 1
fi
echo "fuzzing passed: ${targets[*]}"
