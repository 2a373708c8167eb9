"""FEC bulk files (indiv, oth, pas2, oppexp, cm, cn, ccl): https://www.fec.gov/data/browse-data/?tab=bulk-data."""

from etl.sources.base import SourcePackage
from etl.sources.fec_bulk import diff, fetch, load

SOURCE = SourcePackage(name="fec_bulk", title="FEC bulk files", package=__name__, recognise=load.recognise,
                       load=diff.load, fetch=fetch.fetch, steps=fetch.watch_steps)
