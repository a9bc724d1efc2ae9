"""Customer photos of a problem: checked by content, re-encoded, stored outside static/.

validation.py turns an upload into clean JPEG bytes (or refuses it with a message
a customer understands); storage.py keeps the bytes behind an interface (a local
folder by default); services.py records them; views.py serves them to the
ticket's owner session and to staff only.
"""
