"""A local stand-in for the public sites, on 127.0.0.1: serves the real files in shared/data and injects faults.

Paths are the real sites' paths, so only the base URLs change (`Replay.env()` gives them):

  FEC bulk      {base}/files/bulk-downloads/2020/indiv20.zip          <- fec/bulk_2020_early/
                {base}/files/bulk-downloads/data_dictionaries/*.csv   <- fec/bulk_2020_early/headers/
  FEC e-filings {base}/dcdev/posted/1544132.fec                       <- fec/efiling/
  AI inventory  {base}/ombegov/2025-Federal-Agency-AI-Use-Case-Inventory/main/Data/*.csv, and the 2024 repo's data/
  API routes    registered by tests/replay_openfec.py, tests/replay_usaspending.py and tests/replay_sam.py with `route()`

Static files answer Range, If-Range, If-None-Match and If-Modified-Since like a real CDN.
`fault(path, *kinds)` queues faults, one per request to that path; `fault(path, kind, sticky=True)` keeps one.
Kinds: 429 (Retry-After: 1), 500, 503, drop (full Content-Length, half the body, connection closed),
truncate (half the body, declared as complete), slow (holds the answer for `slow_seconds`, or until the server stops,
so any client timeout expires first; `on_slow` is called when one is queued), badjson, reset.
"""

from __future__ import annotations

import email.utils
import hashlib
import json
import re
import socket
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

R24 = "/ombegov/2024-Federal-AI-Use-Case-Inventory/main/data/"
R25 = "/ombegov/2025-Federal-Agency-AI-Use-Case-Inventory/main/Data/"


@dataclass
class Request:
    """One request as the handler saw it."""

    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes = b""

    def json(self) -> object:
        """The request body parsed as JSON."""
        return json.loads(self.body or b"null")

    def arg(self, name: str, default: str | None = None) -> str | None:
        """The first value of a query parameter."""
        return self.query.get(name, [default])[0]


@dataclass
class Response:
    """What a route answers."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of_json(cls, data: object, status: int = 200) -> Response:
        """A JSON response."""
        return cls(status, json.dumps(data).encode(), {"Content-Type": "application/json"})


Route = Callable[[Request], Response]


class Replay:
    """The replay server. Use as a context manager; `base` is its URL."""

    def __init__(self, shared: Path, slow_seconds: float = 60.0) -> None:
        self.shared = shared
        self.slow_seconds = slow_seconds
        self.released = threading.Event()  # set when the server stops: held answers give up
        self.on_slow: Callable[[], None] | None = None
        self.mounts = {
            "/files/bulk-downloads/2020/": shared / "fec" / "bulk_2020_early",
            "/files/bulk-downloads/data_dictionaries/": shared / "fec" / "bulk_2020_early" / "headers",
            "/dcdev/posted/": shared / "fec" / "efiling",
            R24: shared / "ai_inventory",
            R25: shared / "ai_inventory",
        }
        self.routes: list[tuple[str, re.Pattern, Route]] = []
        self.faults: dict[str, deque[str]] = {}
        self.sticky: dict[str, str] = {}
        self.log: list[Request] = []
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        """http://127.0.0.1:PORT"""
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def env(self) -> dict[str, str]:
        """Environment variables that point every source's base URL at this server."""
        return {"MONEYTRAIL_FEC_BULK_BASE": f"{self.base}/files/bulk-downloads",
                "MONEYTRAIL_OPENFEC_BASE": f"{self.base}/v1",
                "MONEYTRAIL_DOCQUERY_BASE": self.base,
                "MONEYTRAIL_USASPENDING_BASE": self.base,
                "MONEYTRAIL_SAM_BASE": self.base,
                "MONEYTRAIL_AI_INVENTORY_BASE": self.base}

    def __enter__(self) -> Replay:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.released.set()
        self.server.shutdown()
        self.server.server_close()

    def route(self, method: str, pattern: str, fn: Route) -> None:
        """Answer method + path (a regex, matched in full) with fn."""
        self.routes.append((method.upper(), re.compile(pattern), fn))

    def fault(self, path: str, *kinds: str, sticky: bool = False) -> None:
        """Inject faults on a path (without query): one per request in order, or one on every request."""
        if "slow" in kinds and self.on_slow:
            self.on_slow()
        with self.lock:
            if sticky:
                self.sticky[path] = kinds[0]
            else:
                self.faults.setdefault(path, deque()).extend(kinds)

    def clear(self) -> None:
        """Forget all faults and the request log."""
        with self.lock:
            self.faults.clear()
            self.sticky.clear()
            self.log.clear()

    def hits(self, path: str) -> list[Request]:
        """Requests received for a path."""
        return [r for r in self.log if r.path == path]

    def _next_fault(self, path: str) -> str | None:
        with self.lock:
            queue = self.faults.get(path)
            if queue:
                return queue.popleft()
            return self.sticky.get(path)

    def answer(self, req: Request) -> Response:
        """The normal (fault-free) response to a request."""
        for method, pattern, fn in self.routes:
            if method in (req.method, "*") and pattern.fullmatch(req.path):
                return fn(req)
        for prefix, folder in self.mounts.items():
            if req.path.startswith(prefix) and req.method in ("GET", "HEAD"):
                target = folder / req.path[len(prefix):]
                if "/" not in req.path[len(prefix):] and target.is_file():
                    return _static(target, req)
        return Response.of_json({"error": f"no such path {req.path}"}, 404)


def _static(path: Path, req: Request) -> Response:
    """A file, with the validators and Range handling of a real file server."""
    data = path.read_bytes()
    etag = '"' + hashlib.sha256(data).hexdigest()[:32] + '"'
    mtime = path.stat().st_mtime
    headers = {"ETag": etag, "Last-Modified": email.utils.formatdate(mtime, usegmt=True), "Accept-Ranges": "bytes",
               "Content-Type": "application/octet-stream"}
    inm, ims = req.headers.get("if-none-match"), req.headers.get("if-modified-since")
    if inm == etag or (inm is None and ims and email.utils.parsedate_to_datetime(ims).timestamp() >= int(mtime)):
        return Response(304, b"", headers)
    rng, if_range = req.headers.get("range"), req.headers.get("if-range")
    if rng and (if_range is None or if_range in (etag, headers["Last-Modified"])):
        m = re.fullmatch(r"bytes=(\d+)-(\d*)", rng)
        if not m or int(m.group(1)) >= len(data):
            return Response(416, b"", {**headers, "Content-Range": f"bytes */{len(data)}"})
        start = int(m.group(1))
        end = min(int(m.group(2)) if m.group(2) else len(data) - 1, len(data) - 1)
        return Response(206, data[start:end + 1], {**headers, "Content-Range": f"bytes {start}-{end}/{len(data)}"})
    return Response(200, data, headers)


def _handler(replay: Replay) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:  # quiet
            pass

        def _serve(self) -> None:
            parts = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            req = Request(self.command, parts.path, parse_qs(parts.query, keep_blank_values=True),
                          {k.lower(): v for k, v in self.headers.items()}, self.rfile.read(length) if length else b"")
            with replay.lock:
                replay.log.append(req)
            fault = replay._next_fault(req.path)
            if fault == "reset":
                self.connection.shutdown(socket.SHUT_RDWR)
                self.close_connection = True
                return
            if fault == "slow" and replay.released.wait(replay.slow_seconds):
                self.close_connection = True
                return
            if fault in ("429", "500", "502", "503"):
                extra = {"Retry-After": "1"} if fault == "429" else {}
                return self._send(Response(int(fault), json.dumps({"error": {"code": "OVER_RATE_LIMIT" if fault == "429"
                                                                             else "SERVER_ERROR"}}).encode(), extra))
            resp = replay.answer(req)
            if fault == "badjson":
                resp = Response(200, b'{"api_version": "1.0", "results": [{"sub_id": ', {"Content-Type": "application/json"})
            if fault == "truncate":
                resp = Response(resp.status, resp.body[: len(resp.body) // 2], resp.headers)
            self._send(resp, drop=fault == "drop")

        def _send(self, resp: Response, drop: bool = False) -> None:
            try:
                self._write(resp, drop)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (a timeout test): nothing to tell
                self.close_connection = True

        def _write(self, resp: Response, drop: bool) -> None:
            self.send_response(resp.status)
            for k, v in resp.headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(resp.body)))
            if drop:
                self.send_header("Connection", "close")
            self.end_headers()
            if self.command == "HEAD":
                return
            if drop:
                self.wfile.write(resp.body[: len(resp.body) // 2])
                self.wfile.flush()
                self.connection.shutdown(socket.SHUT_WR)  # a clean FIN mid-body: what arrived stays readable
                self.close_connection = True
                return
            self.wfile.write(resp.body)

        do_GET = do_POST = do_HEAD = _serve

    return Handler
