#!/usr/bin/env bash
# Compares two bote binaries on the same inputs: hyperfine wall times side by side, then
# callgrind instruction counts (which do not depend on the machine's load).
# Usage: bench/compare.sh OLD_BINARY NEW_BINARY   (needs hyperfine and valgrind)
# e.g. git worktree add /tmp/old b19a578 && (cd /tmp/old && cargo build --release)
#      bench/compare.sh /tmp/old/target/release/bote target/release/bote
set -euo pipefail
cd "$(dirname "$0")/.."
old=$1 new=$2
tmp=$(mktemp -d)
bench/generate.sh 10000 > "$tmp/gen_10000.bote"
hyperfine --warmup 20 -N --runs 200 \
  "$old eval '100M * 10 / day -> /s'" "$new eval '100M * 10 / day -> /s'" \
  "$old run scenarios/photo_sharing.bote" "$new run scenarios/photo_sharing.bote"
hyperfine --warmup 3 -N --runs 30 \
  "$old run --format json $tmp/gen_10000.bote" "$new run --format json $tmp/gen_10000.bote" \
  "$old check $tmp/gen_10000.bote" "$new check $tmp/gen_10000.bote"
for bin in "$old" "$new"; do
  for args in "eval 100M*10/day" "run scenarios/photo_sharing.bote" \
      "run --format json $tmp/gen_10000.bote" "check $tmp/gen_10000.bote"; do
    # shellcheck disable=SC2086
    refs=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" $args 2>&1 >/dev/null \
      | grep -o 'refs: *[0-9,]*' | tr -s ' ')
    echo "$bin $args: $refs"
  done
done
rm -r "$tmp"
