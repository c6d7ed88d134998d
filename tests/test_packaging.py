"""packaging/make_icons.py containers and bench/run_all.py row gathering (the parts that run without a build)."""

from __future__ import annotations

import importlib.util
import struct
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]


def _load(relative: str) -> ModuleType:
    path = ROOT / relative
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_icons_render_from_the_svg_into_ico_and_icns(qapp):
    icons = _load("packaging/make_icons.py")
    pngs = {size: icons.render_png(icons.SOURCE, size) for size in (*icons.ICO_SIZES, 512, 1024)}
    assert all(blob.startswith(b"\x89PNG") for blob in pngs.values())
    assert struct.unpack(">II", pngs[48][16:24]) == (48, 48)  # IHDR width, height

    ico = icons.ico_bytes(pngs)
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind, count) == (0, 1, len(icons.ICO_SIZES))
    for i, size in enumerate(icons.ICO_SIZES):
        width, _h, _c, _r, _planes, _bpp, length, offset = struct.unpack("<BBBBHHII", ico[6 + 16 * i : 22 + 16 * i])
        assert width == (0 if size == 256 else size)
        assert ico[offset : offset + length] == pngs[size]

    icns = icons.icns_bytes(pngs)
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)
    at, kinds = 8, []
    while at < len(icns):
        kinds.append(icns[at : at + 4])
        at += struct.unpack(">I", icns[at + 4 : at + 8])[0]
    assert at == len(icns) and kinds == [k for k, _s in icons.ICNS_TYPES]


def test_run_all_gathers_rows_and_reports_a_failing_bench(tmp_path):
    run_all = _load("bench/run_all.py")
    good = tmp_path / "bench_good.py"
    good.write_text(
        "import sys\n"
        'print("| figure | value | baseline (same run) | ratio | target | |")\nprint("|---|---|---|---|---|---|")\n'
        'print("| speed (s) | 1.0 | bare 1.0 | 1.00× | ≤ 1.5× | PASS |")\nassert "--size" in sys.argv\n'
    )
    bad = tmp_path / "bench_bad.py"
    bad.write_text('raise SystemExit("sandbox did not start")\n')
    rows, _elapsed = run_all.run_one(good, run_all.quick_args(good), 60)
    assert rows == ["| good | speed (s) | 1.0 | bare 1.0 | 1.00× | ≤ 1.5× | PASS |"]
    rows, _elapsed = run_all.run_one(bad, [], 60)
    assert rows == ["| bad | failed (exit 1): sandbox did not start | | | | | FAIL |"]
