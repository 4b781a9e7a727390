#!/usr/bin/env bash
# Regenerates the committed seed corpus (fuzz/seeds/) from the scenarios, the test fixtures
# and the README's examples. Run after adding a scenario or an example; needs perl for the
# binary seeds of `format`.
#   seeds/parse   every scenario and fixture, and each README `bote eval` argument alone
#   seeds/run     cases of the run/oracle input format (see src/lib.rs): scenarios, the same
#                 with --set, --precision, --explain and --rough, eval, sla and slo arguments,
#                 imports, sweeps
#   seeds/format  numbers that sit on display boundaries, in several dimensions and kinds
set -euo pipefail
cd "$(dirname "$0")"
root=..
rm -rf seeds
mkdir -p seeds/parse seeds/run seeds/format

# The single-quoted arguments of the README's `$ bote eval` lines, one per line.
readme_eval_args() {
  grep '^\$ bote eval' "$root/README.md" | grep -o "'[^']*'" | tr -d "'"
}

seed() { # seed DIR: standard input becomes a seed of DIR, named by its SHA-1 as libFuzzer does
  local tmp
  tmp=$(mktemp)
  cat > "$tmp"
  mv "$tmp" "seeds/$1/$(sha1sum < "$tmp" | cut -c1-40)"
}

for f in "$root"/scenarios/*.bote "$root"/tests/errors/*/*.bote "$root"/tests/fixtures/*.bote \
    "$root"/tests/fixtures/import/*.bote; do
  seed parse < "$f"
done
while IFS= read -r arg; do
  printf '%s\n' "$arg" | seed parse
  printf -- '--eval\n%s\n' "$arg" | seed run
done < <(readme_eval_args)

for f in "$root"/scenarios/*.bote; do
  seed run < "$f"
  # --set the first definition to its own formula, which keeps its dimension and kind.
  set_line=$(grep -m1 -E '^[a-z_][a-z0-9_]* *=' "$f" \
    | sed -E 's/[[:space:]]*#.*//; s/[[:space:]]*->.*//; s/^([a-z_][a-z0-9_]*) *= */\1=/')
  { printf -- '--set %s\n--precision 6\n--explain\n' "$set_line"; cat "$f"; } | seed run
  { printf -- '--explain\n--rough\n'; cat "$f"; } | seed run
done
for f in "$root"/tests/errors/*/*.bote; do
  seed run < "$f"
done
{ echo '--eval'; readme_eval_args; } | seed run

# Imports: each --file section is a file that `import` can read.
import_case() { # import_case MAIN FILE…
  cat "$1"
  shift
  for f in "$@"; do
    printf -- '--file %s\n' "${f#"$root"/tests/fixtures/import/}"
    cat "$f"
  done
}
imports="$root/tests/fixtures/import"
import_case "$imports/plan.bote" "$imports/common.bote" | seed run
import_case "$imports/diamond.bote" "$imports/common.bote" "$imports/shared/replicas.bote" | seed run
import_case "$imports/cycle_a.bote" "$imports/cycle_b.bote" "$imports/shared/cycle_c.bote" | seed run
import_case "$imports/twice.bote" "$imports/common.bote" | seed run
printf -- '--eval\nimport "common.bote"\nceil(110 PB / node_disk)\n--file common.bote\n' \
  | cat - "$imports/common.bote" | seed run

# Sweeps (`bote sweep`), as in the README: steps, a grid, geometric steps, a break-even.
photos="$root/scenarios/photo_sharing.bote"
{ printf -- '--vary dau=100M..1bn\n--show total_storage\n'; cat "$photos"; } | seed run
{ printf -- '--vary dau=100M..1bn\n--vary replication=2..4\n--steps 3\n'; cat "$photos"; } | seed run
{ printf -- '--vary retention=1 year..10 years\n--log\n--steps 4\n'; cat "$photos"; } | seed run
{ printf -- '--vary dau=100M..10bn\n--until peak_view_qps > 1M /s\n'; cat "$photos"; } | seed run
{ printf -- '--vary replication=2..4\n--steps 3\n--show total_storage\n'
  cat "$root/scenarios/photo_sharing_ranges.bote"; } | seed run

# sla and slo, as in the README.
printf -- '--sla\n99.9%%\n99.95%%\n99.99%%\n' | seed run
printf -- '--sla\n--downtime 5 min/month\n--calendar 365\nnines(4)\n' | seed run
printf -- '--slo\n--requests 1bn\n--burn 14.4\n99.9%%\n' | seed run
printf -- '--slo\n--window 4w\n--calendar gregorian\n99.95%%\n' | seed run
printf -- '--slo\n--window 1h30m\nnines(20)\n' | seed run

# Values at the edges of a double, each within range: overflow, underflow and 300 nines.
printf -- '--eval\n%s\n' '1e-308 / 1e10' 'availability(1e-320)' 'nines(300)' \
  'series(nines(300), nines(300))' 'ln(1e-320)' '1e306 -> %' '$1e308 / GB -> $/B' \
  'sqrt(1e308) * sqrt(1e308)' '5e-324 s -> years' 'error_budget(nines(300), 1e-300 s)' \
  '1.6e306%' '1e300 GB / 1e-300 s' '1e-300 s * 1e-10' '1e15 + 1' '0.1 + 0.2' | seed run
printf -- '--sla\n--downtime 1e-300 s/year\n1e-320\nnines(300)\n0%%\n100%%\n' | seed run
printf -- '--slo\n--requests 1e308\n--burn 1e300\n--window 1e-3 s\nnines(300)\n' | seed run
printf -- '--precision 15\nx = 1e307 # large\ny = x * 10\nz = 1 / y\nassert z > 0\n' | seed run

# format: an f64 (little endian), then dimension, kind, precision and calendar bytes.
number() { # number VALUE DIMENSION KIND PRECISION CALENDAR
  perl -e 'print pack("d<C4", @ARGV)' -- "$@" | seed format
}
for v in 0 1 -1 0.5 42 999.97e6 3595 59.96 86400 1.245e8 11574.07 1e-7 1.5e18 1e15 1e21 1e-300 \
    1e308 1.7976931348623157e308 -1.7976931348623157e308 5e-324 2.2250738585072014e-308; do
  for dim in 0 1 2 3 4 5 6 9; do
    number "$v" "$dim" 0 2 0
  done
done
for v in 0.9995 0.999999999 0.5 1 0 1e-20 0.25 1.001; do
  number "$v" 0 1 2 0
  number "$v" 0 2 2 1
  number "$v" 0 3 14 2
done
