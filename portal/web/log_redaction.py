"""Keep scan tokens and ticket secrets out of access logs.

The dev server and gunicorn both log the request line. A filter rewrites
`/o/<token>` and `/t/<secret>` to a fixed placeholder before anything is written.
"""

from __future__ import annotations

import logging
import re

_SECRET_PATH = re.compile(r"/(o|t)/[A-Za-z0-9_-]+")


def redact(text: str) -> str:
    return _SECRET_PATH.sub(lambda m: f"/{m.group(1)}/[redacted]", text)


class RedactSecrets(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if record.args:
            if isinstance(record.args, dict):
                record.args = {k: redact(v) if isinstance(v, str) else v for k, v in record.args.items()}
            else:
                record.args = tuple(redact(a) if isinstance(a, str) else a for a in record.args)
        return True


def install_redaction() -> None:
    for name in ("werkzeug", "gunicorn.access", "gunicorn.error", "portal"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactSecrets) for f in logger.filters):
            logger.addFilter(RedactSecrets())
