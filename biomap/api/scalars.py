"""Custom scalars shared by all domains."""

from __future__ import annotations

from strawberry.scalars import JSON

__all__ = ["JSON"]
