#!/usr/bin/env python3
"""Writes scripts/symbol-order.txt: the functions the commands execute, for the linker
to lay out together (scripts/build-release.sh passes it to lld).

    scripts/make-symbol-order.py          run the commands under valgrind, write the file
    scripts/make-symbol-order.py --check  say how much of the file the built binary has

The release binary (.build/release/report, as scripts/build-release.sh builds it) runs
each command below under valgrind's callgrind, which lists every function executed,
however briefly: a sampling profiler would miss the ones run once, and each of those
costs a page fault and 64 KB of resident code as much as a hot one. The file lists the
functions of the binary command by command, the pack's first (with the start every
command shares), then what each other command adds. Run it again after a large change: a function
renamed since is skipped by the linker and stays where the code puts it, so a stale file
costs memory, never correctness. Needs valgrind (Debian's `valgrind`) and about a minute.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

root = Path(__file__).resolve().parent.parent
binary = root / ".build/release/report"
order = root / "scripts/symbol-order.txt"


def defined_functions(path):
    """The binary's function symbols (global and local), by name."""
    listing = subprocess.run(
        ["nm", "--defined-only", str(path)], capture_output=True, text=True, check=True
    ).stdout
    names = set()
    for line in listing.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] in "tTwW":
            names.add(parts[2])
    return names


def executed(profile, object_name):
    """The functions of `object_name` that a callgrind profile saw run, in file order.

    Callgrind names a function or object once, `fn=(12) name`, then by its number
    alone; `ob=` sets the object of the `fn=` lines that follow."""
    objects, functions, seen = {}, {}, []
    current = None
    pattern = re.compile(r"^(ob|cob|fn|cfn)=\((\d+)\)(?: (.*))?$")
    with open(profile, errors="replace") as lines:
        for line in lines:
            match = pattern.match(line.rstrip("\n"))
            if not match:
                continue
            kind, number, name = match.groups()
            table = objects if kind in ("ob", "cob") else functions
            if name:
                table[number] = name
            if kind == "ob":
                current = objects.get(number)
            elif kind == "fn" and current and current.endswith(object_name):
                seen.append(functions[number])
    return seen


def check():
    if not order.exists() or not binary.exists():
        sys.exit(f"make-symbol-order: build the binary (scripts/build-release.sh) and keep {order}")
    listed = [name for name in order.read_text().splitlines() if name]
    have = defined_functions(binary)
    found = sum(1 for name in listed if name in have)
    print(f"{found} of the {len(listed)} functions of {order.name} are in the binary "
          f"({100 * found / max(1, len(listed)):.0f} %)")


def main():
    if sys.argv[1:] == ["--check"]:
        return check()
    if sys.argv[1:]:
        sys.exit(__doc__)
    if not shutil.which("valgrind"):
        sys.exit("make-symbol-order: needs valgrind (apt install valgrind)")
    if not binary.exists():
        sys.exit("make-symbol-order: build the binary first: scripts/build-release.sh")
    work = Path(tempfile.mkdtemp(prefix="symbol-order-"))
    try:
        # Valgrind cannot read the debug information of the static binary; the symbol
        # table is enough to name the functions.
        stripped = work / "report"
        subprocess.run(["strip", "--strip-debug", "-o", str(stripped), str(binary)], check=True)
        python = sys.executable
        builtin = work / "data-2019"
        (builtin / "2019").mkdir(parents=True)
        shutil.copy(root / "data/2019/report.yaml", builtin / "2019/report.yaml")
        shutil.copytree(root / "data/2019/images", builtin / "2019/images")
        data = work / "data"
        shutil.copytree(root / "data", data)
        subprocess.run([python, str(root / "scripts/make-stress-data.py"), "300", str(work / "stress")],
                       check=True, stdout=subprocess.DEVNULL)
        fec = "Tests/Fixtures/accounting/fec-2019.txt"
        out = str(work / "out")
        commands = [
            ["generate", "--year", "2019", "--data", str(builtin)],
            ["generate", "--year", "2019", "--data", str(data)],
            ["generate", "--year", "2019", "--data", str(work / "stress")],
            ["generate", "--year", "2019", "--all-months", "--fec", fec],
            ["generate", "--year", "2019", "--ledger", "--fec", fec],
            ["generate", "--year", "2019", "--accounts", "--fec", fec],
            ["generate", "--year", "2019", "--pdfa", "--data", str(builtin)],
            ["validate", "--year", "2019", "--data", str(data)],
            ["convocations", "--year", "2019", "--data", str(data)],
            ["send", "--year", "2019", "--dry-run", "--data", str(data)],
            ["--version"],
        ]
        names, seen = [], set()
        for index, command in enumerate(commands):
            profile = work / f"callgrind.{index}"
            run = subprocess.run(
                ["valgrind", "--tool=callgrind", "--demangle=no", f"--callgrind-out-file={profile}",
                 str(stripped), *command, *([] if command == ["--version"] else ["--output", out])],
                cwd=root, capture_output=True, text=True)
            if run.returncode != 0:
                sys.exit(f"make-symbol-order: `report {' '.join(command)}` failed:\n{run.stderr[-2000:]}")
            for name in executed(profile, "/report"):
                if name not in seen:
                    seen.add(name)
                    names.append(name)
        have = defined_functions(binary)
        names = [name for name in names if name in have]
        temporary = order.with_suffix(".tmp")
        temporary.write_text("".join(name + "\n" for name in names))
        os.replace(temporary, order)
        print(f"{order.relative_to(root)}: {len(names)} functions")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
