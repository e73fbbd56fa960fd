"""dangjian-nlp: analyse Chinese party-building (党建) policy texts.

Library entry points live in the stage subpackages (``ingest``, ``structure``,
``segment``, ``tagging``, ``keywords``, ``topics``, ``graph``, ``tables``, ``report``,
``export``); :func:`dangjian_nlp.pipeline.analyze` runs them all.
"""

__version__ = "0.1.0"
