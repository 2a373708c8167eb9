"""OpenFEC API (api.open.fec.gov/v1): Schedule A receipts by keyset paging, saved as pages and loaded from them."""

from etl.sources.base import SourcePackage
from etl.sources.openfec import fetch, load, watch

SOURCE = SourcePackage(name="openfec", title="OpenFEC Schedule A pages", package=__name__, recognise=load.recognise,
                       load=load.load, fetch=fetch.fetch_schedule_a, steps=watch.watch_steps)
