#!/usr/bin/env bash
# Regenerates the example sweep and figures in docs/ from real simulator runs, with nothing but
# the Swift toolchain.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product vitsim
vitsim=.build/release/vitsim

# A sweep of deit-small on the edge chip: array shape × dataflow × schedule objective.
rm -f docs/example-sweep.csv
"$vitsim" sweep --model deit-small --chip HardwareConfigs/edge-16x16.json \
  --set array.dataflow=os,ws,is --set array.rows=8..128:x2 --set array.cols=8..128:x2 \
  --set memory.schedule_objective=latency,traffic --pareto area_mm2,latency_ms \
  --output docs/example-sweep.csv

# Scatter: latency against area, coloured by dataflow, Pareto front highlighted, log axes.
"$vitsim" plot docs/example-sweep.csv --x area_mm2 --y latency_ms --color dataflow --pareto \
  --log-x --log-y \
  --title "deit-small on edge-16x16 variants: array shape × dataflow × schedule objective" \
  --output docs/example-scatter.svg

# The per-block breakdown of one run: cycles, energy and DRAM traffic.
"$vitsim" simulate --model deit-small --chip edge-16x16 --plot docs/example-breakdown.svg >/dev/null
