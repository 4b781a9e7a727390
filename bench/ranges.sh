#!/usr/bin/env bash
# Ranges (Monte Carlo) against Squiggle: bote's scenarios/photo_sharing_ranges.bote and its
# Squiggle twin bench/squiggle/photo_sharing.squiggle, both at 100,000 samples in ONE hyperfine
# comparison; then bote alone at 10,000 / 100,000 / 1,000,000 samples, with peak RSS
# (/usr/bin/time -f %M). Prints a Markdown table on standard output (hyperfine's own report
# goes to standard error).
# Usage: bench/ranges.sh [BOTE_BINARY]     default target/release/bote (from the repository root)
#   SQUIGGLE_DIR   the npm project holding @quri/squiggle-lang (default /work/squiggle);
#                  see bench/squiggle/README.md to install it. Skipped, with a message, if missing.
#   RUNS           hyperfine runs per command (default 5; the 1,000,000-sample bote run uses it too)
# Needs hyperfine and GNU time (/usr/bin/time); node for the Squiggle side.
set -euo pipefail

here=$(pwd)
root=$(cd "$(dirname "$0")/.." && pwd)
abs() { case $1 in /*) printf '%s\n' "$1" ;; *) printf '%s\n' "$here/$1" ;; esac; }
if [ $# -ge 1 ]; then bote=$(abs "$1"); else bote=$root/target/release/bote; fi
squiggle_dir=$(abs "${SQUIGGLE_DIR:-/work/squiggle}")
runs=${RUNS:-5}
cd "$root"

scenario=scenarios/photo_sharing_ranges.bote
model=bench/squiggle/photo_sharing.squiggle
cli=$squiggle_dir/node_modules/@quri/squiggle-lang/dist/cli/index.js
gnu_time=/usr/bin/time
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

command -v hyperfine >/dev/null || { echo "hyperfine is not installed" >&2; exit 1; }
note() { printf '%s\n' "$*" >&2; notes+=("$*"); }
notes=()

# bote: the binary must exist, and must run the scenario with --samples (ranges implemented).
have_bote=1
if [ ! -x "$bote" ]; then
  note "bote: skipped, no executable at $bote (cargo build --release, or pass its path)"
  have_bote=0
elif [ ! -f "$scenario" ]; then
  note "bote: skipped, $scenario is missing (ranges not on this branch yet)"
  have_bote=0
elif ! "$bote" run --samples 1000 "$scenario" >/dev/null 2>"$tmp/bote.err"; then
  note "bote: skipped, \`bote run --samples 1000 $scenario\` failed: $(head -n 3 "$tmp/bote.err" | tr '\n' ' ')"
  have_bote=0
fi

# Squiggle: node, the CLI, and a trial run. The CLI exits 0 on a Squiggle error, so look at its output.
have_squiggle=1
if ! command -v node >/dev/null; then
  note "Squiggle: skipped, node is not installed"
  have_squiggle=0
elif [ ! -f "$cli" ]; then
  note "Squiggle: skipped, no install at $squiggle_dir (set SQUIGGLE_DIR; see bench/squiggle/README.md)"
  have_squiggle=0
elif ! SAMPLE_COUNT=1000 node "$cli" run "$model" >"$tmp/sq.out" 2>&1 || grep -q 'Error' "$tmp/sq.out"; then
  note "Squiggle: skipped, the trial run failed: $(head -n 3 "$tmp/sq.out" | tr '\n' ' ')"
  have_squiggle=0
fi
if [ "$have_bote" = 0 ] && [ "$have_squiggle" = 0 ]; then
  echo "nothing to measure" >&2
  exit 1
fi

squiggle_version=
if [ "$have_squiggle" = 1 ]; then
  squiggle_version=$(node -p "require('$squiggle_dir/node_modules/@quri/squiggle-lang/package.json').version")
fi
bote_cmd() { printf '%s run --samples %s %s' "$bote" "$1" "$scenario"; }
squiggle_cmd() { printf 'env SAMPLE_COUNT=%s node %s run %s' "$1" "$cli" "$model"; }

# Peak RSS in KB of one run of a command (word-split on purpose: the paths have no spaces).
rss() {
  # shellcheck disable=SC2086
  "$gnu_time" -f %M -o "$tmp/rss" $1 >/dev/null 2>&1 && cat "$tmp/rss" || echo ?
}

# Prints a Markdown table from a hyperfine CSV (command,mean,stddev,median,user,system,min,max in
# seconds), one row per command, labelled in order by the arguments after the CSV:
# "program|samples|peak RSS in KB".
table() {
  local csv=$1 i=0 line prog samples kb mean sd user min max
  shift
  local labels=("$@")
  echo "| program | samples | mean ± σ (ms) | min (ms) | max (ms) | user (ms) | peak RSS (MiB) |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
  while IFS= read -r line; do
    IFS='|' read -r prog samples kb <<<"${labels[i]}"
    samples=$(printf '%s' "$samples" | sed -E ':a; s/([0-9])([0-9]{3})($|,)/\1,\2\3/; ta')
    IFS=, read -r _ mean sd _ user _ min max <<<"$line"
    awk -v p="$prog" -v n="$samples" -v kb="$kb" -v m="$mean" -v s="$sd" -v u="$user" -v lo="$min" -v hi="$max" 'BEGIN {
      r = (kb ~ /^[0-9]+$/) ? sprintf("%.1f", kb / 1024) : "?"
      printf "| %s | %s | %.1f ± %.1f | %.1f | %.1f | %.1f | %s |\n", p, n, m*1000, s*1000, lo*1000, hi*1000, u*1000, r }'
    i=$((i + 1))
  done < <(tail -n +2 "$csv")
}

# 1. The comparison at 100,000 samples.
cmds=() labels=()
if [ "$have_bote" = 1 ]; then cmds+=("$(bote_cmd 100000)"); labels+=("bote|100000|$(rss "$(bote_cmd 100000)")"); fi
if [ "$have_squiggle" = 1 ]; then cmds+=("$(squiggle_cmd 100000)"); labels+=("Squiggle $squiggle_version|100000|$(rss "$(squiggle_cmd 100000)")"); fi
hyperfine -N --warmup 1 --runs "$runs" --export-csv "$tmp/cmp.csv" "${cmds[@]}" >&2
cmp_labels=("${labels[@]}")

# 2. bote alone at 10,000 / 100,000 / 1,000,000 samples, with the peak RSS of each.
if [ "$have_bote" = 1 ]; then
  labels=()
  for n in 10000 100000 1000000; do labels+=("bote|$n|$(rss "$(bote_cmd $n)")"); done
  hyperfine -N --warmup 1 --runs "$runs" --export-csv "$tmp/bote.csv" \
    "$(bote_cmd 10000)" "$(bote_cmd 100000)" "$(bote_cmd 1000000)" >&2
fi

echo "Ranges: photo sharing ($scenario vs $model); $(nproc) cores; node $(node --version 2>/dev/null || echo -); $("$bote" --version 2>/dev/null || echo 'bote ?')"
echo
echo "Comparison at 100,000 samples (hyperfine -N --warmup 1 --runs $runs; peak RSS from one run):"
echo
table "$tmp/cmp.csv" "${cmp_labels[@]}"
if [ "$have_bote" = 1 ]; then
  echo
  echo "bote alone:"
  echo
  table "$tmp/bote.csv" "${labels[@]}"
fi
if [ "$have_bote" = 1 ] && [ "$have_squiggle" = 1 ]; then
  IFS=, read -r _ bm _ < <(sed -n 2p "$tmp/cmp.csv")
  IFS=, read -r _ sm _ < <(sed -n 3p "$tmp/cmp.csv")
  echo
  awk -v b="$bm" -v s="$sm" 'BEGIN { printf "At 100,000 samples Squiggle takes %.1f× bote'"'"'s wall time.\n", s / b }'
fi
for n in "${notes[@]}"; do echo; echo "Note: $n"; done
