"""Settings read from the environment, in one place (pydantic-settings): MONEYTRAIL_* variables, FEC_API_KEY, SAM_API_KEY."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import AliasChoices, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEFAULT_DB = Path("data") / "moneytrail.duckdb"
DEFAULT_RAW = Path("data") / "raw"
# Form 13 reports of the Trump Vance Inaugural Committee: 1910509 is the latest full "Post-Inaugural 2025"
# report (third-party, reference/fec.md §3.5). $MONEYTRAIL_WATCHLIST_EFILINGS replaces the list.
INAUGURAL_FILINGS = (1910509,)
# A DuckDB instance takes 80% of RAM unless told otherwise, and a build opens three (the warehouse,
# splink's scratch database and splink's idle helper): each is held to this unless
# MONEYTRAIL_DUCKDB_MEMORY_LIMIT says otherwise.
DEFAULT_MEMORY_LIMIT = "2GB"


class ConfigError(ValueError):
    """An environment variable holds a value moneytrail cannot use; the message names the variable."""


class Settings(BaseSettings):
    """Runtime settings. Each field is read from MONEYTRAIL_<FIELD> (FEC_API_KEY for the key); empty means unset."""

    model_config = SettingsConfigDict(env_prefix="MONEYTRAIL_", env_ignore_empty=True, extra="ignore", frozen=True)

    db: Path = Field(DEFAULT_DB, description="The warehouse file.")
    shared_data: Path | None = Field(None, description="Folder of real records the tests read.")
    raw_dir: Path = Field(DEFAULT_RAW, description="Where fetches put downloaded files.")
    fec_api_key: SecretStr | None = Field(None, validation_alias=AliasChoices("FEC_API_KEY"),
                                          description="api.data.gov key for OpenFEC; never printed.")
    sam_key: SecretStr | None = Field(None, validation_alias=AliasChoices("SAM_API_KEY"),
                                      description="SAM.gov public API key for the Contract Awards API; never printed.")
    fec_bulk_base: str = "https://www.fec.gov/files/bulk-downloads"
    openfec_base: str = "https://api.open.fec.gov/v1"
    docquery_base: str = "https://docquery.fec.gov"
    usaspending_base: str = "https://api.usaspending.gov"
    sam_base: str = "https://api.sam.gov"
    sam_interval: float = Field(0.0, ge=0, description="Seconds between SAM.gov calls (keys allow 10 to 10,000 a day).")
    ai_inventory_base: str = "https://raw.githubusercontent.com"
    http_timeout: float = Field(120.0, gt=0, description="Seconds; USAspending answers cold queries in up to ~60 s.")
    http_attempts: int = Field(6, ge=1)
    http_backoff: float = Field(1.0, ge=0)
    http_max_wait: float = Field(900.0, ge=0)
    demo_key_interval: float = Field(120.0, description="Seconds between DEMO_KEY calls (api.data.gov allows 30 an hour).")
    openfec_interval: float = Field(0.0, description="Seconds between calls with a registered key.")
    usaspending_page_window: int = Field(50_000, gt=0, description="Records reachable by page number before keyset.")
    usaspending_poll_seconds: float = Field(10.0, ge=0)
    usaspending_poll_max: float = Field(3600.0, ge=0)
    watchlist_efilings: Annotated[tuple[int, ...], NoDecode] = INAUGURAL_FILINGS
    duckdb_memory_limit: str | None = Field(None, description="DuckDB memory_limit, e.g. '4GB'.")
    duckdb_temp_directory: Path | None = Field(None, description="Where DuckDB spills when memory runs short.")
    read_memory_limit: str = Field("2GB", pattern=r"^\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$",
                                   description="DuckDB memory_limit of every reader (sql, search, explorer), e.g. '2GB'.")
    read_threads: int | None = Field(None, ge=1, le=64, description="DuckDB threads of a reader (unset: DuckDB's default).")
    query_seconds: float = Field(30.0, gt=0, description="A reader's query is interrupted after this many seconds.")

    @field_validator("demo_key_interval", "openfec_interval")
    @classmethod
    def _not_negative(cls, value: float) -> float:
        return max(0.0, value)

    @field_validator("watchlist_efilings", mode="before")
    @classmethod
    def _filing_numbers(cls, value: object) -> object:
        if isinstance(value, str):
            return tuple(int(n) for n in value.replace(" ", "").split(",") if n)
        return value

    @property
    def db_path(self) -> Path:
        """The warehouse file (alias of db)."""
        return self.db

    def api_key(self) -> str | None:
        """The OpenFEC key in clear text, for the one header that carries it; None when unset."""
        return self.fec_api_key.get_secret_value() if self.fec_api_key else None

    def sam_api_key(self) -> str | None:
        """The SAM.gov key in clear text, for the one query parameter that carries it; None when unset."""
        return (self.sam_key.get_secret_value().strip() or None) if self.sam_key else None

    def duckdb_config(self) -> dict[str, str]:
        """DuckDB connection options from the settings (only those that are set)."""
        out = {}
        if self.duckdb_memory_limit:
            out["memory_limit"] = self.duckdb_memory_limit
        if self.duckdb_temp_directory:
            out["temp_directory"] = str(self.duckdb_temp_directory)
        return out

    def duckdb_limits(self, temp_directory: Path) -> dict[str, str]:
        """memory_limit and temp_directory for a DuckDB instance a build opens: the settings, else the defaults."""
        return {"memory_limit": self.duckdb_memory_limit or DEFAULT_MEMORY_LIMIT,
                "temp_directory": str(self.duckdb_temp_directory or temp_directory)}


def settings() -> Settings:
    """Read the settings from the environment now (tests change it between calls); ConfigError names a bad variable."""
    try:
        return Settings()
    except ValidationError as exc:
        problems = []
        for e in exc.errors():
            field = str(e["loc"][0]) if e["loc"] else "?"
            name = field if field in ("FEC_API_KEY", "SAM_API_KEY") else f"MONEYTRAIL_{field.upper()}"
            problems.append(f"{name}={e.get('input')!r}: {e['msg']}")
        raise ConfigError("; ".join(problems)) from None
