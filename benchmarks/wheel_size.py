"""The size of the wheel a user installs, and what takes the room: builds it with
``pip wheel . --no-deps`` into a temporary folder and sums its files by folder.

    python benchmarks/wheel_size.py [--depth 3]
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--depth", type=int, default=3, help="folder depth to sum by (default 3)")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", tmp], check=True)
        (wheel,) = Path(tmp).glob("*.whl")
        compressed, unpacked = Counter(), Counter()
        with zipfile.ZipFile(wheel) as zf:
            for info in zf.infolist():
                folder = "/".join(info.filename.split("/")[:-1][:args.depth]) or "."
                compressed[folder] += info.compress_size
                unpacked[folder] += info.file_size
        print(f"{wheel.name}: {wheel.stat().st_size / 1e6:.1f} MB "
              f"({sum(unpacked.values()) / 1e6:.1f} MB unpacked)")
    print(f"{'folder':<48} {'in wheel MB':>11} {'unpacked MB':>11}")
    for folder, size in compressed.most_common():
        print(f"{folder:<48} {size / 1e6:>11.2f} {unpacked[folder] / 1e6:>11.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
