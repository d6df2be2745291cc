#!/usr/bin/env bash
# Rewrites Traces/<model>.csv for every built-in model (224×224, batch 1) with the CLI.
# Run after changing a model builder or the trace format; TracesTests fails until you do.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product vitsim
for model in $(.build/release/vitsim models | tail -n +2 | cut -d' ' -f1); do
  .build/release/vitsim trace "$model" --output "Traces/$model.csv"
done
