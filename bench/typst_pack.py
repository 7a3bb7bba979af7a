#!/usr/bin/env python3
"""Writes the general-assembly pack with Typst, as one whole process, for the benchmark.

    python bench/typst_pack.py YEAR_FILE OUTPUT.pdf [--templates DIR] [--fonts DIR]

compiles bench/pack.typ on the year file (data/2019/report.yaml, or a stress year from
scripts/make-stress-data.py) with the repository's templates and Inter fonts, the
system fonts ignored. Typst comes from PyPI (`pip install typst`); run this with the
real interpreter (`python3 -c 'import sys; print(sys.executable)'`), not a pyenv
shim, which costs about 60 ms before Python starts. Exit 1 when Typst reports an
error, with its message; 3 when the typst module is not installed.
"""
import argparse
import pathlib
import sys

here = pathlib.Path(__file__).resolve().parent
root = here.parent
parser = argparse.ArgumentParser()
parser.add_argument("year_file")
parser.add_argument("output")
parser.add_argument("--templates", default=str(root / "templates"))
parser.add_argument("--fonts", default=str(root / "fonts"))
arguments = parser.parse_args()
try:
    import typst
except ImportError:
    print("typst_pack.py: the typst module is not installed (python -m pip install typst)", file=sys.stderr)
    sys.exit(3)
try:
    typst.compile(
        str(here / "pack.typ"),
        output=arguments.output,
        root="/",  # the year file may be anywhere (stress years are written in /tmp)
        font_paths=[str(pathlib.Path(arguments.fonts).resolve())],
        ignore_system_fonts=True,
        sys_inputs={
            "year": str(pathlib.Path(arguments.year_file).resolve()),
            "templates": str(pathlib.Path(arguments.templates).resolve()),
        },
    )
except typst.TypstError as error:
    print(f"typst_pack.py: {error}", file=sys.stderr)
    sys.exit(1)
