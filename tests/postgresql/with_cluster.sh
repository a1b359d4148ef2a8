#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL cluster of its own (cluster.sh), its URL in
# ACCORD_TEST_DATABASE_URL, and removes the cluster afterwards, whatever the command did.
#   tests/postgresql/with_cluster.sh <command> [args...]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dir="$(mktemp -d "${TMPDIR:-/tmp}/accord-pg-XXXXXX")"
trap '"$here/cluster.sh" stop "$dir" >/dev/null 2>&1 || true' EXIT
# cluster.sh prints the URL last; anything before it is not ours to keep.
url="$("$here/cluster.sh" start "$dir" | tail -n 1)"
ACCORD_TEST_DATABASE_URL="$url" "$@"
