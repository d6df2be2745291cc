#!/usr/bin/env bash
# Rewrites HardwareConfigs/*.json in dump-config form (every default filled in) and their
# embedded copies in Sources/Hardware/Chip+Examples.swift. Run after changing a default or an
# example chip; HardwareConfigsTests fails until you do.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product vitsim
for file in HardwareConfigs/*.json; do
  .build/release/vitsim dump-config "$file" > "$file.tmp" && mv "$file.tmp" "$file"
done
python3 - <<'PY'
import pathlib
path = pathlib.Path("Sources/Hardware/Chip+Examples.swift")
source = path.read_text()
start = source.index("  public static let exampleConfigs")
end = source.index("  ]\n", start) + 4
names = ["edge-16x16", "mid-32x32", "datacenter-128x128", "a100-like"]
parts = []
for name in names:
    text = pathlib.Path(f"HardwareConfigs/{name}.json").read_text().rstrip("\n")
    body = "\n".join(("      " + line) if line else "" for line in text.split("\n"))
    parts.append(f'    (\n      "{name}",\n      """\n{body}\n      """ + "\\n"\n    ),\n')
block = "  public static let exampleConfigs: [(name: String, json: String)] = [\n" + "".join(parts) + "  ]\n"
path.write_text(source[:start] + block + source[end:])
PY
