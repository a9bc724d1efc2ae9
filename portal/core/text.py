"""Limits on what people write, the same on every form, service and template."""

# A customer's report or message, a staff reply, a note, a canned reply, a text to check.
MESSAGE_MAX = 5000
