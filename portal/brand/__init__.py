"""Brand settings: name, logo, colours and card wording per language (admin only)."""
