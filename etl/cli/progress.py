"""The one rich implementation of the progress-reporter protocol (etl.net.progress): a bar per named task."""

from __future__ import annotations

from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.progress import Progress as RichProgress
from rich.text import Text


class AmountColumn(ProgressColumn):
    """Bytes for downloads, 'n/total records' for API paging (total '?' when the source does not say)."""

    def render(self, task: Task) -> Text:
        """The amount done, in the task's unit."""
        unit = task.fields.get("unit")
        if unit in ("records", "steps"):
            total = f"{int(task.total):,}" if task.total else "?"
            return Text(f"{int(task.completed):,}/{total} {unit}")
        return DownloadColumn().render(task)


def columns() -> tuple[ProgressColumn, ...]:
    """The columns of every progress display: what, bar, bytes or records, elapsed, ETA."""
    return (TextColumn("{task.description}"), BarColumn(), AmountColumn(), TimeElapsedColumn(), TimeRemainingColumn())


class Bar:
    """One task's bar: a Progress (called with done and total) that can also change its description."""

    def __init__(self, display: RichProgress, task: TaskID) -> None:
        self.display, self.task = display, task

    def __call__(self, done: int, total: int | None = None) -> None:
        """Report units done so far (and the total if known)."""
        self.display.update(self.task, completed=done, total=total)

    def describe(self, text: str) -> None:
        """Change what the bar says (e.g. a download's status while the server builds it)."""
        self.display.update(self.task, description=text)


class Bars:
    """A ProgressFactory drawn with rich: each call adds a bar; use as a context manager around the work."""

    def __init__(self, console: Console) -> None:
        self.display = RichProgress(*columns(), console=console)

    def __call__(self, name: str, unit: str = "bytes") -> Bar:
        """A new bar for one named task counting bytes, records or steps."""
        return Bar(self.display, self.display.add_task(name, total=None, unit=unit))

    def __enter__(self) -> Bars:
        self.display.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.display.stop()
