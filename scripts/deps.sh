#!/usr/bin/env bash
# Installs the Debian packages vigil needs to build, test and benchmark.
# Idempotent: only missing packages are installed, and the package lists are
# refreshed only when something is missing.
set -euo pipefail

packages=(
  build-essential pkg-config
  libicu-dev          # normalization, transliteration
  libxml2-dev         # streaming reader for the UN XML list
  libjansson-dev      # JSON lines in and out, FtM entities
  libmicrohttpd-dev   # vigil serve
  libcurl4-openssl-dev # vigil update downloads
  libssl-dev          # SHA-256 of list files and index checksums (libcrypto)
  libsqlite3-dev      # decision store
  libcmocka-dev       # unit tests
  python3             # local HTTP server in update tests
  curl                # end-to-end server tests
  jq                  # JSON assertions in the server tests
  wrk                 # server load benchmark
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "deps: all ${#packages[@]} packages present"
  exit 0
fi

echo "deps: installing ${missing[*]}"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
