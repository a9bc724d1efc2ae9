"""The one role guard of the staff pages: logged in, and at least the role a page needs.

A blueprint whose every route needs the same role says so once with `staff_only(bp, role)`;
a single route that needs more wraps itself in `@requires(role)`. A customer (not logged
in) is sent to the login page; a colleague without the role gets 403.
"""

from __future__ import annotations

import functools

from flask import Blueprint, abort
from flask_login import current_user, login_required

from portal.auth.models import Role


def _check(role: Role) -> None:
    if not current_user.at_least(role):
        abort(403)


def staff_only(bp: Blueprint, role: Role = Role.AGENT) -> None:
    """Every route of `bp` is for logged-in staff of at least `role`."""

    @bp.before_request
    @login_required
    def _guard():
        _check(role)


def requires(role: Role):
    """One route for staff of at least `role` (inside a blueprint already guarded, or not)."""

    def decorator(view):
        @functools.wraps(view)
        @login_required
        def guarded(*args, **kwargs):
            _check(role)
            return view(*args, **kwargs)

        return guarded

    return decorator
