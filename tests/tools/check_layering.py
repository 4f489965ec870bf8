#!/usr/bin/env python3
"""Checks the layering rule: a subsystem includes only the subsystems its README allows ("May include: …"),
and its CMake target links no other NRS library. Prints each violation as file:line: reason."""
import re, sys
from pathlib import Path

root = Path(sys.argv[1])
src = root / "src"
subsystems = sorted(p.name for p in src.iterdir() if p.is_dir())
problems = []

# Public headers in include/nrs/ belong to the subsystem that implements them.
PUBLIC = {"status.h": "core", "result.h": "core", "error.h": "core", "app.h": "app", "maps.h": "app",
          "statistics.h": "app", "places.h": "app",
          "system_maps.h": "app", "survey.h": "app", "index.h": "app", "accounts.h": "app", "audit.h": "app"}
for header in (root / "include" / "nrs").glob("*.h"):
    if header.name not in PUBLIC:
        problems.append(f"include/nrs/{header.name}: not assigned to a subsystem in tests/tools/check_layering.py")

allowed = {}
for sub in subsystems:
    readme = src / sub / "README.md"
    if not readme.is_file():
        problems.append(f"src/{sub}: no README.md")
        continue
    lines = readme.read_text().splitlines()
    if len(lines) > 10:
        problems.append(f"src/{sub}/README.md: {len(lines)} lines; keep it to ten")
    m = re.search(r"^May include: (.*)$", readme.read_text(), re.M)
    if not m:
        problems.append(f"src/{sub}/README.md: no 'May include:' line")
        continue
    text = m.group(1).split("(")[0]
    allowed[sub] = {w for w in re.findall(r"[a-z]+", text) if w in subsystems} | {sub}

def owner(include):
    if include.startswith("nrs/"):
        return PUBLIC.get(include[4:])
    first = include.split("/")[0]
    return first if first in subsystems else None

for sub, ok in allowed.items():
    for f in sorted((src / sub).rglob("*")):
        if f.suffix not in (".h", ".cc"):
            continue
        test_file = f.name.endswith("_test.cc")
        for n, line in enumerate(f.read_text().splitlines(), 1):
            m = re.match(r'\s*#include\s+"([^"]+)"', line)
            if not m:
                continue
            inc = m.group(1)
            o = owner(inc)
            if o is None or o in ok:
                continue
            if test_file and inc == "core/test_support.h":
                continue
            problems.append(f"{f.relative_to(root)}:{n}: {sub} may not include {inc} (owned by {o}); "
                            f"allowed: {', '.join(sorted(ok))}")
    cmake = (src / sub / "CMakeLists.txt").read_text()
    for lib in re.findall(r"\bnrs_([a-z]+)\b", cmake):
        if lib in subsystems and lib not in ok:
            problems.append(f"src/{sub}/CMakeLists.txt: links nrs_{lib}, which src/{sub}/README.md does not allow")

for p in problems:
    print(p)
print(f"layering: {len(subsystems)} subsystems, {len(problems)} problems")
sys.exit(1 if problems else 0)
