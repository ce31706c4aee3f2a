#!/usr/bin/env bash
# Sundown push agent: reads the local Jupyter server's API (without counting as activity) and posts the
# snapshot to the Sundown activity-collector's push endpoint. Needs only bash and curl.
#
# Settings (environment variables):
#   SUNDOWN_COLLECTOR_URL   collector base URL, e.g. https://sundown.example.com            (required)
#   SUNDOWN_PUSH_TARGET     push target name configured on the collector                     (required)
#   SUNDOWN_PUSH_TOKEN_FILE file holding the target's push token (preferred)                 (or:)
#   SUNDOWN_PUSH_TOKEN      the push token itself
#   JUPYTER_URL             local server base URL            [http://127.0.0.1:8888]
#   JUPYTER_TOKEN_FILE / JUPYTER_TOKEN  the local server's token, if it needs one            [none]
#   SUNDOWN_PUSH_INTERVAL   seconds between snapshots        [60]
#   SUNDOWN_TIMEOUT         seconds allowed per HTTP request [10]
#   SUNDOWN_CURL_OPTS       extra curl options, e.g. "--cacert /etc/ssl/sundown.pem"         [none]
# Usage: sundown-push-agent.sh [--once]
#   --once  post one snapshot and exit 0 when the collector accepted it, 1 otherwise.
# Tokens are passed to curl through header files readable only by this user, never on the command line.
set -u

once=false
for arg in "$@"; do
  case "$arg" in
    --once) once=true ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "sundown-push-agent: unknown argument $arg" >&2; exit 2 ;;
  esac
done

: "${SUNDOWN_COLLECTOR_URL:?SUNDOWN_COLLECTOR_URL is required}"
: "${SUNDOWN_PUSH_TARGET:?SUNDOWN_PUSH_TARGET is required}"
JUPYTER_URL="${JUPYTER_URL:-http://127.0.0.1:8888}"
JUPYTER_URL="${JUPYTER_URL%/}"
SUNDOWN_COLLECTOR_URL="${SUNDOWN_COLLECTOR_URL%/}"
interval="${SUNDOWN_PUSH_INTERVAL:-60}"
timeout="${SUNDOWN_TIMEOUT:-10}"
read -r -a curl_opts <<< "${SUNDOWN_CURL_OPTS:-}"

read_secret() { # $1 = file variable value, $2 = inline value
  if [ -n "$1" ]; then tr -d '\r\n' < "$1"; else printf '%s' "$2"; fi
}

workdir="$(umask 077 && mktemp -d "${TMPDIR:-/tmp}/sundown-agent.XXXXXX")" || exit 1
trap 'rm -rf "$workdir"' EXIT
(
  umask 077
  push_token="$(read_secret "${SUNDOWN_PUSH_TOKEN_FILE:-}" "${SUNDOWN_PUSH_TOKEN:-}")"
  if [ -z "$push_token" ]; then echo "sundown-push-agent: no push token (SUNDOWN_PUSH_TOKEN_FILE or SUNDOWN_PUSH_TOKEN)" >&2; exit 2; fi
  printf 'Authorization: Bearer %s\n' "$push_token" > "$workdir/push.headers"
  jupyter_token="$(read_secret "${JUPYTER_TOKEN_FILE:-}" "${JUPYTER_TOKEN:-}")"
  if [ -n "$jupyter_token" ]; then
    printf 'Authorization: token %s\n' "$jupyter_token" > "$workdir/jupyter.headers"
  else
    : > "$workdir/jupyter.headers"
  fi
) || exit 2

# Prints the body of GET $JUPYTER_URL/api/$1 (with no_track_activity=1); fails unless it answered 200.
read_api() {
  curl -sS -f --max-time "$timeout" "${curl_opts[@]}" -H @"$workdir/jupyter.headers" -H 'Accept: application/json' \
    "$JUPYTER_URL/api/$1?no_track_activity=1"
}

push_once() {
  local kernels sessions terminals status code
  kernels="$(read_api kernels)" || { echo "sundown-push-agent: cannot read /api/kernels" >&2; return 1; }
  sessions="$(read_api sessions)" || { echo "sundown-push-agent: cannot read /api/sessions" >&2; return 1; }
  terminals="$(read_api terminals)" || { echo "sundown-push-agent: cannot read /api/terminals" >&2; return 1; }
  status="$(read_api status)" || { echo "sundown-push-agent: cannot read /api/status" >&2; return 1; }
  printf '{"kernels":%s,"sessions":%s,"terminals":%s,"status":%s}' \
    "$kernels" "$sessions" "$terminals" "$status" > "$workdir/snapshot.json"
  code="$(curl -sS --max-time "$timeout" "${curl_opts[@]}" -o "$workdir/reply.json" -w '%{http_code}' \
    -H @"$workdir/push.headers" -H 'Content-Type: application/json' \
    --data-binary @"$workdir/snapshot.json" "$SUNDOWN_COLLECTOR_URL/push/$SUNDOWN_PUSH_TARGET")" || {
    echo "sundown-push-agent: cannot reach the collector" >&2; return 1; }
  case "$code" in
    2??) return 0 ;;
    *) echo "sundown-push-agent: collector answered HTTP $code: $(head -c 300 "$workdir/reply.json")" >&2; return 1 ;;
  esac
}

if [ "$once" = true ]; then
  push_once
  exit $?
fi

while true; do
  push_once || true
  sleep "$interval"
done
