"""Public review links per platform and language, edited by shop owners."""
