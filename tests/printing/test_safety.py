"""The renderer loads nothing but print assets; card wording never crosses the line."""

from __future__ import annotations

import pytest

from portal.brand import services as brand
from portal.brand.card_words import DEFAULT_WORDS, CardWords, check_words, problems
from portal.brand.look import BrandLook
from portal.core.errors import ValidationFailed
from portal.printing.fetcher import ASSET_ORIGIN, FetchDenied, PrintAssetFetcher
from portal.printing.layouts import get_layout
from portal.printing.template import FilledCard, card_html, render

from .pdfcheck import text_of


@pytest.mark.parametrize("url", [
    "file:///etc/passwd",
    "http://127.0.0.1:9/secret",
    "https://example.com/logo.png",
    "data:text/plain,hello",
    ASSET_ORIGIN + "../portal/config.py",
    ASSET_ORIGIN + "%2e%2e/portal/config.py",
    ASSET_ORIGIN + "fonts/../../pyproject.toml",
    ASSET_ORIGIN + "card.css?x=1",
])
def test_fetcher_denies_everything_but_print_assets(url):
    fetcher = PrintAssetFetcher()
    with pytest.raises(FetchDenied):
        fetcher.fetch(url)
    assert fetcher.denied == [url]


def test_fetcher_serves_print_assets():
    response = PrintAssetFetcher().fetch(ASSET_ORIGIN + "card.css")
    assert b"@font-face" in response.read()


def test_markup_in_data_is_printed_as_text_and_fetches_nothing(tmp_path):
    hostile = '<img src="file:///etc/passwd"><link rel=stylesheet href="http://127.0.0.1:9/x.css">'
    look = BrandLook(name=hostile)
    html = card_html(get_layout("a6"), "en", look, DEFAULT_WORDS["en"], "http://portal.test",
                     [FilledCard("http://portal.test/o/x", "ABCD-EFGH", hostile)])
    document, fetcher = render(html, look)
    pdf = tmp_path / "card.pdf"
    document.write_pdf(pdf)
    assert fetcher.denied == []  # nothing was even attempted: the markup stayed text
    text = text_of(pdf)
    assert "file:///etc/passwd" in text and "root:" not in text


def test_a_template_that_points_outside_is_refused_at_fetch_time(tmp_path):
    html = ('<html><body><img src="file:///etc/hostname"><p>x</p>'
            '<link rel=stylesheet href="http://127.0.0.1:9/a.css"></body></html>')
    document, fetcher = render(html, BrandLook("x"))
    assert set(fetcher.denied) == {"file:///etc/hostname", "http://127.0.0.1:9/a.css"}


@pytest.mark.parametrize("locale,text", [
    ("en", "Please don't leave a negative review; contact us instead."),
    ("en", "Get a 10% discount for a 5-star review!"),
    ("fa", "لطفا نظر منفی ننویسید و اول با ما تماس بگیرید."),
    ("fa", "برای امتیاز ۵ ستاره تخفیف بگیرید"),
    ("hy", "Մի թողեք բացասական կարծիք, նախ գրեք մեզ։"),
    ("ro", "Vă rugăm nu lăsați recenzii negative."),
    ("ro", "Primiți o reducere pentru o recenzie de 5 stele."),
])
def test_wording_that_suppresses_reviews_or_ties_a_reward_to_a_rating_is_refused(locale, text):
    words = CardWords(**{**DEFAULT_WORDS[locale].as_dict(), "invitation": text})
    with pytest.raises(ValidationFailed) as refused:
        check_words(locale, words)
    assert f"{locale} invitation: refused" in str(refused.value)
    assert "never discourages public reviews" in str(refused.value)


def test_default_wording_in_every_language_is_an_invitation():
    for locale, words in DEFAULT_WORDS.items():
        check_words(locale, words)
        for text in words.as_dict().values():
            assert problems(text, locale) == []


def test_brand_refuses_non_compliant_wording_and_keeps_the_old(app, db):
    brand.update_brand(name="Shop", primary_colour="#112233", accent_colour="#445566",
                       words={"en": {"headline": "Hello there"}})
    db.session.commit()
    with pytest.raises(ValidationFailed, match="Ties a benefit to a review"):
        brand.update_brand(name="Shop", primary_colour="#112233", accent_colour="#445566",
                           words={"en": {"invitation": "Leave 5 stars and get a free gift!"}})
    db.session.rollback()
    saved = brand.current()
    assert saved.card_words == {"en": {"headline": "Hello there"}}


def test_brand_refuses_bad_colours_and_fake_logos(app, db):
    with pytest.raises(ValidationFailed, match="#rrggbb"):
        brand.update_brand(name="Shop", primary_colour="red;}</style>", accent_colour="#445566",
                           words={})
    with pytest.raises(ValidationFailed, match="PNG or JPEG"):
        brand.update_brand(name="Shop", primary_colour="#112233", accent_colour="#445566",
                           words={}, logo=b"<svg onload=alert(1)></svg>")


def test_brand_logo_is_served_only_by_the_asset_fetcher(app, db, tmp_path):
    import io
    import subprocess

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (120, 40), "#cc3300").save(buffer, "PNG")
    settings = brand.update_brand(name="Logo Shop", primary_colour="#112233",
                                  accent_colour="#445566", words={}, logo=buffer.getvalue())
    db.session.commit()
    look = brand.look(settings)
    html = card_html(get_layout("a6"), "en", look, DEFAULT_WORDS["en"], "http://portal.test",
                     [FilledCard("http://portal.test/o/x", "ABCD-EFGH", "L-1")])
    document, fetcher = render(html, look)
    pdf = tmp_path / "logo.pdf"
    document.write_pdf(pdf)
    assert fetcher.denied == []
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True)
    assert " 120    40 " in images.stdout  # the logo, at its own size, embedded
