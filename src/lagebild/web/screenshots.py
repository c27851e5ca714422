"""Regenerate the screenshots of every view in docs/screenshots/ (`python -m lagebild.web.screenshots`).

    make demo                                              # makes lagebild-demo.duckdb
    .venv/bin/python -m lagebild.web.screenshots --db lagebild-demo.duckdb

Serves the store on a free local port (as `lagebild serve` does) and photographs each view in
Debian's headless chromium through Playwright (a development dependency; no browser is ever
downloaded). The README shows docs/screenshots/article.png.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
# file name -> path (the demo store's ids and actors)
SHOTS = {
    "events": "/events", "article": "/article?id=demo-1", "timeline": "/timeline?by=month",
    "network": "/network", "dyad": "/dyad?a=CHN&b=RUS&by=month", "map": "/map", "quotes": "/quotes",
    "search": "/search?q=Putin", "stories": "/stories",
}


def take(db: Path, out: Path, width: int = 1280, height: int = 800) -> list[Path]:
    from playwright.sync_api import sync_playwright

    from lagebild.web.app import create_app, running
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with running(create_app(db)) as base:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": width, "height": height})
            for i, (name, path) in enumerate(SHOTS.items(), 1):
                print(f"[{i}/{len(SHOTS)}] {path}", file=sys.stderr)
                page.goto(base + path)
                page.wait_for_load_state("networkidle")
                if name == "article":      # show a record in the panel, as a reader would
                    page.wait_for_selector("#article-text[data-ready='1']")
                    page.locator("#article-text .hl-event").first.click()
                if name == "map":
                    page.wait_for_selector("#map[data-ready='1']")
                target = out / f"{name}.png"
                page.screenshot(path=str(target))
                written.append(target)
            browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", type=Path, default=Path("lagebild-demo.duckdb"))
    ap.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    args = ap.parse_args(argv)
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} is missing: apt-get install chromium")
    for path in take(args.db, args.out):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
