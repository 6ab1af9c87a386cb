#!/bin/sh
# Builds the bundled site and the `kinds/valid` fixture with the relais of
# BEFORE_REV and with the working tree's, and compares them byte for byte
# (PDFs aside: the build makes none without --pdf). Also compares
# `check --strict`. Usage: scripts/same-output.sh BEFORE_REV
set -eu
rev=${1:?usage: scripts/same-output.sh BEFORE_REV}
root=$(cd "$(dirname "$0")/.." && pwd)
work=${TMPDIR:-/tmp}/relais-same-output
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1764547200}
hash=$(git -C "$root" rev-parse "$rev^{commit}")
mkdir -p "$work"
# the binary of BEFORE_REV is built once and kept by its commit
if [ ! -x "$work/relais-$hash" ]; then
  rm -rf "$work/before-src"
  git -C "$root" worktree add --detach "$work/before-src" "$hash" >/dev/null 2>&1
  (cd "$work/before-src" && cargo build -q && cp target/debug/relais "$work/relais-$hash")
  git -C "$root" worktree remove --force "$work/before-src"
fi
rm -rf "$work"/site-* "$work"/valid-* "$work"/*check-*.txt
cp "$work/relais-$hash" "$work/relais-before"
(cd "$root" && cargo build -q && cp target/debug/relais "$work/relais-after")
status=0
for side in before after; do
  bin="$work/relais-$side"
  (cd "$root" && "$bin" build --out "$work/site-$side" >/dev/null 2>&1)
  (cd "$root" && "$bin" check --strict >"$work/check-$side.txt" 2>&1 || echo "exit $?" >>"$work/check-$side.txt")
  (cd "$root" && "$bin" build --root tests/fixtures/kinds/valid --out "$work/valid-$side" >/dev/null 2>&1)
  (cd "$root" && "$bin" check --root tests/fixtures/kinds/valid --strict >"$work/vcheck-$side.txt" 2>&1 || echo "exit $?" >>"$work/vcheck-$side.txt")
done
diff -r -x '*.pdf' "$work/site-before" "$work/site-after" || status=1
diff -r -x '*.pdf' "$work/valid-before" "$work/valid-after" || status=1
diff "$work/check-before.txt" "$work/check-after.txt" || status=1
diff "$work/vcheck-before.txt" "$work/vcheck-after.txt" || status=1
[ $status = 0 ] && echo "same output: site, kinds/valid and check --strict identical"
exit $status
