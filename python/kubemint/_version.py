"""kubemint's version. The wheel builder (scripts/build-wheel.py) writes the released version here;
a source checkout says 0.0.0+source."""

__version__ = "0.0.0+source"
