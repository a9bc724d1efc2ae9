"""The JSON API for orders, authenticated with API keys."""
