"""Where a report goes and how fast it must be answered."""
