"""The staff workspace: the queue and the ticket desk."""
