"""Deferred imports (pipeline.lazy_imports): each case in a fresh interpreter, on packages
written for the test whose modules note when they run."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def packages(tmp_path: Path) -> Path:
    """Packages ``deferme`` and ``other``: each module notes its name in ``ran.log`` when it runs."""
    for package in ("deferme", "other"):
        pkg = tmp_path / package
        pkg.mkdir()
        for name, body in (("__init__", ""), ("heavy", "VALUE = 42\n")):
            note = f"open('ran.log', 'a').write('{package}.{name}\\n')\n"
            (pkg / f"{name}.py").write_text(note + body, encoding="utf-8")
    return tmp_path


def run(where: Path, code: str) -> list[str]:
    """Run ``code`` in ``where`` (``note(x)`` adds a line to the log); return the log's lines."""
    program = (
        f"import sys\nsys.path[:0] = [{str(where)!r}, {str(ROOT)!r}]\n"
        "def note(x):\n    open('ran.log', 'a').write(f'{x}\\n')\n" + textwrap.dedent(code)
    )
    done = subprocess.run(
        [sys.executable, "-c", program], cwd=where, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    log = where / "ran.log"
    return log.read_text(encoding="utf-8").splitlines() if log.exists() else []


def test_a_deferred_module_runs_on_first_use_only(packages: Path):
    assert run(
        packages,
        """
        from pipeline.lazy_imports import defer_imports, is_deferred
        defer_imports("deferme")
        import deferme.heavy
        note(f"imported, deferred: {is_deferred(deferme.heavy)}")
        note(f"value {deferme.heavy.VALUE}, deferred: {is_deferred(deferme.heavy)}")
    """,
    ) == [
        "deferme.__init__",  # run when the submodule was bound to it as an attribute
        "imported, deferred: True",
        "deferme.heavy",
        "value 42, deferred: False",
    ]


def test_a_from_import_runs_the_module_at_once(packages: Path):
    assert run(
        packages,
        """
        from pipeline.lazy_imports import defer_imports
        defer_imports("deferme")
        from deferme.heavy import VALUE
        note("imported")
    """,
    ) == ["deferme.__init__", "deferme.heavy", "imported"]


def test_other_packages_and_modules_imported_before_are_untouched(packages: Path):
    assert run(packages, """
        import deferme.heavy as before
        from pipeline.lazy_imports import defer_imports, is_deferred
        defer_imports("deferme")
        import other.heavy
        note("imported")
        import deferme.heavy
        note(f"{is_deferred(other.heavy)} {is_deferred(deferme.heavy)} {deferme.heavy is before}")
    """) == ["deferme.__init__", "deferme.heavy", "other.__init__", "other.heavy", "imported",
             "False False True"]  # fmt: skip


def test_deferring_again_adds_packages_to_the_one_finder(packages: Path):
    assert run(
        packages,
        """
        from pipeline.lazy_imports import defer_imports, is_deferred, _Deferring
        defer_imports("deferme")
        defer_imports("other", "deferme")
        import other.heavy
        note(f"{sum(isinstance(f, _Deferring) for f in sys.meta_path)} {is_deferred(other.heavy)}")
    """,
    ) == ["other.__init__", "1 True"]


def test_a_missing_package_still_fails_to_import(packages: Path):
    assert run(
        packages,
        """
        from pipeline.lazy_imports import defer_imports
        defer_imports("nosuchpackage")
        try:
            import nosuchpackage
        except ModuleNotFoundError as exc:
            note(exc)
    """,
    ) == ["No module named 'nosuchpackage'"]


def test_an_absent_package_fails_to_import_inside_the_block_only(packages: Path):
    assert run(
        packages,
        """
        from pipeline.lazy_imports import absent
        with absent("deferme") as left_out:
            note(f"left out: {left_out}")
            try:
                import deferme.heavy
            except ModuleNotFoundError as exc:
                note(f"{type(exc).__name__} {exc.name}")
            import other.heavy  # another package imports as usual
        import deferme.heavy
        note(f"after: {deferme.heavy.VALUE}")
    """,
    ) == ["left out: True", "ModuleNotFoundError deferme", "other.__init__", "other.heavy",
          "deferme.__init__", "deferme.heavy", "after: 42"]  # fmt: skip


def test_a_library_s_optional_import_goes_without_an_absent_package(packages: Path):
    (packages / "library.py").write_text(
        "try:\n    import deferme.heavy as backend\nexcept ImportError:\n    backend = None\n",
        encoding="utf-8",
    )
    assert run(
        packages,
        """
        from pipeline.lazy_imports import absent
        with absent("deferme", "other"):
            import library
        note(f"backend: {library.backend}")
    """,
    ) == ["backend: None"]


def test_nothing_is_left_out_where_one_of_the_packages_is_imported_already(packages: Path):
    assert run(
        packages,
        """
        import other
        from pipeline.lazy_imports import absent
        with absent("deferme", "other") as left_out:
            import deferme.heavy
            note(f"left out: {left_out}")
    """,
    ) == ["other.__init__", "deferme.__init__", "deferme.heavy", "left out: False"]
