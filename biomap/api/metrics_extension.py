"""Records every GraphQL operation's name, outcome and latency in the app's Metrics."""

from __future__ import annotations

import time
from collections.abc import Iterator

from strawberry.extensions import SchemaExtension


class OperationMetrics(SchemaExtension):
    def on_operation(self) -> Iterator[None]:
        started = time.perf_counter()
        yield
        ctx = self.execution_context
        name = ctx.operation_name or "anonymous"
        outcome = "error" if ctx.result is not None and ctx.result.errors else "ok"
        metrics = getattr(ctx.context.request.app.state, "metrics", None)
        if metrics is not None:
            metrics.observe(name, outcome, time.perf_counter() - started)
