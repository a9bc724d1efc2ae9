"""Domain errors: a rule of the domain refused what was asked.

Services raise them; the entry point that owns the unit of work (a view, a
CLI command, a job) rolls back and tells the person why. Their messages are
written for that person.
"""


class DomainError(Exception):
    """A rule of the domain refused the request; the message is shown to the user."""


class ValidationFailed(DomainError):
    pass


class NotAllowed(DomainError):
    pass


class Conflict(DomainError):
    pass
