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
