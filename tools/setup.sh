#!/usr/bin/env bash
# Installs everything paiban needs on a fresh Debian 12 machine, as root. Idempotent.
# Sources: Debian's packages (binary and source) and the npm registry, nothing else.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  cmake g++ make ca-certificates
  clang-14 libclang-rt-14-dev      # libFuzzer targets (tools/fuzz.sh, preset "fuzz")
  emscripten binaryen node-acorn   # the WASM build (Debian's emscripten 3.1.6)
  nlohmann-json3-dev doctest-dev   # core JSON and unit tests
  chromium fonts-wqy-microhei      # browser tests; CJK font so Chinese renders
  default-jre-headless             # the Nu Html Checker (vnu.jar) runs on java
  pandoc                           # the benchmark's pandoc row (bench/)
  zopfli                           # the editor's one file: the WASM inlined as small gzip
)

need_install=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || need_install+=("$p")
done
if ((${#need_install[@]})); then
  echo "setup: apt-get install ${need_install[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need_install[@]}"
fi

tools/fetch-cmark.sh

if [ -f package-lock.json ]; then
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "setup: npm ci"
    npm ci --no-audit --no-fund --loglevel=error
  fi
fi
echo "setup: done"
