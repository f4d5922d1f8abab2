"""Offline geocoding to the village: gazetteer matching, toponym resolution, event location.

Public API: :class:`Geocoder` (``find_places``, ``locate``; ``Geocoder.load(settings)`` is cached per
process) and :func:`distance_km`.  The gazetteer index is built from packaged GeoNames data on first use
(or by ``strife gazetteer build``) into ``settings.gazetteer_dir``.
"""

from .geocoder import FUZZY_THRESHOLD, Geocoder, distance_km
from .gazetteer import build_index, load_index

__all__ = ["Geocoder", "distance_km", "build_index", "load_index", "FUZZY_THRESHOLD"]
