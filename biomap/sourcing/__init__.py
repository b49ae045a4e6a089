"""Sourcing: the "localise 30" raw-materials project."""
