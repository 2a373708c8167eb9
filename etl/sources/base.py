"""The source protocol: what every package under etl/sources/<name>/ exposes as its SOURCE object.

A source is registered by one line in etl/sources/__init__.py's SOURCES list; build, up, coverage and
the schema iterate that list and nothing else. Loaders write rows only: the cross-file counting rules
(etl/rules.py) run once after the loads of a build, or when the caller of a lone load asks for them.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import duckdb

from etl.db import LoadResult
from etl.net.http import FetchSummary, Http
from etl.net.progress import Progress, ProgressFactory, no_progress

__all__ = ["Progress", "ProgressFactory", "no_progress", "Recognised", "WatchStep", "Source", "SourcePackage"]


@dataclass(frozen=True)
class Recognised:
    """A file a source will load: its kind (load_log.file_type), load-order rank, and what its name tells."""

    path: Path
    kind: str
    order: int  # masters before the rows that look them up, awards before their transactions
    cycle: int | None = None
    dataset: str | None = None
    member: str | None = None  # the zip member that is read, if the file is a zip

    def size(self) -> int:
        """Bytes the progress bar counts: the zip member unpacked, else the file."""
        if self.member is not None:
            try:
                with zipfile.ZipFile(self.path) as zf:
                    return zf.getinfo(self.member).file_size
            except (zipfile.BadZipFile, KeyError, OSError):
                pass
        return self.path.stat().st_size


@dataclass(frozen=True)
class WatchStep:
    """One step a source contributes to `moneytrail up`: a name, a URL to probe, and how to fetch it."""

    name: str
    probe: str
    run: Callable[[Http, Path, ProgressFactory], list[FetchSummary]]
    skip: str | None = None  # the message `up` prints when it cannot run this step now (e.g. no API key)


@runtime_checkable
class Source(Protocol):
    """One public-records source: recognise files, load them, fetch them, describe what they cover."""

    name: str  # load_log.source, e.g. "fec_bulk"
    title: str  # for people, e.g. "FEC bulk files"

    def recognise(self, path: Path) -> Recognised | None:
        """The file's kind if this source loads it, else None."""
        ...

    def load(self, con: duckdb.DuckDBPyConnection, path: Path, progress: Progress | None = None) -> LoadResult:
        """Load one recognised file (rows only; etl.rules.apply runs the cross-file counting rules)."""
        ...

    def sql(self) -> list[str]:
        """This source's SQL: tables and views with COMMENT ON every column, its source_coverage rows."""
        ...

    def as_of(self) -> str | None:
        """A one-value SELECT: how current this source's loaded records are (shown by the coverage query)."""
        ...

    def watch_steps(self, cycles: list[int]) -> list[WatchStep]:
        """What `moneytrail up` fetches from this source by default."""
        ...


def _no_steps(cycles: list[int]) -> list[WatchStep]:
    return []


@dataclass(frozen=True)
class SourcePackage:
    """A Source made of a package's functions and the .sql files in its folder (schema.sql, as_of.sql)."""

    name: str
    title: str
    package: str  # e.g. "etl.sources.fec_bulk": where its .sql files are
    recognise: Callable[[Path], Recognised | None]
    load: Callable[..., LoadResult]
    fetch: Callable[..., Any] | None = None  # the source's main fetch (`moneytrail fetch <name>`)
    steps: Callable[[list[int]], list[WatchStep]] = _no_steps

    def sql(self) -> list[str]:
        """The package's schema.sql."""
        return [self._read("schema.sql")]

    def as_of(self) -> str | None:
        """The package's as_of.sql, if it has one."""
        return self._read("as_of.sql") if resources.files(self.package).joinpath("as_of.sql").is_file() else None

    def watch_steps(self, cycles: list[int]) -> list[WatchStep]:
        """The package's watchlist steps."""
        return self.steps(cycles)

    def _read(self, name: str) -> str:
        return resources.files(self.package).joinpath(name).read_text(encoding="utf-8")
