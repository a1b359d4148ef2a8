#!/usr/bin/env bash
# The HTTP benchmark: Accord against the same two Slack handlers written with Bolt, under wrk.
#   tests/bench/run.sh            full run (10 s points at 1, 16 and 64 connections, 2 runs each,
#                                 growth on 10,000 projects / 1,000,000 tasks): about 10 minutes
#   tests/bench/run.sh --quick    smoke run (3 s points, 16 connections, 1 run, small history)
#   tests/bench/run.sh --scheduler  also run the scheduler tick benchmark (run_scheduler_bench.sh)
#   tests/bench/run.sh --no-postgresql  leave out Accord on PostgreSQL (1 and 2 replicas + nginx)
# Other options go to http_bench.js (--duration, --connections, --runs, --history-projects,
# --history-tasks, --max-rps, --endpoints, --skip-growth, --skip-peer, --accord-config, --spread). Builds Release in build-bench/, installs wrk from
# Debian and the peer's npm packages when missing. Scratch files go to ${BENCH_WORK:-/tmp/accord-bench}.
set -euo pipefail
cd "$(dirname "$0")/../.."

args=()
scheduler=0
postgresql=1
for arg in "$@"; do
  case "$arg" in
    --no-postgresql) postgresql=0 ;;
    --quick) args+=(--duration 3 --connections 16 --runs 1 --history-projects 1000 --history-tasks 100000 --max-rps 8000) ;;
    --scheduler) scheduler=1 ;;
    *) args+=("$arg") ;;
  esac
done

sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
if ! command -v wrk >/dev/null 2>&1; then
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends wrk
fi

launcher=()
command -v ccache >/dev/null 2>&1 && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DACCORD_BUILD_BENCH=ON \
  -DACCORD_BUILD_TESTS=OFF -DACCORD_BUILD_BOT=ON "${launcher[@]}" >/dev/null
cmake --build build-bench -j "${ACCORD_BUILD_JOBS:-2}" --target accord bench_prefill scheduler_bench

# better-sqlite3 builds from source when no prebuilt binary fits; Node's headers are in /usr.
if [ ! -d tests/bench/peer/node_modules/better-sqlite3/build ]; then
  (cd tests/bench/peer && npm_config_nodedir=/usr npm ci --no-audit --no-fund)
fi

work="${BENCH_WORK:-/tmp/accord-bench}"
# Accord on PostgreSQL too (1 and 2 replicas behind nginx): a throwaway cluster with PostgreSQL's
# durable defaults, removed when the run ends.
if [ "$postgresql" -eq 1 ]; then
  if ! command -v psql >/dev/null 2>&1 || [ ! -x /usr/sbin/nginx ]; then
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends \
      nginx postgresql
  fi
  pg_dir="$(mktemp -d /tmp/accord-bench-pg-XXXXXX)"
  trap 'tests/postgresql/cluster.sh stop "$pg_dir" >/dev/null 2>&1 || true' EXIT
  args+=(--postgresql "$(ACCORD_PG_DURABLE=1 tests/postgresql/cluster.sh start "$pg_dir" | tail -n 1)")
fi
echo "Machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(uname -r); $(date -u +%FT%TZ)"
node tests/bench/http_bench.js --accord build-bench/bot/accord --prefill build-bench/tests/bench/bench_prefill \
  --work "$work" "${args[@]}"

if [ "$scheduler" -eq 1 ]; then
  echo
  # The binary run_scheduler_bench.sh runs, already built here (that script reconfigures
  # build-bench without the bot).
  echo "Scheduler tick benchmark (as tests/bench/run_scheduler_bench.sh):"
  build-bench/tests/bench/scheduler_bench --projects 10000 --tasks 1000000 --due 1000
fi
