#!/usr/bin/env bash
# Time and work of large generated scenarios (bench/generate.sh N), as tables: wall time with
# hyperfine (-N, no shell) at 1,000, 10,000 and 100,000 definitions, then instructions with
# callgrind (which do not depend on the machine's load) at 5,000 to 40,000, to show that the
# work grows linearly. Needs hyperfine and valgrind (apt-get install hyperfine valgrind).
# With an argument, a second binary (an older build) runs beside this one in each hyperfine
# run: bench/large.sh /tmp/bote-old
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=target/release/bote
old=${1:-}
tmp=$(mktemp -d)
trap 'rm -r "$tmp"' EXIT
for n in 1000 5000 10000 20000 40000 100000; do
  bench/generate.sh "$n" > "$tmp/gen_$n.bote"
done
for n in 1000 10000 100000; do
  runs=$((n == 100000 ? 10 : 60))
  if [ -n "$old" ]; then
    hyperfine -N --warmup 5 --runs "$runs" "$bin run $tmp/gen_$n.bote" "$old run $tmp/gen_$n.bote"
  else
    hyperfine -N --warmup 5 --runs "$runs" "$bin run $tmp/gen_$n.bote"
  fi
done
hyperfine -N --warmup 5 --runs 60 "$bin check $tmp/gen_10000.bote" \
  "$bin run --format json $tmp/gen_10000.bote"
for n in 5000 10000 20000 40000; do
  valgrind --tool=callgrind --callgrind-out-file="$tmp/cg" "$bin" run "$tmp/gen_$n.bote" \
    > /dev/null 2> "$tmp/err"
  printf '%6d definitions: %s instructions\n' "$n" \
    "$(grep -o 'Collected : [0-9]*' "$tmp/err" | grep -o '[0-9]*')"
done
