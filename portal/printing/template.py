"""Card rendering with WeasyPrint: the per-locale frame, and fully filled cards.

The frame is a card with empty slots for the QR code, the typed code and the
order number; the fast path renders it once per locale and stamps each card's
details into the slots. Filled cards (reprints of one order, previews, the
benchmark's naive run) go through the same template with the data in place.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup

from portal.brand.card_words import CardWords
from portal.brand.look import BrandLook
from portal.core.errors import ValidationFailed
from portal.core.languages import direction
from portal.printing import fetcher as asset_fetcher
from portal.printing import qr
from portal.printing.fetcher import ASSET_ORIGIN, LOGO_PATH, PRINT_ROOT
from portal.printing.layouts import Layout, Slot

PX = 0.75  # PDF points per CSS pixel
_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(str(PRINT_ROOT)), autoescape=True, trim_blocks=False
)
# Unicode isolates: WeasyPrint ignores `unicode-bidi`, but the text shaper (FriBidi) honours
# these, so an order number, a code or an address stays left to right inside Persian text.
_env.filters["isolate"] = lambda text: "\u2066" + str(text) + "\u2069"  # LRI … PDI
_env.filters["first_strong"] = lambda text: "\u2068" + str(text) + "\u2069"  # FSI … PDI


@dataclass(frozen=True)
class FilledCard:
    url: str
    code: str
    number: str

    @property
    def qr_svg(self) -> Markup:
        markup = qr.svg(self.url)
        head, rest = markup.split(">", 1)
        head = head.replace('width="', 'data-w="').replace('height="', 'data-h="')
        return Markup(head + ' width="100%" height="100%">' + rest)  # noqa: S704 (our SVG)


def qr_size_mm(layout: Layout) -> float:
    if layout.shape == "wide":
        return 36.0
    return 50.0 if layout.card_h >= 140 else 38.0


def fallback_url(config) -> str:
    """The address printed under the QR code, where a customer types the code."""
    return config.get("CARD_FALLBACK_URL") or config["BASE_URL"] + "/code"


def display_site(url: str) -> str:
    parts = urlsplit(url)
    return (parts.netloc + parts.path).rstrip("/")


def card_html(layout: Layout, locale: str, brand: BrandLook, words: CardWords, site_url: str,
              cards: list[FilledCard | None]) -> str:
    bleed = layout.bleed
    before, _, after = words.or_type.partition("{site}")
    return _env.get_template("card.html").render(
        assets=ASSET_ORIGIN,
        locale=locale,
        direction=direction(locale),
        page_w=layout.card_w + 2 * bleed,
        page_h=layout.card_h + 2 * bleed,
        card_w=layout.card_w,
        card_h=layout.card_h,
        bleed=bleed,
        shape=layout.shape,
        compact=layout.shape == "tall" and layout.card_h < 140,
        qr_mm=qr_size_mm(layout),
        brand={
            "name": brand.name,
            "primary_colour": brand.primary_colour,
            "accent_colour": brand.accent_colour,
            "logo_url": ASSET_ORIGIN + LOGO_PATH if brand.logo else None,
        },
        words={**words.as_dict(), "or_type_before": before, "or_type_after": after},
        site=display_site(site_url),
        cards=cards,
    )


def render(html: str, brand: BrandLook):
    from weasyprint import HTML  # imported on first print, not at app start

    fetcher = asset_fetcher.PrintAssetFetcher(logo=brand.logo)
    document = HTML(string=html, base_url=ASSET_ORIGIN, url_fetcher=fetcher).render()
    return document, fetcher


def render_frame(layout: Layout, locale: str, brand: BrandLook, words: CardWords,
                 site_url: str) -> tuple[bytes, dict[str, Slot]]:
    """One empty card for the locale, and where its slots are."""
    document, _ = render(card_html(layout, locale, brand, words, site_url, [None]), brand)
    page = document.pages[0]
    if len(document.pages) > 1 or not {"slot-qr", "slot-code", "slot-number"} <= set(page.anchors):
        raise ValidationFailed(
            f"the {locale} card wording does not fit the {layout.name} layout; shorten it "
            "or choose a larger card")
    slots = {}
    for name in ("qr", "code", "number"):
        x1, y1, x2, y2 = page.anchors[f"slot-{name}"]
        slots[name] = Slot(x1 * PX, (page.height - y2) * PX, (x2 - x1) * PX, (y2 - y1) * PX)
    return document.write_pdf(), slots


def render_filled(layout: Layout, locale: str, brand: BrandLook, words: CardWords, site_url: str,
                  cards: list[FilledCard]) -> bytes:
    """Complete cards, one per page, entirely by WeasyPrint."""
    document, _ = render(card_html(layout, locale, brand, words, site_url, list(cards)), brand)
    return document.write_pdf()
