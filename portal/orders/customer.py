"""The order a customer's browser is bound to (by a scan or a typed code)."""

from __future__ import annotations

from flask import abort

from portal.core.extensions import db
from portal.orders.models import Order
from portal.web import customer_session
from portal.web.locale import use_order_locale


def bind_order(order: Order) -> None:
    customer_session.bind_order_id(order.id)


def current_order() -> Order | None:
    order_id = customer_session.bound_order_id()
    order = db.session.get(Order, order_id) if order_id else None
    if order is not None:
        use_order_locale(order.locale)
    return order


def require_order() -> Order:
    order = current_order()
    if order is None:
        abort(404)
    return order
