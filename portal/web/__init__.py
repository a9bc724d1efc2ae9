"""Shared web pieces every page uses: customer session, locale, formats, limits, headers, errors."""
