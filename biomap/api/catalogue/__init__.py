"""GraphQL types, queries and mutations of the catalogue domain."""
