"""How suppliers are described to search (kind SUPPLIER): one document per supplier, in the shape
biomap/catalogue/search_documents.py gives equipment. Names weigh most (A); the products and the
localisation items they serve (B) make "배양 배지" or "cell culture media" find a media supplier;
the item categories (C) and the description with reference customers (D) follow.

Only public profile facts enter a document (no users, no demands, no quotes).
"""

from __future__ import annotations

from collections.abc import Sequence

import asyncpg

from biomap.db.sql import limited_to_ids
from biomap.search import indexer
from biomap.search.models import SearchDocument, SearchKind

SUPPLIER_KIND = SearchKind.SUPPLIER


async def supplier_documents(conn: asyncpg.Connection, ids: Sequence[int] | None = None) -> list[SearchDocument]:
    """Current documents of the given suppliers (all when ids is None)."""
    sql, args = limited_to_ids(
        """SELECT s.id, s.zone, s.description, s.reference_customers, o.name_ko, o.name_en,
                  coalesce(string_agg(DISTINCT concat_ws(' ', p.name_ko, p.name_en), ' '), '') AS products,
                  coalesce(string_agg(DISTINCT concat_ws(' ', m.name_ko, m.name_en), ' '), '') AS materials,
                  coalesce(string_agg(DISTINCT m.category, ' '), '') AS categories,
                  coalesce(string_agg(DISTINCT p.description, ' '), '') AS product_text
             FROM supplier s JOIN organisation o ON o.id = s.id
             LEFT JOIN supplier_product p ON p.supplier_id = s.id AND p.retired_at IS NULL
             LEFT JOIN material m ON m.id = p.material_id
            WHERE {ids}
            GROUP BY s.id, o.id ORDER BY s.id""", "s.id", ids)
    rows = await conn.fetch(sql, *args)
    return [
        SearchDocument(
            kind=SUPPLIER_KIND, entity_id=r["id"], institution_id=None, zone=r["zone"],
            title_ko=r["name_ko"], title_en=r["name_en"],
            secondary=" ".join(filter(None, [r["products"], r["materials"]])),
            category_text=r["categories"].replace("_", " ").lower(),
            body=" ".join(filter(None, [r["description"], r["product_text"], " ".join(r["reference_customers"])])),
            institution_name=" ".join(filter(None, [r["name_ko"], r["name_en"]])),
        )
        for r in rows
    ]


async def refresh_supplier_search(conn: asyncpg.Connection, ids: Sequence[int]) -> None:
    """Rewrite the suppliers' documents in the caller's transaction (so search is consistent with it)."""
    await indexer.replace(conn, SUPPLIER_KIND, ids, await supplier_documents(conn, ids))


async def rebuild_supplier_search(conn: asyncpg.Connection) -> int:
    documents = await supplier_documents(conn)
    await indexer.replace_all(conn, SUPPLIER_KIND, documents)
    return len(documents)
