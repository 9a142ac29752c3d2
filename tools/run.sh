#!/usr/bin/env bash
# The main job: set up, build, format the sample notes in samples/ into out/, and serve the
# web page on 127.0.0.1 (Ctrl-C stops the server).
# Usage: bash tools/run.sh [--no-setup] [--no-serve]      PORT=8080 by default
set -euo pipefail
cd "$(dirname "$0")/.."
setup=1 serve=1
for a in "$@"; do
  case "$a" in
    --no-setup) setup=0 ;;
    --no-serve) serve=0 ;;
    *) echo "usage: bash tools/run.sh [--no-setup] [--no-serve]" >&2; exit 2 ;;
  esac
done
[ "$setup" = 1 ] && bash tools/setup.sh
jobs=$(nproc 2>/dev/null || echo 2)
for p in native-release wasm-release; do
  cmake --preset "$p" >/dev/null
  cmake --build --preset "$p" -j"$jobs" >/dev/null
done

mkdir -p out
for f in samples/*.txt samples/*.md; do
  [ -e "$f" ] || continue
  name=$(basename "${f%.*}")
  build/native-release/cli/paiban format "$f" -o "out/$name.html"
  echo "formatted: $f -> $PWD/out/$name.html"
done

web=build/wasm-release/web
if [ "$serve" = 1 ]; then
  port=${PORT:-8080}
  echo "web page: http://127.0.0.1:$port/index.html  (also works opened directly: $PWD/$web/index.html)"
  exec python3 -m http.server "$port" --bind 127.0.0.1 --directory "$web"
fi
