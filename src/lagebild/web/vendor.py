"""Re-vendor the browser libraries of the web interface from npm (`python -m lagebild.web.vendor`).

The server never reaches a network or a CDN: the files it serves under /static/vendor/ are
copied here from the npm packages named in VENDORED (versions pinned; licences in
docs/dependencies.md). This script installs them with npm in a scratch directory and copies
the dist files over; run it to upgrade, then update the versions below and in the docs.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

VENDOR = Path(__file__).parent / "static" / "vendor"

# package -> (version, licence, {file in the package: name under static/vendor/})
VENDORED: dict[str, tuple[str, str, dict[str, str]]] = {
    "leaflet": ("1.9.4", "BSD-2-Clause", {"dist/leaflet.js": "leaflet.js", "dist/leaflet.css": "leaflet.css",
                                          "LICENSE": "leaflet.LICENSE"}),
    "topojson-client": ("3.1.0", "ISC", {"dist/topojson-client.min.js": "topojson-client.min.js",
                                         "LICENSE": "topojson-client.LICENSE"}),
    # Natural Earth 1:110m countries as TopoJSON (public domain data, ISC packaging)
    "world-atlas": ("2.0.2", "ISC", {"countries-110m.json": "countries-110m.json", "LICENSE": "world-atlas.LICENSE"}),
}


def vendor(dest: Path = VENDOR, npm: str = "npm") -> list[Path]:
    """Install the pinned packages with npm in a scratch directory and copy their files to `dest`."""
    if shutil.which(npm) is None:
        raise SystemExit(f"{npm} is not on PATH; install Node.js and npm to re-vendor")
    written = []
    with tempfile.TemporaryDirectory(prefix="lagebild-vendor-") as tmp:
        specs = [f"{name}@{version}" for name, (version, _, _) in VENDORED.items()]
        print(f"npm install {' '.join(specs)}", file=sys.stderr)
        subprocess.run([npm, "install", "--no-audit", "--no-fund", "--prefix", tmp, *specs], check=True)
        dest.mkdir(parents=True, exist_ok=True)
        for name, (_, _, files) in VENDORED.items():
            for src, target in files.items():
                shutil.copyfile(Path(tmp) / "node_modules" / name / src, dest / target)
                written.append(dest / target)
                print(f"  {name}/{src} -> {dest / target}", file=sys.stderr)
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dest", type=Path, default=VENDOR)
    args = ap.parse_args(argv)
    vendor(args.dest)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
