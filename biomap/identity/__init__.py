"""Organisations, users, roles, API tokens and the permission predicates built on them."""
