from __future__ import annotations

import pytest

from desktop import platform_check


def test_no_display_says_how_to_go_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(platform_check, "missing_packages", lambda _libs: [])
    found = platform_check.problems({}, "linux")
    assert len(found) == 1 and "xvfb-run" in found[0] and "QT_QPA_PLATFORM=offscreen" in found[0]


def test_offscreen_needs_no_display(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(platform_check, "missing_packages", lambda _libs: [])
    assert platform_check.problems({"QT_QPA_PLATFORM": "offscreen"}, "linux") == []


def test_missing_xcb_library_names_the_apt_line(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(libs: dict[str, str]) -> list[str]:
        return ["libxcb-cursor0"] if "libxcb-cursor.so.0" in libs else []

    monkeypatch.setattr(platform_check, "missing_packages", missing)
    found = platform_check.problems({"DISPLAY": ":0"}, "linux")
    assert found == [
        "Qt needs system libraries that are not installed. Install them with:\n"
        "    sudo apt-get install -y libxcb-cursor0"
    ]


def test_other_platforms_are_not_checked() -> None:
    assert platform_check.problems({}, "win32") == []


def test_real_library_probe_finds_libc_like_names() -> None:
    assert platform_check.missing_packages({"libc.so.6": "libc6", "libnope-xyz.so.9": "nope"}) == ["nope"]


def test_library_problem_names_the_packages() -> None:
    assert platform_check.library_problem({"libc.so.6": "libc6"}) is None
    problem = platform_check.library_problem({"libnope-xyz.so.9": "libnope9"})
    assert problem is not None and "sudo apt-get install -y libnope9" in problem


def test_no_display_message_from_the_command(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop.cli import run_app

    monkeypatch.setattr(platform_check, "missing_packages", lambda _libs: [])
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setattr("sys.platform", "linux")
    assert run_app(["dealer-desk"]) == 2
    assert "xvfb-run" in capsys.readouterr().err
