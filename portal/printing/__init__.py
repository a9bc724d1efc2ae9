"""Insert cards: print batches of per-order QR cards as print-ready PDFs.

The fast path renders each locale's card once with WeasyPrint and stamps what
differs per card (QR code as vector paths, typed code, order number) onto it,
in worker processes, then assembles one PDF with pikepdf.
"""
