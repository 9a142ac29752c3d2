#!/usr/bin/env bash
# Builds the libFuzzer targets (preset "fuzz": clang-14, ASan + UBSan) and runs each one for
# a bounded time, starting from the committed seeds. Fails on any finding (crash, sanitizer
# report, invariant, time-out, leak, out-of-memory); the input that caused it is left in
# <build>/fuzz-artifacts/ — add it to tests/fuzz/corpus/<target>/ as a regression input.
# Usage: bash tools/fuzz.sh [-t SECONDS_EACH] [-b BUILD_DIR] [target...]
#   targets: decode format profile request (default: all)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=60
build=build/fuzz
while getopts "t:b:" o; do
  case $o in
    t) seconds=$OPTARG ;;
    b) build=$OPTARG ;;
    *) echo "usage: $0 [-t SECONDS_EACH] [-b BUILD_DIR] [target...]" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(decode format profile request)

cmake --preset fuzz -B "$build" >/dev/null
cmake --build "$build" -j"$(nproc 2>/dev/null || echo 2)" --target "${targets[@]/#/fuzz_}"

artifacts="$build/fuzz-artifacts"
mkdir -p "$artifacts"
failed=()
for t in "${targets[@]}"; do
  work="$build/fuzz-corpus/$t"  # grows while fuzzing; the committed seeds stay untouched
  mkdir -p "$work"
  log="$build/fuzz-$t.log"
  echo "=== fuzz_$t: ${seconds}s"
  if "$build/tests/fuzz/fuzz_$t" "$work" "tests/fuzz/corpus/$t" \
       -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len=65536 \
       -print_final_stats=1 -artifact_prefix="$artifacts/$t-" >"$log" 2>&1; then
    grep -E '^stat::number_of_executed_units' "$log" | sed "s/^/fuzz_$t: /" || true
  else
    failed+=("$t")
    echo "fuzz_$t FAILED; the end of $log:" >&2
    tail -40 "$log" >&2
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: findings in: ${failed[*]} (inputs in $artifacts)" >&2
  exit 1
fi
echo "fuzz: no findings (${targets[*]}, ${seconds}s each)"
