#!/usr/bin/env bash
# Installs every Debian package kactor needs to build, test and run. Idempotent:
# packages already present are skipped, so a second run costs about a second.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config ccache clang-format git
  libcaf-dev libnats-dev nats-server
  protobuf-compiler libprotobuf-dev
  liblmdb-dev lmdb-utils libyaml-cpp-dev libspdlog-dev libfmt-dev doctest-dev
  libboost-dev libssl-dev nlohmann-json3-dev libcli11-dev
  curl python3-kubernetes procps
  etcd-server libgrpc++-dev protobuf-compiler-grpc
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
