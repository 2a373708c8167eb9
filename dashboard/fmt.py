"""Money figures that never truncate: compact text for large amounts, the exact amount on hover and written below."""

from __future__ import annotations

from decimal import Decimal

from dashboard.components import money

_UNITS = ((Decimal(10) ** 12, "trillion"), (Decimal(10) ** 9, "billion"), (Decimal(10) ** 6, "million"))


def compact(value: Decimal | int | None) -> str:
    """$10.15 billion for large amounts (two decimals of the unit); amounts under a million in full, to the cent."""
    if value is None:
        return "—"
    d = Decimal(value)
    for size, word in _UNITS:
        if abs(d) >= size:
            sign = "-" if d < 0 else ""
            return f"{sign}${abs(d) / size:,.2f} {word}"
    return money(d)


def money_metric(col, label: str, value: Decimal | int | None, help: str | None = None) -> None:
    """A metric with the compact amount, the exact amount on hover (help) and as a caption below it."""
    exact = money(value)
    col.metric(label, compact(value), help=f"Exactly {exact}." + (f" {help}" if help else ""))
    if compact(value) != exact:
        col.caption(f"exactly {exact}".replace("$", "\\$"))
