#!/usr/bin/env bash
# Stops a redis-server started by scripts/redis-start.sh and removes its temp dir.
#   usage: scripts/redis-stop.sh PORT | redis://127.0.0.1:PORT
set -euo pipefail

arg="${1:?usage: scripts/redis-stop.sh PORT | redis://127.0.0.1:PORT}"
port="${arg##*:}"
port="${port%%/*}"
case "$port" in
  ''|*[!0-9]*) echo "redis-stop: cannot read a port from '$arg'" >&2; exit 2 ;;
esac

dir="${TMPDIR:-/tmp}/aspis-redis-$port"
pidfile="$dir/redis.pid"
if [ ! -f "$pidfile" ]; then
  echo "redis-stop: no redis started by redis-start.sh on port $port ($pidfile missing)" >&2
  exit 1
fi
pid=$(cat "$pidfile")
if kill "$pid" 2>/dev/null; then
  # wait for it to exit (up to ~5 s)
  for _ in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
fi
rm -rf "$dir"
echo "redis-stop: stopped redis on port $port"
