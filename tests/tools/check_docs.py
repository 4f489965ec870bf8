#!/usr/bin/env python3
"""Keeps the generated reference documents true: docs/errors.md must list the error table exactly as
`nrs errors` prints it, and docs/cli.md must hold the current `--help` of every command.
Run with --write to regenerate both."""
import json, subprocess, sys
from pathlib import Path

nrs, root = sys.argv[1], Path(sys.argv[2])
write = "--write" in sys.argv


def run(*args):
    return subprocess.run([nrs, *args], check=True, capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"}).stdout


def errors_md():
    rows = json.loads(run("errors", "--format", "json"))
    out = ["# Errors", "",
           "Every failure NRS reports has one code. The command line exits with the code's exit status and prints",
           "one line on stderr (plus one line per problem for refused inputs); the HTTP API answers with the status",
           "and the body `{ \"error\": { \"code\", \"message\", \"details\" } }`. Generated from the error table",
           "(`include/nrs/error.h`) by `tests/tools/check_docs.py --write`.", "",
           "| code | HTTP | exit | meaning |", "|---|---|---|---|"]
    out += [f"| `{r['code']}` | {r['http_status']} | {r['exit_code']} | {r['description']} |" for r in rows]
    return "\n".join(out) + "\n"


def commands():
    """Subcommand paths, from the help text of each level."""
    found, queue = [], [[]]
    while queue:
        path = queue.pop(0)
        text = run(*path, "--help")
        if path:
            found.append(path)
        if "Subcommands:" in text:
            for line in text.split("Subcommands:")[1].splitlines()[1:]:
                if not line.startswith("  ") or not line.strip():
                    break
                queue.append(path + [line.split()[0]])
    return found


def cli_md():
    out = ["# The `nrs` command line", "",
           "Generated from the program's own `--help` by `tests/tools/check_docs.py --write`; a test keeps it current.",
           "", "```text", "$ nrs --help", run("--help").rstrip(), "```"]
    for path in commands():
        out += ["", f"## nrs {' '.join(path)}", "", "```text", f"$ nrs {' '.join(path)} --help",
                run(*path, "--help").rstrip(), "```"]
    return "\n".join(out) + "\n"


stale = []
for name, text in [("errors.md", errors_md()), ("cli.md", cli_md())]:
    path = root / "docs" / name
    if write:
        path.write_text(text)
    elif not path.is_file() or path.read_text() != text:
        stale.append(name)
if stale:
    print(f"docs out of date: {', '.join(stale)} (regenerate: python3 tests/tools/check_docs.py build/release/nrs . --write)")
    sys.exit(1)
print("docs: errors.md and cli.md match the program")
