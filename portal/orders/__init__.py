"""Orders: what was shipped, and the scan token on its card."""
