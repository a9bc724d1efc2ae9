"""The customer's pages: scan, rate, report privately, follow the ticket."""
