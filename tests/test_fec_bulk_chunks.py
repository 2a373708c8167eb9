"""lines.Chunks (the content-defined chunks of an FEC bulk row file) against a straightforward reference cutter that
reads the file line by line: on the real indiv20, oth20 and pas220 members and on generated inputs fed in arbitrary
blocks (boundaries straddling blocks, chunks longer than their most bytes, no final line feed, guessed old chunks)."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest
import xxhash
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl.sources.fec_bulk.lines import BOUNDARY, MOST_BYTES, Chunks

Row = tuple[int, int, int, int, bytes]  # first line, lines, offset, size, xxh3_128
# (member, chunks, lines, sha256 of the chunk list) as the bytes.find cutter before NumPy cut them (main at 7441445)
REAL = {"indiv20.zip": ("itcont.txt", 763, 70_671, "d2e9789300c744d7"),
        "oth20.zip": ("itoth.txt", 510, 50_921, "c009af15fff938bc"),
        "pas220.zip": ("itpas2.txt", 32, 3_159, "bacdc65acf06f05e")}
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)


def reference(data: bytes, most: int = MOST_BYTES) -> list[Row]:
    """A chunk ends after a line that ends with BOUNDARY or that takes the chunk past `most` bytes, or at the end."""
    parts = data.split(b"\n")
    lines = [p + b"\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])
    rows: list[Row] = []
    start = first = 1
    offset = size = 0
    for n, line in enumerate(lines, start=1):
        size += len(line)
        if n == len(lines) or ((line.endswith(BOUNDARY) or size > most) and line.endswith(b"\n")):
            chunk = data[offset:offset + size]
            rows.append((first, n - start + 1, offset, size, xxhash.xxh3_128_digest(chunk)))
            start, first, offset, size = n + 1, n + 1, offset + size, 0
    return rows


def cut(data: bytes, blocks: list[int], most: int = MOST_BYTES, old: list[Row] | None = None) -> list[Row]:
    """Chunks fed data in blocks of the given sizes, taken in turn."""
    c = Chunks(most=most, old=old)
    i = k = 0
    while i < len(data):
        size = blocks[k % len(blocks)]
        c.feed(data[i:i + size])
        i, k = i + size, k + 1
    c.close()
    assert c.total == (data.count(b"\n") + (not data.endswith(b"\n")) if data else 0)
    return list(zip(c.firsts, c.counts, c.offsets, c.sizes, c.hashes, strict=True))


def _digest(rows: list[Row]) -> str:
    h = hashlib.sha256()
    for row in rows:
        h.update(repr(row).encode())
    return h.hexdigest()[:16]


@pytest.mark.parametrize("name", sorted(REAL))
def test_the_real_members_are_cut_as_the_reference_and_the_former_cutter_cut_them(fec_dir: Path, name: str) -> None:
    member, chunks, lines, digest = REAL[name]
    with zipfile.ZipFile(fec_dir / "bulk_2020_early" / name) as zf:
        data = zf.read(member)
    want = reference(data)
    assert (len(want), sum(r[1] for r in want), _digest(want)) == (chunks, lines, digest)
    for blocks in ([1 << 21], [4099, 77, 3, 100_003], [len(data)]):
        assert cut(data, blocks) == want
    assert cut(data, [1 << 16], most=4096) == reference(data, 4096)
    old = reference(data[:len(data) // 2])  # the first half as the last load: its chunks are guessed
    assert cut(data, [1 << 21], old=old) == want
    assert cut(data, [5000, 333], most=4096, old=reference(data[:len(data) // 2], 4096)) == reference(data, 4096)


def test_a_boundary_after_a_first_block_of_one_byte_is_found() -> None:
    # the former cutter looked back across blocks only once it had seen two bytes: this boundary was missed
    data = b"77\nb|1\n"
    assert cut(data, [1, 100]) == reference(data) == [
        (1, 1, 0, 3, xxhash.xxh3_128_digest(b"77\n")), (2, 1, 3, 4, xxhash.xxh3_128_digest(b"b|1\n"))]


pieces = st.lists(st.sampled_from([b"7", b"77", b"\n", b"|", b"x", b"77\n", b"7\n", b"abc|12"]), max_size=80)
block_sizes = st.lists(st.integers(1, 40), min_size=1, max_size=5)


@FUZZ
@given(pieces, block_sizes, st.integers(1, 30))
def test_generated_inputs_are_cut_as_the_reference_whatever_the_blocks(parts: list[bytes], blocks: list[int],
                                                                        most: int) -> None:
    data = b"".join(parts)
    assert cut(data, blocks, most) == reference(data, most)


@FUZZ
@given(pieces, pieces, block_sizes, st.integers(1, 30), st.integers(0, 40))
def test_guessed_old_chunks_give_the_reference_cut(parts: list[bytes], edit: list[bytes], blocks: list[int], most: int,
                                                   at: int) -> None:
    data = b"".join(parts)
    was = data[:at] + b"".join(edit) + data[at:]  # the last load's copy: an edit anywhere, or none
    assert cut(data, blocks, most, old=reference(was, most)) == reference(data, most)
    assert cut(data, [len(data) or 1], most, old=reference(data, most)) == reference(data, most)
