"""Optional background tiles (only with ``settings.PATHWAYS_MAP_TILE_URL``)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from .window import MAX_TILES, PX_PER_UNIT, TILE_SIZE, VIEW_H, VIEW_W, Window


@dataclass(frozen=True)
class Tile:
    href: str
    x: float
    y: float
    size: float


def tiles(window: Window, url: str) -> list[Tile]:
    """The tiles of ``url`` (with {z}, {x}, {y}) that cover the window, at the
    smallest zoom whose tiles are at least as sharp as the map, placed in view
    units. Empty when ``url`` is empty or the window would need too many."""
    if not url:
        return []
    # the smallest zoom whose 256-pixel tiles are drawn no larger than 256 CSS pixels
    zoom = max(0, min(19, math.ceil(math.log2(window.scale * PX_PER_UNIT / TILE_SIZE))))
    n = 2**zoom
    x0, y0, x1, y1 = window.world_box()
    cx, cy = window.centre_world
    size = window.scale / n
    ix0, ix1 = math.floor(x0 * n), math.floor(x1 * n)
    iy0, iy1 = max(0, math.floor(y0 * n)), min(n - 1, math.floor(y1 * n))
    if (ix1 - ix0 + 1) * (iy1 - iy0 + 1) > MAX_TILES:
        return []
    out = []
    for iy in range(iy0, iy1 + 1):
        for ix in range(ix0, ix1 + 1):
            href = (
                url.replace("{z}", str(zoom))
                .replace("{x}", str(ix % n))
                .replace("{y}", str(iy))
            )
            out.append(
                Tile(
                    href=href,
                    x=round((ix / n - cx) * window.scale + VIEW_W / 2, 2),
                    y=round((iy / n - cy) * window.scale + VIEW_H / 2, 2),
                    size=round(size, 2),
                )
            )
    return out
