"""Meilisearch backend of Bio Map search (optional; PostgreSQL is the default backend).

- settings: index-settings.json (+ glossary synonyms), BIOMAP_MEILI_* connection settings;
- documents: SearchDocument → Meilisearch document (allow-listed fields, analysed terms, hash);
- filters: SearchFilter + SearchScope → filter expression, permission rules always applied;
- backend: MeilisearchBackend (search, suggest);
- relay: outbox 'catalogue.changed' → index (relay_once, run_relay);
- sync: MeiliIndex adapter, reindex (build + swap), check (drift report).

Import the submodules directly; nothing here loads the analyzer or connects to anything.
"""
