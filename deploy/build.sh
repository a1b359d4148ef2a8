#!/usr/bin/env bash
# Installs what Accord needs from Debian, builds it, and either serves or runs every test.
#   deploy/build.sh serve   build in Release and start `accord serve` on the embedded defaults
#   deploy/build.sh test    build with warnings as errors and run the unit and end-to-end tests
# Runs as root on Debian bookworm (uses sudo for apt when not root).
set -euo pipefail

cd "$(dirname "$0")/.."
mode="${1:-}"
case "$mode" in
  serve|test) ;;
  *) echo "usage: deploy/build.sh serve|test" >&2; exit 2 ;;
esac

# cairo (libcairo2-dev, found by pkg-config) draws the report's charts: PNG for chat, SVG for the
# project page.
# simdjson reads Slack's click payloads, the busy path of interactivity (README, Benchmarks), and
# RapidJSON writes the outbox's messages as text.
packages=(
  g++ make cmake
  libboost1.81-dev libboost-url1.81-dev libboost-system1.81-dev
  libssl-dev openssl ca-certificates
  nlohmann-json3-dev libsimdjson-dev rapidjson-dev libsqlite3-dev libsqlitecpp-dev libpq-dev
  libspdlog-dev libfmt-dev libtomlplusplus-dev libcli11-dev
  libhowardhinnant-date-dev tzdata
  libcairo2-dev pkg-config
)
if [ "$mode" = test ]; then
  # systemd: `systemd-analyze verify` checks deploy/accord.service (tests/deploy).
  # clang and its runtimes build the test tree: sanitizers, and the libFuzzer targets .ci/run runs.
  packages+=(catch2 systemd clang-14 libclang-rt-14-dev)
  # A throwaway PostgreSQL cluster for the store and workflow tests on PostgreSQL
  # (tests/postgresql/cluster.sh: initdb and pg_ctl as an unprivileged user).
  packages+=(postgresql)
  # nginx balances three replicas in tests/e2e/replicas.test.js.
  packages+=(nginx)
  # promtool (package prometheus) checks the /metrics output in tests/e2e/metrics.test.js.
  packages+=(prometheus)
  # Headless Chromium shows Accord's Teams cards in Microsoft's Agents Playground
  # (tests/e2e/teams_playground_browser.test.js, driven by puppeteer-core from npm).
  packages+=(chromium)
  # The end-to-end tests run on Node.js (its built-in test runner), with the real Teams peers
  # (adaptivecards, botframework-connector) from npm, pinned in tests/e2e/package-lock.json.
  command -v node >/dev/null 2>&1 || packages+=(nodejs)
  command -v npm >/dev/null 2>&1 || packages+=(npm)
fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

jobs="${ACCORD_BUILD_JOBS:-2}"
if [ "$mode" = serve ]; then
  cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release -DACCORD_BUILD_TESTS=OFF
  cmake --build build-release -j "$jobs"
  exec build-release/bot/accord serve --config config/accord.example.toml
fi

# The tests run once, on a build with AddressSanitizer and UndefinedBehaviorSanitizer (the
# end-to-end harness fails on any sanitizer report); ACCORD_SANITIZE=OFF tests a plain GCC build.
# The sanitized build is clang's, with every component also instrumented for libFuzzer, so the
# same tree gives the fuzz targets (tests/fuzz/run.sh reuses it: ACCORD_FUZZ_BUILD=build).
# -O0 with line tables only compiles several times faster than -O2 -g under the sanitizers; the
# tests wait on sockets and clocks rather than compute, and reports still name file and line.
sanitize="${ACCORD_SANITIZE:-ON}"
if [ "$sanitize" = ON ]; then
  CC="${CC:-clang-14}" CXX="${CXX:-clang++-14}" cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O0 -g1 -DNDEBUG" -DACCORD_WERROR=ON -DACCORD_BUILD_TESTS=ON \
    -DACCORD_SANITIZE=ON -DACCORD_FUZZ=ON -DACCORD_UNITY_BUILD=ON
else
  cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DACCORD_WERROR=ON -DACCORD_BUILD_TESTS=ON \
    -DACCORD_SANITIZE=OFF -DACCORD_FUZZ=OFF
fi
cmake --build build -j "$jobs"
# The pinned npm peers of the Teams tests; errors still reach stderr.
(cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
# Test files wait on servers and clocks more than they compute: run several side by side.
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build --output-on-failure --timeout 900 -j "${ACCORD_TEST_JOBS:-2}"
