"""Bio Map: the shared resource map of Incheon's bio cluster."""

__version__ = "0.1.0"
