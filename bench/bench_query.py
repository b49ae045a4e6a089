"""The one request the catalogue benchmark sends: the first 20 equipment with their institution's name and zone."""

from __future__ import annotations

import json

QUERY = """query BenchEquipmentPage {
  equipment(first: 20) {
    edges {
      node {
        id
        name
        category
        institution { id nameKo nameEn zone }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}"""

OPERATION_NAME = "BenchEquipmentPage"
PAGE_SIZE = 20

# The exact bytes both servers receive (the plain server decodes and ignores them).
REQUEST_BODY = json.dumps({"query": QUERY, "operationName": OPERATION_NAME}, separators=(",", ":"))


def operation_counts(metrics_text: str, operation: str = OPERATION_NAME) -> dict[str, int]:
    """`{outcome: count}` of one operation in the app's /metrics text (`ok`, `error`, `cached`)."""
    prefix = f'biomap_graphql_requests_total{{operation="{operation}",outcome="'
    counts: dict[str, int] = {}
    for line in metrics_text.splitlines():
        if line.startswith(prefix):
            outcome, _, value = line.removeprefix(prefix).partition('"} ')
            counts[outcome] = int(value)
    return counts
