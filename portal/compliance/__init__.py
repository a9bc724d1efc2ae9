"""Compliance evidence: proof that every customer was shown the public review links, and the report."""
