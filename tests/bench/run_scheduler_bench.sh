#!/usr/bin/env bash
# Builds the scheduler benchmark in Release (build-bench/, core only: no bot, no tests) and runs
# it. Arguments go to the benchmark, e.g. a quick run:
#   tests/bench/run_scheduler_bench.sh --projects 1000 --tasks 10000 --due 100
set -euo pipefail
cd "$(dirname "$0")/../.."

cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DACCORD_BUILD_BENCH=ON \
  -DACCORD_BUILD_TESTS=OFF -DACCORD_BUILD_BOT=OFF
cmake --build build-bench -j "${ACCORD_BUILD_JOBS:-2}" --target scheduler_bench
exec build-bench/tests/bench/scheduler_bench "$@"
