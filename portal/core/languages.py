"""The languages the portal speaks, and which of them are written right to left."""

from __future__ import annotations

SUPPORTED_LOCALES = ("en", "fa", "hy", "ro")
RTL_LOCALES = frozenset({"fa"})
# Each language by its own name (what a speaker looks for in a language menu), and in English.
LANGUAGE_NAMES = {"en": "English", "fa": "فارسی", "hy": "Հայերեն", "ro": "Română"}
ENGLISH_NAMES = {"en": "English", "fa": "Persian", "hy": "Armenian", "ro": "Romanian"}


def base_language(locale: str | None) -> str:
    """"fa_IR", "fa-ir" and "fa" are all Persian: the language part, lower case."""
    return (locale or "en").replace("_", "-").split("-")[0].lower()


def direction(locale: str | None) -> str:
    return "rtl" if base_language(locale) in RTL_LOCALES else "ltr"
