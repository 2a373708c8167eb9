"""USAspending contract awards: search and download CSVs and API answers, https://api.usaspending.gov."""

from etl.sources.base import SourcePackage
from etl.sources.usaspending import api, load

SOURCE = SourcePackage(name="usaspending", title="USAspending contract awards", package=__name__,
                       recognise=load.recognise, load=load.load, fetch=api.fetch_awards, steps=api.watch_steps)
