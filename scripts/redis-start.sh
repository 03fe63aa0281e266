#!/usr/bin/env bash
# Starts a throwaway redis-server for the distributed Monte Carlo (BullMQ) and its tests: no persistence
# (--save '' --appendonly no), daemonized, pidfile/log/dir under ${TMPDIR:-/tmp}/aspis-redis-PORT.
# Prints the URL (redis://127.0.0.1:PORT) on stdout; stop it with scripts/redis-stop.sh PORT.
#   usage: scripts/redis-start.sh [--port PORT]     (default: a free port)
# redis-server comes from Debian (scripts/setup-system.sh installs it).
set -euo pipefail

port=""
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port="${2:?--port needs a value}"; shift 2 ;;
    --port=*) port="${1#--port=}"; shift ;;
    [0-9]*) port="$1"; shift ;;
    -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
    *) echo "redis-start: unknown argument '$1'" >&2; exit 2 ;;
  esac
done

if ! command -v redis-server >/dev/null 2>&1; then
  echo "redis-start: redis-server not found on PATH; run scripts/setup-system.sh (installs Debian's redis-server)" >&2
  exit 1
fi

# true when something already listens on 127.0.0.1:$1
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if [ -z "$port" ]; then
  for _ in $(seq 1 50); do
    candidate=$(( 20000 + RANDOM % 40000 ))
    if ! port_busy "$candidate"; then port="$candidate"; break; fi
  done
  [ -n "$port" ] || { echo "redis-start: no free port found" >&2; exit 1; }
elif port_busy "$port"; then
  echo "redis-start: port $port is already in use" >&2
  exit 1
fi

dir="${TMPDIR:-/tmp}/aspis-redis-$port"
mkdir -p "$dir"
redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
  --pidfile "$dir/redis.pid" --dir "$dir" --logfile "$dir/redis.log"

# wait until it answers PING (up to ~10 s)
for _ in $(seq 1 100); do
  if reply=$( (exec 3<>"/dev/tcp/127.0.0.1/$port" && printf 'PING\r\n' >&3 && head -c 5 <&3) 2>/dev/null ) \
    && [ "${reply%$'\r'}" = "+PONG" ]; then
    echo "redis://127.0.0.1:$port"
    exit 0
  fi
  sleep 0.1
done
echo "redis-start: redis-server on port $port did not answer; see $dir/redis.log" >&2
exit 1
