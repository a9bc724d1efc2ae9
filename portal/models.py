"""Every model, imported once so the metadata (and Alembic) sees all tables."""

from portal.api.models import ApiKey  # noqa: F401
from portal.auth.models import StaffUser  # noqa: F401
from portal.brand.models import BrandSettings  # noqa: F401
from portal.compliance.models import ReviewLinkImpression  # noqa: F401
from portal.core import append_only  # noqa: F401  (the ORM guard of every model marked __kept__)
from portal.goodwill.models import Coupon, Gesture, Offer, RoleLimit  # noqa: F401
from portal.hotline.models import CallAttempt, CallbackRequest  # noqa: F401
from portal.notify.models import OutboxMessage  # noqa: F401
from portal.orders.intake_models import ImportRejection, ImportRun  # noqa: F401
from portal.orders.models import Order, Rating  # noqa: F401
from portal.photos.models import Photo  # noqa: F401
from portal.printing.models import PrintBatch, PrintBatchOrder  # noqa: F401
from portal.queue.models import CannedReply, TicketPresence  # noqa: F401
from portal.reviews.models import ReviewLink  # noqa: F401
from portal.routing.models import BusinessCalendar, Holiday, Queue, RoutingRule  # noqa: F401
from portal.tickets.models import AuditEvent, Message, MessageFlag, MessageLanguage, Ticket, TicketLink  # noqa: F401
from portal.webhooks.models import WebhookDelivery  # noqa: F401
from portal.wording.models import ComplianceSetting  # noqa: F401
