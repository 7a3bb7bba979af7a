#!/usr/bin/env python3
"""Prints the mean per-channel difference (0 to 255) of two PNG images of the same size.

Used by the preview tests to compare report's PNG pages with poppler's rendering of
the PDF. Reads 8-bit RGB, RGBA, grey and grey-alpha PNGs (what cairo and pdftoppm write),
without any library beyond the standard one.
"""
import struct
import sys
import zlib


def read(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path}: not a PNG"
    position, chunks, header = 8, [], None
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            chunks.append(body)
        position += 12 + length
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and interlace == 0, f"{path}: depth {depth}, interlace {interlace}"
    channels = {0: 1, 2: 3, 4: 2, 6: 4}[colour]
    raw = zlib.decompress(b"".join(chunks))
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for x in range(stride):
            left = line[x - channels] if x >= channels else 0
            up = previous[x]
            corner = previous[x - channels] if x >= channels else 0
            if kind == 1:
                line[x] = (line[x] + left) & 255
            elif kind == 2:
                line[x] = (line[x] + up) & 255
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[x] = (line[x] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
        rows.append(line)
        previous = line
    # As RGB: grey repeated, alpha dropped (both are drawn on opaque white).
    pixels = bytearray()
    for line in rows:
        for x in range(width):
            pixel = line[x * channels:(x + 1) * channels]
            pixels += bytes(pixel[:3]) if channels >= 3 else bytes([pixel[0]] * 3)
    return width, height, pixels


(w1, h1, one), (w2, h2, other) = read(sys.argv[1]), read(sys.argv[2])
if (w1, h1) != (w2, h2):
    print(f"sizes differ: {w1}x{h1} and {w2}x{h2}")
    sys.exit(1)
difference = sum(abs(a - b) for a, b in zip(one, other)) / len(one)
ink = sum(1 for a in one if a < 128) / len(one)
print(f"{difference:.4f} {ink:.4f}")
