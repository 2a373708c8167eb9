"""Raw-file plumbing for loaders: LoadError, zip members, line counts, checksums."""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import shutil
import struct
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from isal import isal_zlib

from etl.net.progress import Progress


class LoadError(Exception):
    """A file cannot be loaded at all (not a row problem): the message says why."""


# Unzipped members live in TMPDIR under this prefix and the pid of the build, so that the next build can remove
# what a killed one left (an unzipped itcont.txt is hundreds of MB).
TEMP_PREFIX = "moneytrail-unzip-"
_TEMP_RE = re.compile(rf"^{TEMP_PREFIX}(\d+)-")


def strip_bom(data: bytes) -> bytes:
    """The bytes without a leading UTF-8 byte-order mark (Excel and Notepad save one)."""
    return data[len(codecs.BOM_UTF8):] if data.startswith(codecs.BOM_UTF8) else data


def pid_alive(pid: int) -> bool:
    """True when a process with this id exists (ours or another user's)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_temp(tmp: Path | None = None) -> list[Path]:
    """Delete unzip folders of builds that were killed (their pid is gone); returns what was removed."""
    removed = []
    for p in Path(tmp or tempfile.gettempdir()).glob(f"{TEMP_PREFIX}*"):
        m = _TEMP_RE.match(p.name)
        if m and p.is_dir() and not pid_alive(int(m.group(1))):
            shutil.rmtree(p, ignore_errors=True)
            removed.append(p)
    return removed


@dataclass
class LineCount:
    """Physical lines seen while copying a file (blank ones are found later, only if any were skipped)."""

    total: int = 0
    _last: bytes = b"\n"

    def feed(self, block: bytes) -> None:
        """Count the lines of the next block of the file."""
        if block:
            self.total += block.count(b"\n")
            self._last = block[-1:]

    def close(self) -> LineCount:
        """Count a last line that has no line feed."""
        if self._last != b"\n":
            self.total += 1
            self._last = b"\n"
        return self


def blank_lines(path: Path) -> list[int]:
    """Numbers of the empty lines of a file, which CSV readers skip silently."""
    found: list[int] = []
    base, prev_nl = 0, True
    with open(path, "rb") as f:
        while block := f.read(1 << 24):
            if b"\n\n" in block or b"\n\r\n" in block or (prev_nl and block[:1] in (b"\n", b"\r")):
                for i, line in enumerate(block.split(b"\n")[:-1]):
                    if line.strip(b"\r") == b"" and (i > 0 or prev_nl):
                        found.append(base + i + 1)
            base += block.count(b"\n")
            prev_nl = block.endswith(b"\n")
    return found


@contextmanager
def extracted(path: Path, member: str | None, progress: Progress | None = None,
              lines: LineCount | None = None) -> Iterator[tuple[Path, LineCount]]:
    """Yield a plain file with the content to load (the zip member unpacked to a temp dir, or path itself) and its line
    count; `lines` (a LineCount or a subclass that also looks at the bytes) is fed every block in the same pass."""
    lines = lines if lines is not None else LineCount()
    if member is None:
        yield path, _feed(path, None, None, lines, progress)
        return
    tmpdir = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-"))
    out = tmpdir / Path(member).name
    try:
        yield out, _feed(path, member, out, lines, progress)
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)


def scanned(path: Path, member: str | None, lines: LineCount, progress: Progress | None = None) -> LineCount:
    """Feed the content to load (the zip member inflated, or path itself) to `lines` without writing it to disk:
    a diff (fec_bulk/diff.py) keeps only the bytes of what changed."""
    return _feed(path, member, None, lines, progress)


def _feed(path: Path, member: str | None, out: Path | None, lines: LineCount, progress: Progress | None) -> LineCount:
    """Feed path (or its zip member, inflated and written to out, or nowhere) to `lines`; a bad zip is a LoadError."""
    if member is None:
        with open(path, "rb") as f:
            while block := f.read(1 << 24):
                lines.feed(block)
        return lines.close()
    try:
        _unzip_member(path, member, out or Path(os.devnull), lines, progress)
    except (zipfile.BadZipFile, EOFError, zipfile.LargeZipFile, OSError, isal_zlib.error) as exc:
        raise LoadError(f"{path}: the zip is truncated or corrupt ({exc.__class__.__name__}: {exc}); "
                        "download it again") from exc
    return lines.close()


def _unzip_member(path: Path, member: str, out: Path, lines: LineCount, progress: Progress | None) -> None:
    """Write one zip member to out, counting its lines; a deflated member is inflated by ISA-L in large blocks."""
    with zipfile.ZipFile(path) as zf, open(path, "rb") as raw, open(out, "wb") as dst:
        info = zf.getinfo(member)
        if info.compress_type != zipfile.ZIP_DEFLATED or info.flag_bits & 0x1:
            with zf.open(member) as src:  # stored, bzip2, lzma or encrypted members: zipfile's own reader
                _copy(src.read, dst, lines, progress, None)
            return
        raw.seek(info.header_offset)
        head = raw.read(30)
        if len(head) < 30 or head[:4] != b"PK\x03\x04":
            raise zipfile.BadZipFile(f"no local header for {member}")
        name_len, extra_len = struct.unpack("<HH", head[26:30])
        raw.seek(info.header_offset + 30 + name_len + extra_len)
        # zipfile inflates with the system zlib (1.2.13 here) in 4 MB reads: 2.4 s for a 743 MB member; ISA-L
        # with its own CRC takes 1.3 s, and the load cannot start before the whole member is on disk.
        inflater = isal_zlib.decompressobj(-15)
        left = info.compress_size

        def read(n: int) -> bytes:
            nonlocal left
            while left or inflater.unconsumed_tail:
                block = raw.read(min(n, left)) if left else b""
                left -= len(block)
                if left and not block:
                    raise EOFError(f"{member} ends {left:,} compressed bytes early")
                data = inflater.decompress(inflater.unconsumed_tail + block)
                if data:
                    return data
            return b""

        crc, size = _copy(read, dst, lines, progress, isal_zlib.crc32)
        if not inflater.eof or size != info.file_size or crc != info.CRC:
            raise zipfile.BadZipFile(f"{member}: the deflate stream ends early or its CRC or size does not match "
                                     f"({size:,} of {info.file_size:,} bytes)")


def _copy(read, dst, lines: LineCount, progress: Progress | None, crc32) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """Copy blocks from read(n) to dst, counting lines (and the CRC-32 when crc32 is given); returns (crc, bytes)."""
    crc = done = 0
    while block := read(1 << 22):
        dst.write(block)
        lines.feed(block)
        if crc32:
            crc = crc32(block, crc)
        done += len(block)
        if progress:
            progress(done)
    return crc, done


def zip_members(path: Path) -> list[str]:
    """Names of the members of a zip, or a clear LoadError when it is not a readable zip."""
    try:
        with zipfile.ZipFile(path) as zf:
            return zf.namelist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise LoadError(f"{path}: not a readable zip file ({exc}); download it again") from exc


def sha256_file(path: Path, chunk: int = 1 << 20) -> str:
    """SHA-256 of a file, read in chunks."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(chunk):
            h.update(block)
    return h.hexdigest()
