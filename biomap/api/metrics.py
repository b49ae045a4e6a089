"""Records every GraphQL operation's name, outcome and latency in the app's Metrics."""

from __future__ import annotations

from typing import Any


def observe_request(request: Any, operation: str, outcome: str, seconds: float) -> None:
    metrics = getattr(request.app.state, "metrics", None) if request is not None else None
    if metrics is not None:
        metrics.observe(operation, outcome, seconds)


def observe_operation(context: Any, operation: str, outcome: str, seconds: float) -> None:
    observe_request(getattr(context, "request", None), operation, outcome, seconds)
