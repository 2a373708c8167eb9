"""Links between explorer pages, seeded through each page's URL-bound widgets."""

from __future__ import annotations

from urllib.parse import quote, urlencode


def page_url(page: str, **params: str) -> str:
    """The URL of an explorer page with query parameters, e.g. person?donor=sundar_pichai."""
    # Relative (no leading slash), so links also work when the app is served under a base path.
    return f"{page}?{urlencode(params, safe=':', quote_via=quote)}"
