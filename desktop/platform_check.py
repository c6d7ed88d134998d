"""Before Qt starts on Linux: is there a display, and are the xcb libraries Qt needs installed?

Qt's own failure is an abort with a long plugin message; a person needs the apt line or the way to go headless.
"""

from __future__ import annotations

import ctypes
import os
import sys

# soname -> Debian/Ubuntu package
XCB_LIBRARIES = {  # what Qt's xcb platform plugin (libQt6XcbQpa) links against
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libX11-xcb.so.1": "libx11-xcb1",
}
COMMON_LIBRARIES = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libdbus-1.so.3": "libdbus-1-3",
}
HEADLESS = ("offscreen", "minimal", "vnc")


def missing_packages(sonames: dict[str, str]) -> list[str]:
    missing = []
    for soname, package in sonames.items():
        try:
            ctypes.CDLL(soname)
        except OSError:
            missing.append(package)
    return missing


def library_problem(sonames: dict[str, str] = COMMON_LIBRARIES) -> str | None:
    """The apt line for the libraries of ``sonames`` that cannot be loaded; ``None`` when all load."""
    missing = missing_packages(sonames)
    if not missing:
        return None
    return (
        "Qt needs system libraries that are not installed. Install them with:\n"
        f"    sudo apt-get install -y {' '.join(missing)}"
    )


def problems(environ: dict[str, str] | None = None, platform: str = sys.platform) -> list[str]:
    """Sentences saying what stops Qt from starting here; empty when it can start."""
    env = dict(os.environ if environ is None else environ)
    if not platform.startswith("linux"):
        return []
    qpa = env.get("QT_QPA_PLATFORM", "")
    if qpa.split(":")[0] in HEADLESS:
        # Nothing to probe: a missing core library fails the Qt import itself, which run_app turns into the
        # apt line with :func:`library_problem` (probing every start would slow the start for nothing).
        return []
    found: list[str] = []
    needed = dict(COMMON_LIBRARIES)
    if not env.get("WAYLAND_DISPLAY"):
        needed.update(XCB_LIBRARIES)
    problem = library_problem(needed)
    if problem:
        found.append(problem)
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        found.append(
            "There is no display (DISPLAY and WAYLAND_DISPLAY are not set). To run without a screen:\n"
            "    xvfb-run -a dealer-desk          (sudo apt-get install -y xvfb)\n"
            "or  QT_QPA_PLATFORM=offscreen dealer-desk   (nothing is shown)"
        )
    return found
