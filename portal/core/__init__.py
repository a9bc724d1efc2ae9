"""Shared infrastructure every domain uses, and nothing web: database, jobs, tokens, errors."""
