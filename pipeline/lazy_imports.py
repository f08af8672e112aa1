"""Deferred imports: packages a library imports at start-up but a run does not use.

Great Expectations imports altair (charts for its data docs) and scipy.stats (distribution
tests) when it is imported, about 1.1 of its ~2.9 CPU seconds here, although the suites of
this project use neither. ``defer_imports("altair", "scipy")`` makes every module of those
packages imported from then on a lazy one (``importlib.util.LazyLoader``): created at
import, executed on its first attribute access. Nothing changes for code that uses them, only
when their cost is paid (a ``from package import name`` still runs the module at once). Only
modules from source or bytecode files are deferred (C extensions
load as usual), and a module already imported stays as it is.

``absent("sqlalchemy")`` is for optional dependencies: while its block runs, importing those
packages fails as if they were not installed, so a library that uses them only if it can
(Great Expectations and SQL databases) goes without them and without their import cost.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from importlib.machinery import ModuleSpec
from types import ModuleType

_DEFERRABLE = (importlib.machinery.SourceFileLoader, importlib.machinery.SourcelessFileLoader)


class _Deferring(importlib.abc.MetaPathFinder):
    """Finds modules as the other finders do, then makes those under ``roots`` lazy."""

    def __init__(self) -> None:
        self.roots: set[str] = set()

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname.partition(".")[0] not in self.roots:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is None:
                continue
            if isinstance(spec.loader, _DEFERRABLE):
                spec.loader = importlib.util.LazyLoader(spec.loader)
            return spec
        return None


def _finder() -> _Deferring:
    for finder in sys.meta_path:
        if isinstance(finder, _Deferring):
            return finder
    finder = _Deferring()
    sys.meta_path.insert(0, finder)
    return finder


def defer_imports(*packages: str) -> None:
    """From now on in this process, import the modules of these top-level packages lazily."""
    _finder().roots.update(packages)


def is_deferred(module: ModuleType) -> bool:
    """Whether ``module`` was imported lazily and has not been used yet (not executed): the
    LazyLoader gives it a module class of its own until then."""
    return type(module) is getattr(importlib.util, "_LazyModule", None)


class _Absent(importlib.abc.MetaPathFinder):
    def __init__(self, roots: frozenset[str]) -> None:
        self.roots = roots

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname.partition(".")[0] in self.roots:
            raise ModuleNotFoundError(f"No module named {fullname!r} (left out here)", name=fullname)
        return None


@contextmanager
def absent(*packages: str) -> Iterator[bool]:
    """While the block runs, importing these top-level packages fails as if they were not
    installed; yields whether they are left out. A process that has imported one of them
    already (an Airflow worker has SQLAlchemy) keeps them all: a library would find those
    anyway. Once the block is done they import as usual, for whoever needs them."""
    if any(name in sys.modules for name in packages):
        yield False
        return
    finder = _Absent(frozenset(packages))
    sys.meta_path.insert(0, finder)
    try:
        yield True
    finally:
        sys.meta_path.remove(finder)
