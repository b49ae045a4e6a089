"""GraphQL search: one query over everything the viewer may see, and search-as-you-type."""
