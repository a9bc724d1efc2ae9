"""Abuse flags (P11): threat, obscenity or personal insult, with a reason.

A flag never deletes or edits the message; pages fold flagged content behind
a click for everyone but the flagger, and the audit trail names who flagged.
"""

from __future__ import annotations

from portal.auth.models import StaffUser
from portal.core.errors import ValidationFailed
from portal.core.extensions import db
from portal.tickets.history import record
from portal.tickets.models import FlagKind, Message, MessageFlag

REASON_MAX = 500


def flag_message(message: Message, staff: StaffUser, kind: str, reason: str) -> MessageFlag:
    try:
        kind_value = FlagKind(kind)
    except ValueError as exc:
        raise ValidationFailed(f"a flag is one of: {', '.join(k.value for k in FlagKind)}") from exc
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed("say why the message is flagged")
    if len(reason) > REASON_MAX:
        raise ValidationFailed(f"the reason is longer than {REASON_MAX} characters")
    flag = MessageFlag(message_id=message.id, kind=kind_value, reason=reason, staff_id=staff.id)
    db.session.add(flag)
    record(message.ticket, "flagged", staff, message_id=message.id, kind=kind_value.value,
           reason=reason)
    db.session.flush()
    return flag


def hidden_for(message: Message, viewer: StaffUser) -> bool:
    """Folded away unless the viewer flagged it themselves."""
    return bool(message.flags) and all(f.staff_id != viewer.id for f in message.flags)
