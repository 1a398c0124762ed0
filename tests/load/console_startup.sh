#!/usr/bin/env bash
# Console start-up: from exec to the first usable page (the window painted and the remembered server's
# readiness answered), `fairdrop-console --exit-when-ready` against a real server in another process, on a
# real X server (Xvfb). RUNS starts, each a fresh process; prints each time and the median and worst.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
RUNS=${RUNS:-10}
source "$here/server.sh"
console=${CONSOLE:-"$root/build/console/fairdrop-console"}

# The console remembers the server it used last: write that memory, as a previous run would have.
export XDG_CONFIG_HOME="$data/config"
mkdir -p "$XDG_CONFIG_HOME/FairDrop"
printf '[connection]\nserverUrl=%s\n' "$url" >"$XDG_CONFIG_HOME/FairDrop/fairdrop-console.conf"

display=:$((90 + RANDOM % 100))
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
stop_all() {
  kill "$xvfb" 2>/dev/null || true
  stop_server
}
trap stop_all EXIT
for _ in $(seq 1 50); do [ -e "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.1; done

echo "# console start-up: $(date -u +%FT%TZ) $(nproc) cores, server at $url, $RUNS runs"
inside=()
wall=()
for _ in $(seq 1 "$RUNS"); do
  start=$(date +%s%N)
  out=$(DISPLAY=$display QT_QPA_PLATFORM=xcb DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent QT_LOGGING_RULES="fd.console.api.debug=true" \
    "$console" --exit-when-ready 2>"$data/console.log")
  end=$(date +%s%N)
  ms=$(sed -n 's/^ready in \([0-9]*\) ms$/\1/p' <<<"$out")
  [ -n "$ms" ] || { echo "the console did not report readiness: $out"; exit 1; }
  inside+=("$ms")
  wall+=($(((end - start) / 1000000)))
done
grep -q "/readyz 200" "$data/console.log" || { echo "the console never asked the server"; cat "$data/console.log"; exit 1; }
summary() { sort -n | awk '{ v[NR] = $1 } END { printf "median %d ms, worst %d ms", v[int((NR + 1) / 2)], v[NR] }'; }
echo "from main() to ready:        ${inside[*]} ms"
echo "from exec to exit (wall):    ${wall[*]} ms"
echo "| from main() to the first usable page | $(printf '%s\n' "${inside[@]}" | summary) |"
echo "| from exec to exit, whole process | $(printf '%s\n' "${wall[@]}" | summary) |"
