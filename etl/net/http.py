"""One HTTP client for every source: timeouts, polite retries, resumable verified downloads, a raw-file cache.

Every fetched file lands under the raw folder (`data/raw/`, or $MONEYTRAIL_RAW_DIR) with a
`<file>.meta.json` beside it (URL without secrets, retrieval time, ETag / Last-Modified, size, sha256);
the loaders read `retrieved_at` from it and `build --from data/raw` loads the folder like any other.
"""

from __future__ import annotations

import email.utils
import json
import os
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from tenacity import RetryCallState, Retrying, retry_if_exception_type, stop_after_attempt, wait_exponential_jitter

from etl import config
from etl.net.files import sha256_file
from etl.net.meta import read_meta, write_meta
from etl.net.progress import Progress

USER_AGENT = "moneytrail/0.1 (public-records research; https://github.com/moneytrail)"
MAX_REDIRECTS = 10
# Headers that carry a credential: never sent to an origin other than the one first asked (httpx keeps all but
# Authorization on a redirect to another host).
CREDENTIAL_HEADERS = ("x-api-key", "authorization", "proxy-authorization", "cookie")


class FetchError(Exception):
    """A fetch that failed for good, with a message a reader can act on (secrets already removed)."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status  # the HTTP status when the server answered with an error, else None


class _Retryable(Exception):
    """A failure worth another attempt: 429, 5xx, a dropped connection, a timeout, a truncated body."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


@dataclass(frozen=True)
class Fetched:
    """A file in the raw cache and how it got there."""

    path: Path
    status: str  # downloaded | resumed | unchanged
    size: int
    sha256: str


@dataclass
class FetchSummary:
    """What one fetch did: the raw files it wrote, records and pages, and anything a reader should know."""

    source: str
    what: str
    files: list[Path]
    records: int = 0
    pages: int = 0
    resumed: bool = False
    notes: list[str] = field(default_factory=list)

    def add(self, got: Fetched) -> Fetched:
        """Record one downloaded (or unchanged) file: its path, whether it resumed, and a line for the report."""
        self.files.append(got.path)
        self.resumed |= got.status == "resumed"
        self.notes.append(f"{got.path.name}: {got.status}, {got.size:,} bytes, sha256 {got.sha256[:12]}…")
        return got


def raw_dir() -> Path:
    """The raw-file cache: $MONEYTRAIL_RAW_DIR, else data/raw."""
    return config.settings().raw_dir


def retry_after_seconds(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


class Http:
    """The shared client. Settings come from the environment so tests and slow links can tune them."""

    def __init__(self, *, secrets: Iterable[str] = (), headers: dict[str, str] | None = None,
                 min_interval: float = 0.0, log: Callable[[str], None] | None = None,
                 sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.monotonic) -> None:
        s = config.settings()
        self.timeout, self.attempts, self.backoff, self.max_wait = (s.http_timeout, s.http_attempts, s.http_backoff,
                                                                    s.http_max_wait)
        self.min_interval = min_interval
        self.secrets = [s for s in secrets if s]
        self.log = log or (lambda message: None)
        self.sleep, self.clock = sleep, clock
        self._last_start = 0.0
        self.client = httpx.Client(timeout=httpx.Timeout(self.timeout, connect=min(self.timeout, 30.0)),
                                   headers={"User-Agent": USER_AGENT, **(headers or {})}, follow_redirects=False)

    def close(self) -> None:
        """Close the connection pool."""
        self.client.close()

    def __enter__(self) -> Http:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def redact(self, text: object) -> str:
        """The text with every secret (API keys) replaced by ***."""
        out = str(text)
        for s in self.secrets:
            out = out.replace(s, "***")
        return out

    def _retrying(self, what: str) -> Retrying:
        def wait(state: RetryCallState) -> float:
            exc = state.outcome.exception() if state.outcome else None
            if isinstance(exc, _Retryable) and exc.retry_after is not None:
                if exc.retry_after > self.max_wait:
                    raise FetchError(self.redact(f"{what}: the server asks us to wait {exc.retry_after:.0f} s "
                                                 f"(more than {self.max_wait:.0f} s); try again later"))
                return exc.retry_after
            return wait_exponential_jitter(multiplier=self.backoff, max=60.0, jitter=self.backoff)(state)

        def before_sleep(state: RetryCallState) -> None:
            exc = state.outcome.exception() if state.outcome else None
            wait_s = state.next_action.sleep if state.next_action else 0
            self.log(self.redact(f"{what}: {exc}; retry {state.attempt_number}/{self.attempts - 1} in {wait_s:.1f} s"))

        return Retrying(stop=stop_after_attempt(self.attempts), wait=wait, retry=retry_if_exception_type(_Retryable),
                        sleep=self.sleep, before_sleep=before_sleep, reraise=True)

    def _run(self, what: str, attempt: Callable[[], Any]) -> Any:
        try:
            return self._retrying(what)(attempt)
        except _Retryable as exc:
            raise FetchError(self.redact(f"{what}: gave up after {self.attempts} attempts: {exc}")) from None

    def _pace(self) -> None:
        wait = self._last_start + self.min_interval - self.clock()
        if wait > 0:
            self.sleep(wait)
        self._last_start = self.clock()

    def _follow(self, method: str, url: str, *, params: dict | None = None, json: Any = None,
                headers: dict[str, str] | None = None, stream: bool = False) -> httpx.Response:
        """Send, following redirects here: once a redirect leaves the first origin, no key goes with it."""
        current = httpx.URL(url, params=params) if params else httpx.URL(url)
        home, away = _origin(current), False
        for _ in range(MAX_REDIRECTS + 1):
            away = away or _origin(current) != home
            req = self.client.build_request(method, _without_keys(current) if away else current, headers=headers,
                                            json=json)
            if away:
                for name in CREDENTIAL_HEADERS:
                    req.headers.pop(name, None)
            resp = self.client.send(req, stream=stream)
            if resp.status_code not in (301, 302, 303, 307, 308) or "location" not in resp.headers:
                return resp
            resp.close()
            current = current.join(resp.headers["location"])
            if resp.status_code == 303 or (resp.status_code in (301, 302) and method == "POST"):
                method, json = "GET", None
        raise FetchError(self.redact(f"{method} {_display(url)}: more than {MAX_REDIRECTS} redirects"))

    @contextmanager
    def _stream(self, method: str, url: str, headers: dict[str, str]) -> Iterator[httpx.Response]:
        resp = self._follow(method, url, headers=headers, stream=True)
        try:
            yield resp
        finally:
            resp.close()

    def _send(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        self._pace()
        try:
            resp = self._follow(method, url, **kwargs)
        except (httpx.TimeoutException, httpx.TransportError) as exc:
            raise _Retryable(f"{type(exc).__name__}: {exc}") from None
        _raise_for(resp, self.redact)
        return resp

    def json(self, method: str, url: str, *, params: dict | None = None, body: Any = None) -> Any:
        """A JSON response (None for 204 No Content), retried on 429/5xx/dropped connections/unparseable bodies;
        other 4xx fail at once."""
        what = f"{method} {_display(url)}"

        def attempt() -> Any:
            resp = self._send(method, url, params=params, json=body)
            if resp.status_code == 204:  # "No Content": the SAM.gov Contract Awards API's empty result
                return None
            try:
                return resp.json()
            except ValueError:
                raise _Retryable(f"the response is not valid JSON (starts {resp.content[:60]!r})") from None

        return self._run(what, attempt)

    def download(self, url: str, dest: Path, *, validate: Callable[[Path], None] | None = None,
                 expected_sha256: str | None = None, progress: Progress | None = None,
                 extra_meta: dict | None = None) -> Fetched:
        """Download url to dest: conditional (ETag/Last-Modified), resumed with Range, size- and checksum-verified."""
        dest.parent.mkdir(parents=True, exist_ok=True)
        part = dest.with_name(dest.name + ".part")
        part_info = dest.with_name(dest.name + ".part.json")
        meta = read_meta(dest) if dest.exists() else {}
        state: dict[str, Any] = {"resumed": False}

        def attempt() -> Fetched:
            headers = {"Accept-Encoding": "identity"}  # Range offsets must be file offsets
            have = part.stat().st_size if part.exists() else 0
            validators = json.loads(part_info.read_text()) if have and part_info.exists() else {}
            if have:
                headers["Range"] = f"bytes={have}-"
                if validators.get("etag") or validators.get("last_modified"):
                    headers["If-Range"] = validators.get("etag") or validators["last_modified"]
            elif meta:
                if meta.get("etag"):
                    headers["If-None-Match"] = meta["etag"]
                if meta.get("last_modified"):
                    headers["If-Modified-Since"] = meta["last_modified"]
            self._pace()
            try:
                with self._stream("GET", url, headers) as resp:
                    if resp.status_code == 304 and not have:
                        return Fetched(dest, "unchanged", dest.stat().st_size, meta.get("sha256") or sha256_file(dest))
                    if resp.status_code == 416:
                        part.unlink(missing_ok=True)
                        raise _Retryable("the server refused our resume point; starting again")
                    _raise_for(resp, self.redact)
                    offset, total = _span(resp, have)
                    if offset == 0:
                        part_info.write_text(json.dumps({"etag": resp.headers.get("etag"),
                                                         "last_modified": resp.headers.get("last-modified")}))
                    else:
                        state["resumed"] = True
                    state["headers"] = resp.headers
                    with open(part, "r+b" if offset else "wb") as f:
                        f.seek(offset)
                        f.truncate()
                        done = offset
                        if progress:
                            progress(done, total)
                        for chunk in resp.iter_bytes():  # as it arrives: a buffered chunk would be lost on a drop
                            f.write(chunk)
                            done += len(chunk)
                            if progress:
                                progress(done, total)
            except (httpx.TimeoutException, httpx.TransportError) as exc:
                raise _Retryable(f"connection lost after {part.stat().st_size if part.exists() else 0:,} bytes "
                                 f"({type(exc).__name__}); resuming") from None
            size = part.stat().st_size
            if total is not None and size != total:
                raise _Retryable(f"got {size:,} of {total:,} bytes; resuming")
            try:
                if validate:
                    validate(part)
                sha = sha256_file(part)
                if expected_sha256 and sha != expected_sha256:
                    raise FetchError(f"checksum {sha[:12]}… is not the expected {expected_sha256[:12]}…")
            except FetchError as exc:
                part.unlink(missing_ok=True)
                part_info.unlink(missing_ok=True)
                raise _Retryable(f"downloaded file is incomplete or damaged ({exc}); fetching it again") from None
            os.replace(part, dest)
            part_info.unlink(missing_ok=True)
            hdr = state["headers"]
            write_meta(dest, url=_display(url), size=size, sha256=sha, etag=hdr.get("etag"),
                       last_modified=hdr.get("last-modified"), **(extra_meta or {}))
            return Fetched(dest, "resumed" if state["resumed"] else "downloaded", size, sha)

        return self._run(f"GET {_display(url)}", attempt)


def _raise_for(resp: httpx.Response, redact: Callable[[object], str]) -> None:
    """Raise _Retryable for 429/5xx and FetchError for other 4xx; pass 2xx/3xx."""
    code = resp.status_code
    if code == 429 or code >= 500:
        raise _Retryable(f"HTTP {code}", retry_after_seconds(resp.headers.get("retry-after")))
    if code >= 400:
        try:
            body = resp.read()[:300].decode("utf-8", "replace")
        except httpx.HTTPError:
            body = ""
        raise FetchError(redact(f"{resp.request.method} {_display(str(resp.request.url))}: HTTP {code}: {body}"), code)


def _span(resp: httpx.Response, have: int) -> tuple[int, int | None]:
    """Where this body starts in the file and the file's full size (None when the server does not say)."""
    length = resp.headers.get("content-length")
    if resp.status_code == 206:
        unit, _, rest = (resp.headers.get("content-range") or "").partition(" ")
        rng, _, total = rest.partition("/")
        start = int(rng.split("-")[0]) if rng and rng[0].isdigit() else -1
        if unit != "bytes" or start != have:
            raise _Retryable(f"unexpected Content-Range {resp.headers.get('content-range')!r} for a resume at {have}")
        return have, int(total) if total.isdigit() else None
    return 0, int(length) if length and length.isdigit() else None


def _origin(url: httpx.URL) -> tuple[str, str, int | None]:
    """Scheme, host and port: what must stay the same for a key to go along."""
    return url.scheme, url.host, url.port


def _without_keys(url: httpx.URL) -> httpx.URL:
    """The URL without query parameters whose name says they carry a key (api_key, apikey, key, ...)."""
    params = [(k, v) for k, v in url.params.multi_items() if "key" not in k.lower() and "token" not in k.lower()]
    return url.copy_with(params=params) if params else url.copy_with(query=None)


def _display(url: str) -> str:
    """The URL as logged and recorded: no query string values that could carry a key."""
    u = httpx.URL(url)
    params = [(k, "***" if "key" in k.lower() else v) for k, v in u.params.multi_items()]
    return str(u.copy_with(params=params)) if params else str(u)


def check_zip(path: Path) -> None:
    """FetchError unless path is a complete zip whose members all pass their CRC check."""
    import zipfile
    try:
        with zipfile.ZipFile(path) as zf:
            bad = zf.testzip()
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise FetchError(f"not a complete zip ({exc})") from None
    if bad:
        raise FetchError(f"zip member {bad} fails its CRC check")


def check_text(path: Path) -> None:
    """FetchError unless a text download ends with a line break (the published files all do; a cut body rarely does)."""
    with open(path, "rb") as f:
        f.seek(max(0, path.stat().st_size - 1))
        last = f.read(1)
    if last not in (b"\n", b"\r"):
        raise FetchError("the file does not end with a line break: the body was cut short")


def check_json(path: Path) -> None:
    """FetchError unless path holds one complete JSON document."""
    try:
        json.loads(path.read_bytes())
    except ValueError as exc:
        raise FetchError(f"not valid JSON ({exc})") from None
