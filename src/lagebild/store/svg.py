"""A small SVG bar chart for `lagebild dyad --plot` (no plotting dependency).

Cooperation is drawn above the zero line (verbal light, material dark), conflict below it.
"""
from __future__ import annotations

from html import escape
from typing import Any

WIDTH, HEIGHT = 900, 420
MARGIN = {"left": 60, "right": 20, "top": 40, "bottom": 70}
COLOURS = {"verbal_coop": "#9ecae1", "material_coop": "#3182bd",
           "verbal_conflict": "#fdae6b", "material_conflict": "#e6550d"}
LABELS = {"verbal_coop": "verbal cooperation", "material_coop": "material cooperation",
          "verbal_conflict": "verbal conflict", "material_conflict": "material conflict"}


def dyad_chart(rows: list[dict[str, Any]], title: str) -> str:
    """SVG text for per-period rows with period, verbal_coop, material_coop, verbal_conflict, material_conflict."""
    plot_w = WIDTH - MARGIN["left"] - MARGIN["right"]
    plot_h = HEIGHT - MARGIN["top"] - MARGIN["bottom"]
    up = max([r["verbal_coop"] + r["material_coop"] for r in rows] + [1])
    down = max([r["verbal_conflict"] + r["material_conflict"] for r in rows] + [1])
    scale = plot_h / (up + down)
    zero = MARGIN["top"] + up * scale
    n = max(len(rows), 1)
    slot = plot_w / n
    bar = max(slot * 0.8, 1.0)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
           f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="11">',
           f'<title>{escape(title)}</title>',
           f'<text x="{WIDTH / 2:.0f}" y="22" text-anchor="middle" font-size="14">{escape(title)}</text>']
    label_every = max(1, n // 12)
    for i, r in enumerate(rows):
        x = MARGIN["left"] + i * slot + (slot - bar) / 2
        y = zero
        for key in ("verbal_coop", "material_coop"):
            h = r[key] * scale
            y -= h
            out.append(_rect(x, y, bar, h, key, r))
        y = zero
        for key in ("verbal_conflict", "material_conflict"):
            h = r[key] * scale
            out.append(_rect(x, y, bar, h, key, r))
            y += h
        if i % label_every == 0:
            lx, ly = x + bar / 2, HEIGHT - MARGIN["bottom"] + 14
            out.append(f'<text x="{lx:.1f}" y="{ly}" text-anchor="end" '
                       f'transform="rotate(-45 {lx:.1f} {ly})">{escape(str(r["period"]))}</text>')
    out.append(f'<line x1="{MARGIN["left"]}" x2="{WIDTH - MARGIN["right"]}" y1="{zero:.1f}" y2="{zero:.1f}" '
               'stroke="#333"/>')
    out.append(f'<text x="{MARGIN["left"] - 6}" y="{MARGIN["top"] + 4}" text-anchor="end">{up}</text>')
    out.append(f'<text x="{MARGIN["left"] - 6}" y="{HEIGHT - MARGIN["bottom"]}" text-anchor="end">-{down}</text>')
    for i, (key, label) in enumerate(LABELS.items()):
        lx = MARGIN["left"] + i * 190
        out.append(f'<rect x="{lx}" y="{HEIGHT - 16}" width="10" height="10" fill="{COLOURS[key]}"/>')
        out.append(f'<text x="{lx + 14}" y="{HEIGHT - 7}">{label}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _rect(x: float, y: float, w: float, h: float, key: str, row: dict[str, Any]) -> str:
    if h <= 0:
        return ""
    tip = escape(f"{row['period']}: {row[key]} {LABELS[key]}")
    return (f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" fill="{COLOURS[key]}">'
            f'<title>{tip}</title></rect>')
