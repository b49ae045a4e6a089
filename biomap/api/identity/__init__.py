"""GraphQL types and root fields of identity."""
