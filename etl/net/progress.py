"""The one progress-reporter shape used by fetches, loads, `up` and the CLI."""

from __future__ import annotations

from typing import Protocol


class Progress(Protocol):
    """Called with the units done so far (bytes or records) and the total if known."""

    def __call__(self, done: int, total: int | None = None) -> None: ...


class ProgressFactory(Protocol):
    """Makes a Progress for one named task; unit is "bytes" or "records"."""

    def __call__(self, name: str, unit: str = "bytes") -> Progress: ...


def _silent(done: int, total: int | None = None) -> None:
    return None


def no_progress(name: str, unit: str = "bytes") -> Progress:
    """A ProgressFactory that reports nothing."""
    return _silent
