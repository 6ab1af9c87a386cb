#!/usr/bin/env bash
# Measures what versions cost: the generated corpus in a git repository with
# three tagged releases, where 1 % of the documents change (a new version and
# a new sentence) between tags, built with its history, with its history and
# the three tags as site versions (`versions:`, each built into v/<tag>/),
# and as a plain folder (no history: the same site without its earlier
# versions).
#
# Usage: scripts/bench-versions.sh           (prints a Markdown table)
#
# Environment:
#   DOCS   documents per language (default 5000: 10,000 pages)
#   RUNS   timed runs (default 5)
#   SEED   corpus seed (default 1)
#
# Installs hyperfine (apt-get) when it is missing.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DOCS="${DOCS:-5000}"
RUNS="${RUNS:-5}"
SEED="${SEED:-1}"

command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine >/dev/null; }
cargo build --release --quiet --manifest-path "$REPO/Cargo.toml"
cargo build --release --quiet --manifest-path "$REPO/Cargo.toml" --example gen_corpus
RELAIS="$REPO/target/release/relais"

TMP="$(mktemp -d "${BENCH_TMPDIR:-${TMPDIR:-/tmp}}/relais-versions.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT
"$REPO/target/release/examples/gen_corpus" --docs "$DOCS" --out "$TMP/corpus" --seed "$SEED" >/dev/null
SITE="$TMP/corpus/relais"
cd "$SITE"

git() { command git -c user.name=Bench -c user.email=bench@example.org -c commit.gpgsign=false "$@"; }

# Every document carries a version; the first release is 1.0.
find content -name '*.md' ! -name '_index.*' -print0 | xargs -0 sed -i '0,/^title:/s//version: "1.0"\ntitle:/'
git init -q && git add -A && git commit -qm "release 1.0" && git tag v1.0

mapfile -t FILES < <(find content -name '*.md' ! -name '_index.*' | sort)
CHANGED=$(( ${#FILES[@]} / 100 ))
for release in 1 2 3; do
    for ((i = 0; i < CHANGED; i++)); do
        file="${FILES[$(( (i * 97 + release * 13) % ${#FILES[@]} ))]}"
        sed -i "s/^version: \"[0-9.]*\"/version: \"1.$release\"/" "$file"
        printf '\nRelease 1.%s adds this sentence to the text.\n' "$release" >>"$file"
    done
    git commit -qam "release 1.$release" && git tag "v1.$release"
done

# The same repository whose site.yaml lists the three tags as site versions.
SITES="$TMP/site-versions"
command git clone -q "$SITE" "$SITES"
printf 'versions:\n  - { name: "1.1", ref: "v1.1" }\n  - { name: "1.2", ref: "v1.2" }\n  - { name: "1.3", ref: "v1.3" }\n' >>"$SITES/site.yaml"

PLAIN="$TMP/plain"
mkdir -p "$PLAIN" && cp -r "$SITE/content" "$SITE/site.yaml" "$PLAIN/"

echo "corpus: $(( DOCS * 2 )) pages, $CHANGED documents changed per release, 3 releases" >&2
hyperfine --warmup 1 --runs "$RUNS" --export-markdown "$TMP/table.md" \
    -n "with versions (git)" "$RELAIS build --root $SITE --out $TMP/out-git --force" \
    -n "with versions and 3 site versions" "$RELAIS build --root $SITES --out $TMP/out-sites --force" \
    -n "without (plain folder)" "$RELAIS build --root $PLAIN --out $TMP/out-plain --force" >&2
cat "$TMP/table.md"
echo
echo "History pass (median of $RUNS builds, from --timings):"
for ((run = 0; run < RUNS; run++)); do
    "$RELAIS" build --root "$SITE" --out "$TMP/out-git" --timings 2>&1 | awk '$1 == "history" { print $2 }'
done | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] " ms" }'
echo "Version pages: $(find "$TMP/out-git" -path '*/v/*' -name index.html | wc -l), redlines: $(find "$TMP/out-git" -name 'changes*.html' | wc -l)"
echo "Pages with the site versions: $(find "$TMP/out-sites" -name index.html | wc -l) (without: $(find "$TMP/out-git" -name index.html | wc -l))"
echo "Versions pass with the site versions (median of $RUNS builds, from --timings):"
for ((run = 0; run < RUNS; run++)); do
    "$RELAIS" build --root "$SITES" --out "$TMP/out-sites" --timings 2>&1 | awk '$1 == "versions" { print $2 }'
done | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] " ms" }'
