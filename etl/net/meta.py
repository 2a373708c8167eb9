"""The fetch record (`<file>.meta.json`) written beside every raw file, and the one reader of it."""

from __future__ import annotations

import hashlib
import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any


class MetaError(ValueError):
    """A fetch record that exists but cannot be read."""


def meta_path(path: Path) -> Path:
    """Where the fetch record of a raw file lives."""
    return path.with_name(path.name + ".meta.json")


def read_meta(path: Path, *, strict: bool = False) -> dict:
    """The fetch record beside a raw file: {} when there is none; an unreadable one is {} too, or MetaError if strict."""
    try:
        meta = json.loads(meta_path(path).read_text(encoding="utf-8"))
        if not isinstance(meta, dict):
            raise ValueError("not a JSON object")
        if strict and "retrieved_at" in meta:
            _utc(meta["retrieved_at"])
        return meta
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, TypeError) as exc:
        if strict:
            raise MetaError(f"{meta_path(path)}: unreadable fetch record ({exc})") from exc
        return {}


def retrieved_at(meta: dict) -> datetime | None:
    """When the file was fetched (UTC, without tzinfo, as DuckDB TIMESTAMP), or None if the record does not say."""
    try:
        return _utc(meta["retrieved_at"])
    except (KeyError, TypeError, ValueError):
        return None


def _utc(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC).replace(tzinfo=None)


def write_meta(path: Path, **fields: Any) -> None:
    """Write the fetch record beside a raw file (retrieved_at in UTC, plus the given fields)."""
    meta = {"retrieved_at": datetime.now(UTC).isoformat(timespec="seconds"), **fields}
    atomic_write(meta_path(path), json.dumps(meta, indent=1, sort_keys=True).encode())


def save_json(path: Path, data: Any, **meta: Any) -> Path:
    """Write an API response as a raw file (atomically) with its fetch record."""
    body = json.dumps(data, indent=1).encode("utf-8")
    atomic_write(path, body)
    write_meta(path, size=len(body), sha256=hashlib.sha256(body).hexdigest(), **meta)
    return path


def atomic_write(path: Path, body: bytes) -> None:
    """Write bytes to path through a temporary file, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(body)
    os.replace(tmp, path)
