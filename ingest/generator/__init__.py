"""Synthetic deliveries for the sociaal domein warehouse: `sdw generate`.

A population of households and persons (birth dates, sex, BSN, postcode, wijk) per municipality,
Wmo and Jeugd care spells and Participatiewet benefit spells as stationary renewal processes (so
the stock is present from the first month and stays roughly stable), care cut into beschikkingen
(herindicaties, omvang changes, gaps, stapeling, the administrative stop/restart of 31 December
2020, corrections, withdrawals), the providers' declaraties per delivered period and the monthly
benefit payments, written as the four extracts of ``docs/raw-extracts.md`` in deliberately
different real-world CSV dialects, or as Parquet.

Modules: ``reference`` (rates, products, providers, referrers), ``regions`` (municipalities and
wijken from the seeds, chunks, BSNs), ``population``, ``spells`` (renewal processes), ``care``
(beschikkingen), ``declaraties``, ``uitkeringen``, ``chunk`` (one chunk from start to text),
``writing`` (dialects, Parquet), ``delivery`` (``generate``: chunks on all cores, in order) and
``seeds`` (the synthetic municipalities of the seeds).
"""

from ingest.generator.delivery import generate

__all__ = ["generate"]
