"""Federal AI Use Case Inventory: OMB's consolidated files and agency spreadsheets (github.com/ombegov)."""

from etl.sources.ai_inventory import fetch, load
from etl.sources.base import SourcePackage

SOURCE = SourcePackage(name="ai_inventory", title="Federal AI Use Case Inventory", package=__name__,
                       recognise=load.recognise, load=load.load, fetch=fetch.fetch, steps=fetch.watch_steps)
