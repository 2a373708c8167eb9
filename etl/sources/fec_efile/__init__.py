"""Raw FEC electronic filings (.fec or docquery's CSV): Schedules A, B, E, Form 13 and the cover page."""

from etl.sources.base import SourcePackage
from etl.sources.fec_efile import fetch, follow, load


def _steps(cycles: list[int]) -> list:
    """`up`: the watched committees' filings, then the Form 13 filings named by number."""
    return follow.watch_steps(cycles) + fetch.watch_steps(cycles)


SOURCE = SourcePackage(name="fec_efile", title="FEC electronic filings", package=__name__, recognise=load.recognise,
                       load=load.load, fetch=fetch.fetch_efiling, steps=_steps)
