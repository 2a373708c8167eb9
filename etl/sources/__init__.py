"""Every public-records source moneytrail reads, one package each (protocol: etl/sources/base.py).

SOURCES is the only place a source is registered: build, up, coverage and the warehouse schema iterate
it. Its order is the order in which sources are asked to recognise a file (OpenFEC pages before
USAspending JSON) and in which `up` fetches.
"""

from etl.sources.ai_inventory import SOURCE as AI_INVENTORY
from etl.sources.base import Source
from etl.sources.fec_bulk import SOURCE as FEC_BULK
from etl.sources.fec_efile import SOURCE as FEC_EFILE
from etl.sources.fpds import SOURCE as FPDS
from etl.sources.openfec import SOURCE as OPENFEC
from etl.sources.usaspending import SOURCE as USASPENDING

SOURCES: list[Source] = [FEC_BULK, OPENFEC, FEC_EFILE, USASPENDING, FPDS, AI_INVENTORY]
