"""Outgoing messages: an outbox written with the change, delivered by a worker."""
