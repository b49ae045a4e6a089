"""The transactional outbox: side effects recorded with the change, delivered later by relays."""
