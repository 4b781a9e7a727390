#!/usr/bin/env bash
# Peak memory (maximum resident set size, GNU time's %M) and wall time of the inputs issue 9
# names: 16 MiB of `1` lines, and 10,000 / 100,000 generated definitions, as a table and as
# JSON. Needs GNU time (apt-get install time). Prints bytes of peak memory per statement.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=target/release/bote
tmp=$(mktemp -d)
trap 'rm -r "$tmp"' EXIT
# 16 MiB of "1\n": 8,388,607 statements (the last byte stays under the 16 MiB limit).
awk 'BEGIN { for (i = 0; i < 8388607; i++) print "1" }' > "$tmp/ones.bote"
for n in 10000 100000; do
  bench/generate.sh "$n" > "$tmp/gen_$n.bote"
done
measure() { # name, statements, args…
  local name=$1 statements=$2
  shift 2
  /usr/bin/time -f "%e %M" -o "$tmp/time" "$bin" "$@" > /dev/null || true
  read -r secs kb < "$tmp/time"
  printf '%-34s %6s s %9s KB peak %6d bytes/statement\n' "$name" "$secs" "$kb" $((kb * 1024 / statements))
}
measure "16 MiB of '1' lines, table" 8388607 run "$tmp/ones.bote"
measure "16 MiB of '1' lines, json" 8388607 run --format json "$tmp/ones.bote"
measure "10,000 definitions, table" 10000 run "$tmp/gen_10000.bote"
measure "100,000 definitions, table" 100000 run "$tmp/gen_100000.bote"
measure "100,000 definitions, json" 100000 run --format json "$tmp/gen_100000.bote"
