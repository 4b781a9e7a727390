#!/usr/bin/env bash
# Prints a synthetic scenario of N definitions (N a multiple of 5): blocks of users, traffic,
# payload, storage and bandwidth, each block depending on the one before, so that the
# dependency chain is N/5 long.
set -euo pipefail
n=${1:?usage: bench/generate.sh N}
awk -v blocks=$((n / 5)) 'BEGIN {
  print "# Synthetic scenario of " blocks * 5 " definitions"
  print ""
  print "users_0 = 1M # seed"
  print "rate_0 = users_0 * 10 / day"
  print "size_0 = 2 KB"
  print "store_0 = rate_0 * size_0 * 1 year -> TB"
  print "bw_0 = rate_0 * size_0 -> Gbps"
  for (i = 1; i < blocks; i++) {
    printf "users_%d = users_%d + 1K # block %d\n", i, i - 1, i
    printf "rate_%d = users_%d * 10 / day\n", i, i
    printf "size_%d = size_%d + 1 B\n", i, i - 1
    printf "store_%d = rate_%d * size_%d * 1 year -> TB\n", i, i, i
    printf "bw_%d = rate_%d * size_%d -> Gbps\n", i, i, i
  }
  printf "assert store_%d > 0 B\n", blocks - 1
}'
