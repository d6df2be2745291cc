#!/usr/bin/env bash
# Regenerates the example sweep and figures in docs/ from real simulator runs, with nothing but
# the Swift toolchain.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product vitsim
vitsim=.build/release/vitsim

# A sweep of deit-small on the edge chip: array shape × dataflow × activation buffer.
rm -f docs/example-sweep.csv
"$vitsim" sweep --model deit-small --chip HardwareConfigs/edge-16x16.json \
  --set array.dataflow=os,ws,is --set array.rows=8..128:x2 --set array.cols=8..128:x2 \
  --set memory.input.bytes=65536,262144 --pareto latency_ms,energy_pj \
  --output docs/example-sweep.csv

# Scatter: latency against energy, coloured by dataflow, Pareto front highlighted, log axes.
"$vitsim" plot docs/example-sweep.csv --x latency_ms --y energy_pj --color dataflow --pareto \
  --log-x --log-y --title "deit-small on edge-16x16 variants: array shape × dataflow × input buffer" \
  --output docs/example-scatter.svg

# The per-block breakdown of one run: cycles, energy and DRAM traffic.
"$vitsim" simulate --model deit-small --chip edge-16x16 --plot docs/example-breakdown.svg >/dev/null
