"""Raw-file plumbing for loaders: LoadError, zip members, line counts, checksums."""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import shutil
import struct
import tempfile
import threading
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from isal import igzip_lib

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
        with open(path, "rb") as f:  # in blocks of 2 MiB, as a zip member is inflated: lines.Chunks copies each in NumPy
            while block := f.read(1 << 21):
                lines.feed(block)
        return lines.close()
    try:
        _unzip_member(path, member, out or Path(os.devnull), lines, progress)
    except (zipfile.BadZipFile, EOFError, zipfile.LargeZipFile, OSError, igzip_lib.IsalError) as exc:
        raise LoadError(f"{path}: the zip is truncated or corrupt ({exc.__class__.__name__}: {exc}); "
                        "download it again") from exc
    return lines.close()


def _unzip_member(path: Path, member: str, out: Path, lines: LineCount, progress: Progress | None) -> None:
    """Write one zip member to out, counting its lines; a deflated member is inflated by ISA-L, which checks its CRC."""
    with zipfile.ZipFile(path) as zf, open(path, "rb") as raw, open(out, "wb") as dst:
        info = zf.getinfo(member)
        if info.compress_type != zipfile.ZIP_DEFLATED or info.flag_bits & 0x1:
            with zf.open(member) as src:  # stored, bzip2, lzma or encrypted members: zipfile's own reader
                _copy(iter(lambda: src.read(1 << 22), b""), dst, lines, progress)
            return
        raw.seek(info.header_offset)
        head = raw.read(30)
        if len(head) < 30 or head[:4] != b"PK\x03\x04":
            raise zipfile.BadZipFile(f"no local header for {member}")
        name_len, extra_len = struct.unpack("<HH", head[26:30])
        raw.seek(info.header_offset + 30 + name_len + extra_len)
        # zipfile inflates with the system zlib (1.2.13 here): 2.4 s for a 743 MB member. ISA-L's decompressor in the
        # gzip mode without header or trailer computes the CRC as it inflates, and its output bounded to 2 MiB stays in
        # the cache for the line count and the chunks: the diff's unzip pass at 2M lines took 0.39 CPU-s so, against
        # 0.80 with isal_zlib's unbounded output (23 MB blocks) and a CRC pass of its own.
        inflater = igzip_lib.IgzipDecompressor(flag=igzip_lib.DECOMP_GZIP_NO_HDR)
        size = _copy(_inflated(raw, inflater, info.compress_size, member), dst, lines, progress)
        if not inflater.eof or size != info.file_size or inflater.crc != info.CRC:
            raise zipfile.BadZipFile(f"{member}: the deflate stream ends early or its CRC or size does not match "
                                     f"({size:,} of {info.file_size:,} bytes)")


def _inflated(raw: BinaryIO, inflater: igzip_lib.IgzipDecompressor, left: int, member: str) -> Iterator[bytes]:
    """The inflated blocks (at most 2 MiB each) of the `left` compressed bytes that follow in raw."""
    while not inflater.eof:
        block = b""
        if inflater.needs_input:
            if not left:
                return  # the stream has no end: the caller's check names it
            block = raw.read(min(1 << 20, left))
            if not block:
                raise EOFError(f"{member} ends {left:,} compressed bytes early")
            left -= len(block)
        if data := inflater.decompress(block, 1 << 21):
            yield data
        elif not block and not inflater.needs_input:
            # neither input taken nor output given: the caller's check names the stream that stops here. An empty
            # call can also find that the last output block used up the input (needs_input turns true): read on
            return


def _copy(blocks: Iterator[bytes], dst: BinaryIO, lines: LineCount, progress: Progress | None) -> int:
    """Copy blocks to dst, counting lines; returns the bytes copied."""
    done = 0
    for block in blocks:
        dst.write(block)
        lines.feed(block)
        done += len(block)
        if progress:
            progress(done)
    return done


def replace_synced(src: Path, dst: Path) -> None:
    """os.replace(src, dst) with src's bytes on disk before the rename, and the rename on disk after it."""
    _fsync(src)
    os.replace(src, dst)
    try:
        _fsync(dst.parent)
    except OSError:
        pass  # the new file is in place already; some filesystems refuse to fsync a folder (EINVAL)


def sync_soon(path: Path) -> None:
    """Start writing path's dirty pages to disk in a thread (a head start for replace_synced, which waits for them)."""
    def run() -> None:
        try:
            _fsync(path)
        except OSError:
            pass  # gone already (a failed build): nothing to sync
    threading.Thread(target=run, name=f"sync {path.name}", daemon=True).start()


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


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
