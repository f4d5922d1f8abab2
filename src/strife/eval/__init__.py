"""Evaluation of strife against human-coded references.

- :mod:`strife.eval.acled`: event coding against ACLED exports (``strife eval EXPORT.csv``).
- :mod:`strife.eval.geoparse`: the geocoder against LGL/GeoVirus corpora (``strife eval geoparse FILE.xml``).
"""

from __future__ import annotations

__all__ = ["evaluate"]


def evaluate(csv_path, settings, country=None, limit=None) -> dict:
    """Score event coding on an ACLED export (see :func:`strife.eval.acled.evaluate`)."""
    from .acled import evaluate as _evaluate

    return _evaluate(csv_path, settings, country=country, limit=limit)
