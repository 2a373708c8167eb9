"""Raw FEC electronic filings (.fec): Schedule A and Form 13 Schedule 13-A, https://docquery.fec.gov/dcdev/posted/."""

from etl.sources.base import SourcePackage
from etl.sources.fec_efile import fetch, load

SOURCE = SourcePackage(name="fec_efile", title="FEC electronic filings", package=__name__, recognise=load.recognise,
                       load=load.load, fetch=fetch.fetch_efiling, steps=fetch.watch_steps)
