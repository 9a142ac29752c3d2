#!/usr/bin/env bash
# Sets up (tools/setup.sh), builds the three presets and runs every test through ctest:
#   native-debug   unit + golden + CLI tests under ASan and UBSan
#   native-release unit + golden + CLI tests, HTML validity of every golden page (Nu Html Checker)
#   wasm-release   unit tests as WASM under node, WASM = native on every golden case,
#                  the seed test in headless Chromium (both modes), the editor's browser tests
#   fuzz           each libFuzzer target for PAIBAN_FUZZ_SECONDS (default 60; 0 skips)
# Usage: bash tools/test.sh [--no-setup] [preset...]
set -euo pipefail
cd "$(dirname "$0")/.."
setup=1
if [ "${1:-}" = "--no-setup" ]; then setup=0; shift; fi
presets=("$@")
[ ${#presets[@]} -gt 0 ] || presets=(native-debug native-release wasm-release)
[ "$setup" = 1 ] && bash tools/setup.sh

jobs=$(nproc 2>/dev/null || echo 2)
failed=()
for p in "${presets[@]}"; do
  echo "=== $p: configure and build"
  cmake --preset "$p" >/dev/null
  cmake --build --preset "$p" -j"$jobs"
  echo "=== $p: test"
  if ! ctest --preset "$p" -j"$jobs"; then failed+=("$p"); fi
done
# The libFuzzer targets (clang 14, ASan + UBSan), each for a bounded time; any finding fails.
if [ "${PAIBAN_FUZZ_SECONDS:-60}" != 0 ] && [ "$*" = "" ]; then
  echo "=== fuzz: ${PAIBAN_FUZZ_SECONDS:-60} s per target"
  if ! bash tools/fuzz.sh -t "${PAIBAN_FUZZ_SECONDS:-60}"; then failed+=(fuzz); fi
fi
if [ ${#failed[@]} -gt 0 ]; then
  echo "FAILED in: ${failed[*]}" >&2
  exit 1
fi
echo "all tests passed (${presets[*]})"
