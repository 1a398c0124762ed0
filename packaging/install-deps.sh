#!/usr/bin/env bash
# Installs every Debian 12 package FairDrop needs to build, run and test.
# Idempotent: asks apt only for what is missing. Runs as root or through sudo.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build ccache pkg-config clang-format
  # Qt 6 (qt6-websockets-dev: find_package(Qt6 HttpServer) needs it on Debian 12)
  qt6-base-dev qt6-base-dev-tools qt6-httpserver-dev qt6-websockets-dev
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
  libqt6sql6-psql libqt6svg6 qtkeychain-qt6-dev
  # QtKeychain opens libsecret at run time (the Secret Service); no package depends on it for us
  libsecret-1-0
  # server libraries
  libhiredis-dev libpq-dev libssl-dev libsodium-dev libjwt-dev prometheus-cpp-dev
  # embedded runtime and test services
  postgresql-15 redis-server
  # tests and benchmarks
  libbenchmark-dev xvfb xauth dbus dbus-x11 gnome-keyring fonts-dejavu-core wrk curl jq procps
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)

# A server started as root runs its embedded PostgreSQL and Redis as this unprivileged user.
ensure_runtime_user() {
  id fairdrop >/dev/null 2>&1 ||
    "${sudo_cmd[@]}" useradd --system --no-create-home --shell /usr/sbin/nologin fairdrop
}

if [ ${#missing[@]} -eq 0 ]; then
  ensure_runtime_user
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"

# The distribution's own services must not hold the ports or sockets: FairDrop starts its own.
for svc in postgresql redis-server; do
  if command -v systemctl >/dev/null && systemctl is-active --quiet "$svc" 2>/dev/null; then
    "${sudo_cmd[@]}" systemctl disable --now "$svc" || true
  fi
done

ensure_runtime_user
