"""FPDS contract actions, Other Transaction agreements included, from the SAM.gov Contract Awards API."""

from etl.sources.base import SourcePackage
from etl.sources.fpds import api, load

SOURCE = SourcePackage(name="fpds", title="FPDS contract actions (SAM.gov Contract Awards API)", package=__name__,
                       recognise=load.recognise, load=load.load, fetch=api.fetch_contract_actions, steps=api.watch_steps)
