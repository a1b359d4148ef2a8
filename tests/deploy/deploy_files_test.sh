#!/usr/bin/env bash
# Structural checks of deploy/Dockerfile and deploy/nginx.conf.example (no Docker or nginx here):
# the image builds what deploy/build.sh builds, runs the binary as a non-root user with its data in
# a volume, checks health with a subcommand the binary has, and installs at run time a package for
# every shared library the binary links; the proxy's limits match Accord's.
#   tests/deploy/deploy_files_test.sh <repository root> <built accord binary>
set -euo pipefail

root="$1"
binary="$2"
dockerfile="$root/deploy/Dockerfile"
nginx="$root/deploy/nginx.conf.example"
failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}
has() { grep -Eq "$2" "$1" || fail "$1 lacks /$2/"; }
# Does the text on stdin have the word $1 (exactly, as a whitespace-separated word)?
mentions() { tr -s ' \t' '\n' | grep -qxF -- "$1"; }

# ---- Dockerfile
[ -f "$dockerfile" ] || { echo "missing $dockerfile" >&2; exit 1; }
# Continuation lines joined, comments dropped: one instruction per line.
instructions="$(sed -e '/^[[:space:]]*#/d' "$dockerfile" | sed -e ':a' -e '/\\$/N; s/\\\n/ /; ta')"
build_stage="$(echo "$instructions" | sed -n '/^FROM .* AS build/,/^FROM /p')"
run_stage="$(echo "$instructions" | awk '/^FROM /{n++} n==2')"

[ "$(echo "$instructions" | grep -c '^FROM debian:bookworm')" -eq 2 ] \
  || fail "two stages on debian:bookworm expected"
echo "$build_stage" | grep -q 'DCMAKE_BUILD_TYPE=Release' || fail "the build stage builds Release"
echo "$build_stage" | grep -q 'DACCORD_BUILD_TESTS=OFF' || fail "the build stage skips tests"
echo "$run_stage" | grep -Eq '^COPY --from=build \S*/bot/accord /usr/local/bin/accord$' \
  || fail "the run stage copies the built binary to /usr/local/bin/accord"
echo "$run_stage" | grep -q 'g++\|-dev ' && fail "the run stage installs build tools or -dev packages"
user="$(echo "$run_stage" | sed -n 's/^USER \([^:]*\).*/\1/p' | tail -1)"
if [ -z "$user" ] || [ "$user" = root ] || [ "$user" = 0 ]; then fail "the image runs as root"; fi
echo "$run_stage" | grep -Eq "useradd .*$user" || fail "user $user is never created"
echo "$run_stage" | grep -Eq '^VOLUME .*/var/lib/accord' || fail "no volume at /var/lib/accord"
echo "$run_stage" | grep -Eq 'ACCORD_DATA_DIR=/var/lib/accord' || fail "data dir is not the volume"
port="$(echo "$run_stage" | sed -n 's/.*ACCORD_LISTEN=[^ ]*:\([0-9]*\).*/\1/p')"
echo "$run_stage" | grep -Eq "^EXPOSE $port\$" || fail "EXPOSE does not match ACCORD_LISTEN ($port)"
echo "$run_stage" | grep -Eq '^HEALTHCHECK .*CMD \["/usr/local/bin/accord", "healthcheck"' \
  || fail "no HEALTHCHECK with accord healthcheck"
"$binary" --help | grep -Eq "^ +healthcheck " || fail "the binary has no healthcheck subcommand"
echo "$run_stage" | grep -Eq '^CMD \["serve"' || fail "the image does not serve by default"

# Every file the image copies from the repository exists.
while read -r source; do
  [ -e "$root/$source" ] || fail "COPY source $source does not exist"
done < <(echo "$instructions" | grep '^COPY ' | grep -v -- '--from' | awk '{for (i = 2; i < NF; i++) print $i}')

# The build stage installs what deploy/build.sh installs to build (tools for tests aside).
build_packages="$(sed -n '/^packages=(/,/^)/p' "$root/deploy/build.sh" | sed '1d;$d')"
for package in $build_packages; do
  case "$package" in openssl | tzdata) continue ;; esac
  echo "$build_stage" | mentions "$package" || fail "the build stage lacks $package (deploy/build.sh installs it)"
done

# The run stage installs the package of every shared library the binary links.
if command -v dpkg >/dev/null && command -v ldd >/dev/null; then
  for library in $(ldd "$binary" | awk '$3 ~ /^\// {print $3}'); do
    package="$(dpkg -S "$(readlink -f "$library")" 2>/dev/null | head -1 | cut -d: -f1)" \
      || package=""
    [ -n "$package" ] || package="$(dpkg -S "$library" 2>/dev/null | head -1 | cut -d: -f1)" || true
    case "$package" in
      "" | libc6 | libgcc-s1 | libstdc++6) continue ;;  # in every debian:bookworm image
      libasan* | libubsan* | liblsan* | libtsan*) continue ;;  # a sanitizer build (.ci/run)
    esac
    echo "$run_stage" | mentions "$package" \
      || fail "the run stage lacks $package (for $(basename "$library"))"
  done
  echo "$run_stage" | mentions ca-certificates || fail "no CA certificates for calls to Slack"
  echo "$run_stage" | mentions tzdata || fail "no time-zone database"
else
  echo "dpkg/ldd not available: the run stage's libraries are not checked"
fi

# ---- nginx example
[ -f "$nginx" ] || { echo "missing $nginx" >&2; exit 1; }
body_limit="$(sed -n 's/^body_limit = \([0-9]*\).*/\1/p' "$root/config/accord.example.toml")"
proxy="$(sed -n 's/^ *client_max_body_size \([0-9]*\)\([km]\?\);/\1 \2/p' "$nginx")"
read -r amount unit <<< "$proxy"
case "$unit" in k) amount=$((amount * 1024)) ;; m) amount=$((amount * 1024 * 1024)) ;; esac
[ "$amount" = "$body_limit" ] || fail "nginx client_max_body_size ($proxy) is not Accord's body_limit ($body_limit)"
has "$nginx" 'server 127\.0\.0\.1:8080;'
has "$nginx" 'proxy_pass http://accord;'
# shellcheck disable=SC2016 # a literal nginx variable
has "$nginx" 'proxy_set_header X-Forwarded-Proto \$scheme;'
has "$nginx" 'proxy_set_header X-Forwarded-For'
has "$nginx" 'ssl_certificate '
has "$nginx" 'proxy_read_timeout'
grep -q 'ACCORD_TLS=off' "$nginx" || fail "the nginx example does not say to run Accord with ACCORD_TLS=off"

if [ "$failures" -gt 0 ]; then
  echo "$failures problem(s) in deploy/" >&2
  exit 1
fi
echo "deploy/Dockerfile and deploy/nginx.conf.example look right"
