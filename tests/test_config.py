"""etl/config.py: one settings object read from the environment; the API key never prints."""

from __future__ import annotations

import pytest

from etl import config

KEY = "TEST-KEY-NOT-REAL-CONFIG-777"


def test_defaults_when_nothing_is_set(monkeypatch):
    for name in ("MONEYTRAIL_DB", "MONEYTRAIL_RAW_DIR", "MONEYTRAIL_HTTP_TIMEOUT", "MONEYTRAIL_WATCHLIST_EFILINGS",
                 "FEC_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    s = config.settings()
    assert s.db == config.DEFAULT_DB and s.raw_dir == config.DEFAULT_RAW and s.fec_api_key is None
    assert s.http_timeout == 120.0 and s.api_key() is None
    assert s.watchlist_efilings == config.INAUGURAL_FILINGS
    assert s.duckdb_config() == {}


def test_environment_is_read_at_each_call_and_empty_means_unset(monkeypatch):
    monkeypatch.setenv("MONEYTRAIL_HTTP_TIMEOUT", "2.5")
    monkeypatch.setenv("MONEYTRAIL_WATCHLIST_EFILINGS", "1544132, 1550548")
    monkeypatch.setenv("MONEYTRAIL_DUCKDB_MEMORY_LIMIT", "1GB")
    monkeypatch.setenv("FEC_API_KEY", "")
    s = config.settings()
    assert s.http_timeout == 2.5 and s.watchlist_efilings == (1544132, 1550548) and s.api_key() is None
    assert s.duckdb_config() == {"memory_limit": "1GB"}
    monkeypatch.setenv("MONEYTRAIL_HTTP_TIMEOUT", "")
    assert config.settings().http_timeout == 120.0


def test_the_key_is_never_printed(monkeypatch):
    monkeypatch.setenv("FEC_API_KEY", KEY)
    s = config.settings()
    assert s.api_key() == KEY
    assert KEY not in repr(s) and KEY not in str(s) and KEY not in str(s.model_dump())


def test_a_bad_value_names_its_variable(monkeypatch):
    monkeypatch.setenv("MONEYTRAIL_HTTP_TIMEOUT", "soon")
    with pytest.raises(config.ConfigError, match="MONEYTRAIL_HTTP_TIMEOUT='soon'"):
        config.settings()
