#!/usr/bin/env bash
# The benchmarks quoted in the README. Needs hyperfine (apt-get install hyperfine).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=target/release/bote
tmp=$(mktemp -d)
for n in 1000 5000 10000 20000; do
  bench/generate.sh "$n" > "$tmp/gen_$n.bote"
done
hyperfine --warmup 20 -N --runs 300 \
  "$bin eval '100M * 10 / day -> /s'" \
  "$bin run scenarios/photo_sharing.bote" \
  "$bin run --format json scenarios/photo_sharing.bote"
hyperfine --warmup 3 -N --runs 30 \
  "$bin run --format json $tmp/gen_1000.bote" \
  "$bin run --format json $tmp/gen_5000.bote" \
  "$bin run --format json $tmp/gen_10000.bote" \
  "$bin run --format json $tmp/gen_20000.bote" \
  "$bin check $tmp/gen_10000.bote" \
  "$bin run $tmp/gen_10000.bote"
rm -r "$tmp"
