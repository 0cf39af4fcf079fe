#!/usr/bin/env bash
# Side-by-side: the same workloads through multiprocessing4j, Python's multiprocessing, raw Agrona and
# Chronicle Queue, in one run. Usage: benchmarks/side-by-side.sh [--quick] [WORKLOAD...]
# Writes benchmarks/results/side-by-side.{json,md,png}.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -DskipTests package -pl benchmarks -am
exec java -jar benchmarks/target/benchmarks.jar side-by-side "$@"
