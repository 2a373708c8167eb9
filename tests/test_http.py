"""etl/sources/_http.py against the replay server: every fault survived, nothing damaged, no secret leaked."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import shared_data
from etl.net import http as _http
from etl.net.meta import read_meta

INDIV = "/files/bulk-downloads/2020/indiv20.zip"
INDIV_SHA = "a33f527c6e2411cc56adc426b09b88eb44e57ea9d2c8533813a894bfb200a281"  # PROVENANCE.md


def _get(replay, tmp_path: Path, path: str = INDIV, **kw) -> _http.Fetched:
    with _http.Http(sleep=lambda s: None) as http:
        return http.download(replay.base + path, tmp_path / Path(path).name, validate=_http.check_zip, **kw)


def test_plain_download_matches_provenance_checksum_and_writes_meta(replay, tmp_path):
    got = _get(replay, tmp_path, expected_sha256=INDIV_SHA)
    assert (got.status, got.sha256) == ("downloaded", INDIV_SHA)
    assert got.size == (shared_data() / "fec/bulk_2020_early/indiv20.zip").stat().st_size
    meta = read_meta(got.path)
    assert meta["sha256"] == INDIV_SHA and meta["etag"] and meta["url"].endswith(INDIV)
    assert not (tmp_path / "indiv20.zip.part").exists()


def test_unchanged_file_is_not_downloaded_again(replay, tmp_path):
    _get(replay, tmp_path)
    again = _get(replay, tmp_path)
    assert again.status == "unchanged" and again.sha256 == INDIV_SHA
    second = replay.hits(INDIV)[-1]
    assert second.headers["if-none-match"].startswith('"')


def test_connection_dropped_half_way_resumes_with_range_and_checksum_matches(replay, tmp_path):
    replay.fault(INDIV, "drop")
    got = _get(replay, tmp_path, expected_sha256=INDIV_SHA)
    assert got.status == "resumed" and got.sha256 == INDIV_SHA
    first, second = replay.hits(INDIV)
    assert "range" not in first.headers
    half = (shared_data() / "fec/bulk_2020_early/indiv20.zip").stat().st_size // 2
    start = int(second.headers["range"].removeprefix("bytes=").rstrip("-"))
    assert 0 < start <= half and second.headers["if-range"].startswith('"')  # kept what arrived, asked for the rest


def test_429_with_retry_after_is_honoured_then_succeeds(replay, tmp_path):
    replay.fault(INDIV, "429")
    waits: list[float] = []
    with _http.Http(sleep=waits.append) as http:
        got = http.download(replay.base + INDIV, tmp_path / "indiv20.zip", validate=_http.check_zip)
    assert got.sha256 == INDIV_SHA and 1.0 in waits


def test_500s_are_retried_with_backoff(replay, tmp_path):
    replay.fault(INDIV, "500", "503")
    logs: list[str] = []
    with _http.Http(sleep=lambda s: None, log=logs.append) as http:
        got = http.download(replay.base + INDIV, tmp_path / "indiv20.zip")
    assert got.sha256 == INDIV_SHA and len(replay.hits(INDIV)) == 3
    assert "HTTP 500" in logs[0] and "HTTP 503" in logs[1]


def test_slow_response_times_out_and_is_retried(replay, tmp_path):
    replay.fault(INDIV, "slow")
    got = _get(replay, tmp_path)
    assert got.sha256 == INDIV_SHA and len(replay.hits(INDIV)) == 2


def test_truncated_body_is_detected_and_never_kept(replay, tmp_path):
    replay.fault(INDIV, "truncate", sticky=True)
    with pytest.raises(_http.FetchError, match="incomplete or damaged.*not a complete zip"):
        _get(replay, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # nothing half-written left to load
    assert len(replay.hits(INDIV)) == 4


def test_truncated_once_then_whole(replay, tmp_path):
    replay.fault(INDIV, "truncate")
    assert _get(replay, tmp_path, expected_sha256=INDIV_SHA).status == "downloaded"


def test_truncated_text_file_is_detected(replay, tmp_path):
    path = "/ombegov/2025-Federal-Agency-AI-Use-Case-Inventory/main/Data/2025_consolidated_COTS_AI_use_cases.csv"
    replay.fault(path, "truncate", sticky=True)
    with _http.Http(sleep=lambda s: None) as http, pytest.raises(_http.FetchError, match="cut short"):
        http.download(replay.base + path, tmp_path / "cots.csv", validate=_http.check_text)


def test_wrong_checksum_fails_clearly(replay, tmp_path):
    with pytest.raises(_http.FetchError, match="checksum"):
        _get(replay, tmp_path, expected_sha256="0" * 64)


def test_404_fails_at_once_with_the_url(replay, tmp_path):
    with pytest.raises(_http.FetchError, match=r"HTTP 404.*no such path") as info:
        _get(replay, tmp_path, path="/files/bulk-downloads/2020/nope20.zip")
    assert info.value.status == 404
    assert len(replay.hits("/files/bulk-downloads/2020/nope20.zip")) == 1


def test_json_bad_body_is_retried_then_clear_error(replay):
    from replay import Response
    replay.route("GET", "/v1/thing/", lambda req: Response.of_json({"ok": True}))
    replay.fault("/v1/thing/", "badjson")
    with _http.Http(sleep=lambda s: None) as http:
        assert http.json("GET", replay.base + "/v1/thing/") == {"ok": True}
    replay.fault("/v1/thing/", "badjson", sticky=True)
    with _http.Http(sleep=lambda s: None) as http, pytest.raises(_http.FetchError, match="not valid JSON"):
        http.json("GET", replay.base + "/v1/thing/")


def test_secret_never_in_messages_or_meta(replay, tmp_path):
    key = "SECRET-KEY-123456"
    replay.fault("/v1/thing/", "500", sticky=True)
    logs: list[str] = []
    with _http.Http(secrets=[key], headers={"X-Api-Key": key}, sleep=lambda s: None, log=logs.append) as http:
        with pytest.raises(_http.FetchError) as info:
            http.json("GET", replay.base + "/v1/thing/", params={"api_key": key})
    text = str(info.value) + "\n".join(logs)
    assert "gave up after 4 attempts: HTTP 500" in text
    assert key not in text
    assert [r.headers["x-api-key"] for r in replay.hits("/v1/thing/")] == [key] * 4  # it did reach the server
    assert _http._display(f"{replay.base}/v1/x/?api_key={key}&q=1").endswith("/v1/x/?api_key=%2A%2A%2A&q=1")


def test_retry_after_parses_seconds_and_dates():
    assert _http.retry_after_seconds("7") == 7.0
    assert _http.retry_after_seconds("Thu, 01 Jan 1970 00:00:00 GMT") == 0.0
    assert _http.retry_after_seconds("soon") is None
