#!/usr/bin/env python3
"""Draws the two Teams app icons (deploy/teams/color.png, outline.png) without any image library:
a handshake-like pair of chevrons meeting over a bar, Accord's mark. Run it to regenerate them."""
import struct
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent


def png(path, size, pixel):
    rows = []
    for y in range(size):
        row = bytearray([0])  # filter: none
        for x in range(size):
            row.extend(pixel(x + 0.5, y + 0.5))
        rows.append(bytes(row))
    raw = zlib.compress(b"".join(rows), 9)

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) +
                     chunk(b"IEND", b""))


def mark(u, v):
    """Whether the point (u, v) in the unit square is on the mark."""
    def near_segment(ax, ay, bx, by, width):
        dx, dy = bx - ax, by - ay
        t = max(0.0, min(1.0, ((u - ax) * dx + (v - ay) * dy) / (dx * dx + dy * dy)))
        px, py = ax + t * dx, ay + t * dy
        return (u - px) ** 2 + (v - py) ** 2 <= width * width
    w = 0.07
    return (near_segment(0.22, 0.30, 0.50, 0.58, w) or near_segment(0.50, 0.58, 0.78, 0.30, w)
            or near_segment(0.25, 0.74, 0.75, 0.74, w))


def color(x, y):
    if mark(x / 192, y / 192):
        return (255, 255, 255, 255)
    return (0x2B, 0x5C, 0xD6, 255)


def outline(x, y):
    return (255, 255, 255, 255) if mark(x / 32, y / 32) else (0, 0, 0, 0)


png(HERE / "color.png", 192, color)
png(HERE / "outline.png", 32, outline)
