#!/usr/bin/python3
"""Draws an envelope window's outline over a page rendered by pdftoppm, to look at.

    scripts/draw-window.py PAGE.ppm OUT.png DPI X Y WIDTH HEIGHT

X, Y, WIDTH and HEIGHT are the window's left edge, top edge and size in millimetres
from the page's top-left corner (a DL window: 100 45 100 45). The outline is drawn in
red, 2 pixels wide, just outside the rectangle; prints the number of dark pixels
inside it (the address's ink). Standard library only (the PNG is written by hand).
"""
import struct
import sys
import zlib


def read_ppm(path):
    with open(path, "rb") as f:
        data = f.read()
    fields, index = [], 0
    while len(fields) < 4:
        while data[index:index + 1].isspace():
            index += 1
        if data[index:index + 1] == b"#":
            while data[index:index + 1] != b"\n":
                index += 1
            continue
        start = index
        while not data[index:index + 1].isspace():
            index += 1
        fields.append(data[start:index])
    if fields[0] != b"P6" or fields[3] != b"255":
        sys.exit("not an 8-bit binary PPM: " + path)
    width, height = int(fields[1]), int(fields[2])
    return width, height, bytearray(data[index + 1:index + 1 + width * height * 3])


def write_png(path, width, height, pixels):
    rows = b"".join(b"\x00" + bytes(pixels[y * width * 3:(y + 1) * width * 3]) for y in range(height))

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)))
        f.write(chunk(b"IDAT", zlib.compress(rows, 6)))
        f.write(chunk(b"IEND", b""))


def main():
    source, target, dpi = sys.argv[1], sys.argv[2], float(sys.argv[3])
    x, y, w, h = (float(v) * dpi / 25.4 for v in sys.argv[4:8])
    width, height, pixels = read_ppm(source)
    x0, y0, x1, y1 = int(round(x)), int(round(y)), int(round(x + w)), int(round(y + h))
    ink = 0
    for row in range(max(0, y0), min(height, y1)):
        for column in range(max(0, x0), min(width, x1)):
            at = (row * width + column) * 3
            if sum(pixels[at:at + 3]) < 3 * 128:
                ink += 1

    def paint(column, row):
        if 0 <= column < width and 0 <= row < height:
            at = (row * width + column) * 3
            pixels[at:at + 3] = b"\xd0\x10\x10"

    for offset in (1, 2):
        for column in range(x0 - offset, x1 + offset):
            paint(column, y0 - offset)
            paint(column, y1 + offset - 1)
        for row in range(y0 - offset, y1 + offset):
            paint(x0 - offset, row)
            paint(x1 + offset - 1, row)
    write_png(target, width, height, pixels)
    print(f"{target}: ink inside the window: {ink}")


main()
