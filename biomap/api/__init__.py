"""The GraphQL layer: the only code that imports strawberry."""
