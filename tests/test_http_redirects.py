"""Credentials stay home: a redirect to another origin (another port on 127.0.0.1 is another origin) carries no key."""

from __future__ import annotations

from conftest import shared_data
from etl.net import http as _http
from helpers import SECRET
from replay import Replay, Response


def _servers():
    return Replay(shared_data()), Replay(shared_data())


def _redirect(to: str, status: int = 302):
    return lambda req: Response(status, b"", {"Location": to})


def test_cross_origin_redirect_drops_the_key_header_and_key_parameters():
    home, other = _servers()
    with home, other:
        home.route("GET", "/v1/data", _redirect(f"{other.base}/landing?api_key={SECRET}&page=2"))
        other.route("GET", "/landing", lambda req: Response.of_json({"ok": True}))
        with _http.Http(headers={"X-Api-Key": SECRET, "Authorization": f"Bearer {SECRET}"}) as http:
            assert http.json("GET", f"{home.base}/v1/data", params={"api_key": SECRET}) == {"ok": True}
        (asked,) = home.hits("/v1/data")
        assert asked.headers["x-api-key"] == SECRET  # the first origin gets its key
        (landed,) = other.hits("/landing")
        assert SECRET not in repr(landed.headers) and SECRET not in repr(landed.query)
        assert "x-api-key" not in landed.headers and "authorization" not in landed.headers
        assert landed.query == {"page": ["2"]}


def test_key_stays_off_even_when_redirected_back_home_and_on_downloads(tmp_path):
    home, other = _servers()
    with home, other:
        home.route("GET", "/file.txt", _redirect(f"{other.base}/bounce", 301))
        other.route("GET", "/bounce", _redirect(f"{home.base}/final.txt", 307))
        home.route("GET", "/final.txt", lambda req: Response(200, b"a,b\n1,2\n", {"Content-Type": "text/csv"}))
        with _http.Http(headers={"X-Api-Key": SECRET}) as http:
            got = http.download(f"{home.base}/file.txt", tmp_path / "file.txt", validate=_http.check_text)
        assert got.path.read_bytes() == b"a,b\n1,2\n"
        assert home.hits("/file.txt")[0].headers["x-api-key"] == SECRET
        assert "x-api-key" not in other.hits("/bounce")[0].headers
        assert "x-api-key" not in home.hits("/final.txt")[0].headers


def test_same_origin_redirect_keeps_the_key():
    home, _ = _servers()
    with home:
        home.route("GET", "/old", _redirect("/new"))
        home.route("GET", "/new", lambda req: Response.of_json([1]))
        with _http.Http(headers={"X-Api-Key": SECRET}) as http:
            assert http.json("GET", f"{home.base}/old") == [1]
        assert home.hits("/new")[0].headers["x-api-key"] == SECRET


def test_redirect_loop_is_a_clear_error():
    home, _ = _servers()
    with home:
        home.route("GET", "/loop", _redirect("/loop"))
        with _http.Http(headers={"X-Api-Key": SECRET}) as http:
            try:
                http.json("GET", f"{home.base}/loop")
            except _http.FetchError as exc:
                assert "more than 10 redirects" in str(exc) and SECRET not in str(exc)
            else:
                raise AssertionError("a redirect loop was followed for ever")


