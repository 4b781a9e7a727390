#!/usr/bin/env bash
# `bote sweep`: a 100-step sweep of a 31-line scenario, as one process, against the same 100
# evaluations done the way a shell loop does them (`bote run --set`, which reads and checks
# the scenario every time). Then instructions with callgrind (which do not depend on the
# machine's load) at 10, 100 and 1,000 steps: the work of a step, against that of reading
# and checking the scenario once. Needs hyperfine and valgrind
# (apt-get install hyperfine valgrind).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=$PWD/target/release/bote
scenario=scenarios/url_shortener.bote
vary='new_urls=10M/day..1bn/day'
tmp=$(mktemp -d)
trap 'rm -r "$tmp"' EXIT
# The 100 values the sweep steps through, for the loop.
"$bin" sweep "$scenario" --vary "$vary" --steps 100 --show write_qps --format csv |
  tail -n +2 | cut -d, -f1 > "$tmp/steps"
cat > "$tmp/loop.sh" <<LOOP
while read -r x; do
  "$bin" run --format json --set "new_urls=(\$x / s)" $scenario > /dev/null || true
done < $tmp/steps
LOOP
hyperfine -N --warmup 20 --runs 300 \
  "$bin sweep $scenario --vary $vary --steps 100 --show peak_qps,storage" \
  "$bin sweep $scenario --vary $vary --steps 100" \
  "$bin run $scenario"
hyperfine --warmup 2 --runs 10 "bash $tmp/loop.sh"
for steps in 10 100 1000; do
  valgrind --tool=callgrind --callgrind-out-file="$tmp/cg" "$bin" sweep "$scenario" \
    --vary "$vary" --steps "$steps" --show peak_qps,storage --format json \
    > /dev/null 2> "$tmp/err"
  printf '%5d steps: %s instructions\n' "$steps" \
    "$(grep -o 'Collected : [0-9]*' "$tmp/err" | grep -o '[0-9]*')"
done
valgrind --tool=callgrind --callgrind-out-file="$tmp/cg" "$bin" run --format json "$scenario" \
  > /dev/null 2> "$tmp/err"
printf 'bote run once: %s instructions\n' \
  "$(grep -o 'Collected : [0-9]*' "$tmp/err" | grep -o '[0-9]*')"
