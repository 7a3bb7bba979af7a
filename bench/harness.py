#!/usr/bin/env python3
"""Times `report` and Typst on the same content, interleaved run by run.

    python bench/harness.py --binary PATH --runs N --out DIR [--sizes N …]

Run by scripts/bench.sh, which builds the binary and picks the real interpreter.
Rows: the 2019 pack; the 12 monthly exports of the test FEC on 2 cores and on 1
(`taskset -c 0`; Typst has no version of these, their row is ours alone); a stress
year for each size (scripts/make-stress-data.py). For a row with a Typst version,
the runs alternate: ours, Typst, ours, Typst… after one warm-up run of each (which
also counts the pages), so that a change in the machine's load falls on both.

Each run is one whole process, started with fork/exec and reaped with wait4: wall
time from before the fork to after the reaping, peak memory (ru_maxrss) and CPU
time (user + system) from the child's rusage. The table gives medians over the
runs, CPU time / wall time for ours, and the ratios Typst / ours. A command that
fails stops the benchmark with its error output (exit 1).
"""
import argparse
import json
import os
import pathlib
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

root = pathlib.Path(__file__).resolve().parents[1]
parser = argparse.ArgumentParser()
parser.add_argument("--binary", required=True)
parser.add_argument("--runs", type=int, default=11)
parser.add_argument("--out", required=True, help="a scratch folder for the PDFs and stress years")
parser.add_argument("--sizes", type=int, nargs="*", default=[])
parser.add_argument("--members", type=int, default=1000, help="members convened by the convocations row")
parser.add_argument("--no-typst", action="store_true", help="time ours alone")
parser.add_argument("--json", help="also write every run's figures to this file")
arguments = parser.parse_args()
out = pathlib.Path(arguments.out)
# The interpreter that runs this script runs Typst too: bench.sh passes the real
# one, not a pyenv shim (a shell script that costs ~60 ms before Python starts).
python = sys.executable
typst_driver = root / "bench/typst_pack.py"
one_core = ["taskset", "-c", "0"] if shutil.which("taskset") else None


def typst_version():
    """Typst's version when the module imports in this interpreter, else None."""
    if arguments.no_typst:
        return None
    try:
        import typst  # noqa: F401  (only to see that it is there)
    except ImportError:
        return None
    return getattr(typst, "__version__", "?")


class Failed(Exception):
    pass


def run(command, environment=None):
    """One whole process: (wall s, peak KiB, CPU s). Output is discarded."""
    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: the child never blocks on it
        start = time.perf_counter()
        child = subprocess.Popen(command, cwd=root, env=environment, stdout=subprocess.DEVNULL,
                                 stderr=errors)
        # wait4 gives this child's rusage; Popen.wait would reap it without.
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        error = errors.read().decode(errors="replace")
    if child.returncode != 0:
        raise Failed(f"{' '.join(map(str, command))} exited with {child.returncode}:\n{error}")
    return wall, usage.ru_maxrss, usage.ru_utime + usage.ru_stime


def pdf_pages(path):
    """Pages of a PDF, from pdfinfo (poppler-utils); '?' without it."""
    try:
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return "?"
    found = re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)
    return found.group(1) if found else "?"


def ours_pages(command):
    """Pages written, from the --json summary of a warm-up run."""
    result = subprocess.run(command + ["--json"], cwd=root, capture_output=True, text=True)
    if result.returncode != 0:
        raise Failed(f"{' '.join(command)} exited with {result.returncode}:\n{result.stderr}")
    return str(sum(file.get("pages", 0) for file in json.loads(result.stdout).get("files", [])))


def phases(command):
    """Where our time goes: the REPORT_TIMINGS=1 lines of one run, joined."""
    environment = dict(os.environ, REPORT_TIMINGS="1")
    result = subprocess.run(command, cwd=root, env=environment, capture_output=True, text=True)
    return "; ".join(line.removeprefix("timing: ") for line in result.stderr.splitlines()
                     if line.startswith("timing: "))


def median(values):
    return statistics.median(values) if values else None


def measure(label, ours, typst=None, prefix=()):
    """Runs one row; returns its figures. `typst` is (year file, pdf) or None."""
    # Each row writes into a folder of its own: the convocations attach the pack they
    # find up to date, which must not be another row's.
    folder = out / "ours" / "".join(c if c.isalnum() else "-" for c in label)
    ours_command = [*prefix, arguments.binary, *ours, "--output", str(folder)]
    typst_command = None
    if typst is not None:
        typst_command = [*prefix, python, str(typst_driver), str(typst[0]), str(typst[1])]
    row = {"label": label, "ours": [], "typst": []}
    row["ours_pages"] = ours_pages(ours_command)
    if typst_command:
        run(typst_command)
        row["typst_pages"] = pdf_pages(typst[1])
    for _ in range(arguments.runs):
        row["ours"].append(run(ours_command))
        if typst_command:
            row["typst"].append(run(typst_command))
    row["phases"] = phases(ours_command)
    return row


def seconds(value):
    if value is None:
        return "—"
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def mebibytes(kib):
    return "—" if kib is None else f"{kib / 1024:.0f} MiB"


def ratio(numerator, denominator):
    if numerator is None or not denominator:
        return "—"
    return f"{numerator / denominator:.2f}×"


def print_row(row):
    ours_time = median([wall for wall, _, _ in row["ours"]])
    ours_peak = median([peak for _, peak, _ in row["ours"]])
    ours_cpu = median([cpu / wall for wall, _, cpu in row["ours"]])
    typst_time = median([wall for wall, _, _ in row["typst"]])
    typst_peak = median([peak for _, peak, _ in row["typst"]])
    pages = row["ours_pages"] + (f" / {row['typst_pages']}" if row["typst"] else "")
    cells = [row["label"], pages, seconds(ours_time), mebibytes(ours_peak), f"{ours_cpu:.2f}",
             seconds(typst_time), mebibytes(typst_peak), ratio(typst_time, ours_time),
             ratio(typst_peak, ours_peak)]
    print("| " + " | ".join(cells) + " |", flush=True)


def main():
    version = typst_version()
    cores = len(os.sched_getaffinity(0))
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    print(f"machine: {cores} cores, {memory:.0f} GiB, {platform.machine()}, "
          f"load average {' '.join(f'{value:.2f}' for value in os.getloadavg())}")
    print(f"runs per row: {arguments.runs}, ours and Typst alternating, after one warm-up run of each; "
          "medians of the whole process's wall time and peak memory (max RSS)")
    if version is None:
        reason = "--no-typst" if arguments.no_typst else \
            f"the typst module does not import in {python} (install it: {python} -m pip install typst)"
        print(f"Typst rows skipped: {reason}")
    else:
        print(f"Typst {version} from PyPI, run as `{python} bench/typst_pack.py` (Python's start and "
              "`import typst` included)")
    print("| work | pages (ours / Typst) | ours: time | ours: peak | ours: CPU / wall "
          "| Typst: time | Typst: peak | time, Typst / ours | memory, Typst / ours |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |", flush=True)
    with_typst = version is not None
    rows = []

    def row(*args, **keywords):
        rows.append(measure(*args, **keywords))
        print_row(rows[-1])

    # The built-in pack of the 2019 year file, the content bench/pack.typ sets too (the
    # year's pack.yaml adds Markdown reports and photographs, which it does not).
    builtin = out / "data-2019"
    (builtin / "2019").mkdir(parents=True, exist_ok=True)
    shutil.copy(root / "data/2019/report.yaml", builtin / "2019/report.yaml")
    shutil.copytree(root / "data/2019/images", builtin / "2019/images", dirs_exist_ok=True)
    row("2019 pack", ["generate", "--year", "2019", "--data", str(builtin)],
        typst=(root / "data/2019/report.yaml", out / "typst-2019.pdf") if with_typst else None)
    row("2019 pack with its reports", ["generate", "--year", "2019"])
    exports = ["generate", "--year", "2019", "--all-months", "--fec", "Tests/Fixtures/accounting/fec-2019.txt"]
    row("12 monthly exports, 2 cores", exports)
    if one_core:
        row("the same on 1 core", exports, prefix=one_core)
    # The treasurer's documents on generated FECs (fec-bench --write): the ledger of
    # 100 000 lines (some 2 000 pages) and the accounts of 1 000 000 (an aggregation);
    # a smoke run (sizes under 1 000) uses small files.
    smoke = min(arguments.sizes, default=1000) < 1000
    for kind, lines in (("ledger", 2_000 if smoke else 100_000),
                        ("accounts", 20_000 if smoke else 1_000_000)):
        fec = out / f"fec-{lines}.txt"
        subprocess.run([str(root / ".build/release/fec-bench"), "--write", str(lines), str(fec)],
                       check=True, stdout=subprocess.DEVNULL)
        row(f"--{kind}, {lines} FEC lines", ["generate", "--year", "2019", f"--{kind}", "--fec", str(fec)])
    for lines in arguments.sizes:
        data = out / f"data-{lines}"
        subprocess.run([python, str(root / "scripts/make-stress-data.py"), str(lines), str(data)],
                       check=True, stdout=subprocess.DEVNULL)
        row(f"N = {lines}", ["generate", "--year", "2019", "--data", str(data)],
            typst=(data / "2019/report.yaml", out / f"typst-{lines}.pdf") if with_typst else None)
    # The convocations of 1 000 members (ours only: Typst has no counterpart): every
    # letter and pouvoir, the letters to post, the sheet, the resolutions and the outbox.
    # The warm-up run writes the pack; the timed runs find it up to date.
    members = out / f"data-members-{arguments.members}"
    subprocess.run([python, str(root / "scripts/make-members.py"), str(arguments.members), str(members)],
                   check=True, stdout=subprocess.DEVNULL)
    row(f"{arguments.members:,} members' convocations".replace(",", "\u202f"),
        ["convocations", "--year", "2019", "--data", str(members)])
    if arguments.json:
        keys = ("wall_s", "peak_kib", "cpu_s")
        pathlib.Path(arguments.json).write_text(json.dumps({
            "typst": version, "runs": arguments.runs, "load_average": os.getloadavg(),
            "rows": [{"label": each["label"], "ours_pages": each["ours_pages"],
                      "typst_pages": each.get("typst_pages"),
                      "ours": [dict(zip(keys, figures)) for figures in each["ours"]],
                      "typst": [dict(zip(keys, figures)) for figures in each["typst"]]} for each in rows],
        }, indent=1) + "\n", encoding="utf-8")
    print()
    print("where our time goes (REPORT_TIMINGS=1, one run; the steps of parallel documents add up):")
    for each in rows:
        print(f"{each['label']}: {each['phases']}")


try:
    main()
except Failed as failure:
    print(f"bench: {failure}", file=sys.stderr)
    sys.exit(1)
