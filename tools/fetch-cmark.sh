#!/usr/bin/env bash
# Fetches cmark 0.30.2 from Debian's source package (deb-src), verifies its checksum and
# unpacks it into third_party/cmark (ignored by git). Both builds compile these sources.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=third_party/cmark
want=6c7d2bcaea1433d977d8fed0b55b71c9d045a7cdf616e3cd2dce9007da753db3
if [ -f "$dest/.verified" ] && [ "$(cat "$dest/.verified")" = "$want" ]; then
  exit 0
fi
work=third_party/.cmark-fetch
rm -rf "$work" && mkdir -p "$work/lists"
uri=$(sed -n 's/^URIs:[[:space:]]*//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | grep -v security | head -n1)
[ -n "$uri" ] || uri=http://deb.debian.org/debian
printf 'deb-src %s bookworm main\n' "$uri" > "$work/src.list"
O=(-o "Dir::Etc::SourceList=$PWD/$work/src.list" -o Dir::Etc::SourceParts=/dev/null
   -o "Dir::State::Lists=$PWD/$work/lists" -o APT::Sandbox::User=root)
apt-get "${O[@]}" -qq update
(cd "$work" && apt-get "${O[@]}" -qq source --download-only cmark=0.30.2-6)
tarball="$work/cmark_0.30.2.orig.tar.gz"
got=$(sha256sum "$tarball" | cut -d' ' -f1)
if [ "$got" != "$want" ]; then
  echo "fetch-cmark: checksum mismatch for $tarball: got $got, want $want" >&2
  exit 1
fi
rm -rf "$dest" && mkdir -p "$dest"
tar xzf "$tarball" -C "$dest" --strip-components=1
echo "$want" > "$dest/.verified"
rm -rf "$work"
echo "fetch-cmark: cmark 0.30.2 verified and unpacked into $dest"
