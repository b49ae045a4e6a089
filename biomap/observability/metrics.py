"""A small Prometheus registry: request counts and latency histograms by GraphQL operation.

Each worker process keeps its own numbers (Prometheus sums them per target); nothing here needs
the processes to agree.
"""

from __future__ import annotations

import threading
from collections import defaultdict

BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
_MAX_OPERATION_LABELS = 500  # clients choose operation names: bound the label set


class Metrics:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._requests: dict[tuple[str, str], int] = defaultdict(int)
        self._buckets: dict[str, list[int]] = {}
        self._sums: dict[str, float] = defaultdict(float)
        self._counts: dict[str, int] = defaultdict(int)

    def observe(self, operation: str, outcome: str, seconds: float) -> None:
        with self._lock:
            if operation not in self._buckets and len(self._buckets) >= _MAX_OPERATION_LABELS:
                operation = "other"
            self._requests[(operation, outcome)] += 1
            buckets = self._buckets.setdefault(operation, [0] * len(BUCKETS))
            for i, bound in enumerate(BUCKETS):
                if seconds <= bound:
                    buckets[i] += 1
            self._sums[operation] += seconds
            self._counts[operation] += 1

    def render(self) -> str:
        lines = [
            "# HELP biomap_graphql_requests_total GraphQL operations by name and outcome.",
            "# TYPE biomap_graphql_requests_total counter",
        ]
        with self._lock:
            for (operation, outcome), n in sorted(self._requests.items()):
                lines.append(f'biomap_graphql_requests_total{{operation="{_esc(operation)}",outcome="{outcome}"}} {n}')
            lines += [
                "# HELP biomap_graphql_request_duration_seconds GraphQL operation latency.",
                "# TYPE biomap_graphql_request_duration_seconds histogram",
            ]
            for operation, buckets in sorted(self._buckets.items()):
                label = _esc(operation)
                for bound, n in zip(BUCKETS, buckets, strict=True):
                    lines.append(f'biomap_graphql_request_duration_seconds_bucket{{operation="{label}",le="{bound}"}} {n}')
                lines.append(
                    f'biomap_graphql_request_duration_seconds_bucket{{operation="{label}",le="+Inf"}} {self._counts[operation]}'
                )
                lines.append(f'biomap_graphql_request_duration_seconds_sum{{operation="{label}"}} {self._sums[operation]:.6f}')
                lines.append(f'biomap_graphql_request_duration_seconds_count{{operation="{label}"}} {self._counts[operation]}')
        return "\n".join(lines) + "\n"


def _esc(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def render_samples(name: str, kind: str, help_text: str, samples: list[tuple[dict[str, str], float]]) -> str:
    """One metric family in the text format, for numbers kept elsewhere (caches, listeners)."""
    lines = [f"# HELP {name} {help_text}", f"# TYPE {name} {kind}"]
    for labels, value in samples:
        label_text = ",".join(f'{k}="{_esc(v)}"' for k, v in labels.items())
        lines.append(f"{name}{{{label_text}}} {value:g}" if label_text else f"{name} {value:g}")
    return "\n".join(lines) + "\n"
