"""From a list of cards to one print-ready PDF, in chunks, across processes.

Nothing is written where the caller asked until the whole file is complete:
pages go into a temporary file beside the target, renamed into place at the
end, so a failed or cancelled batch never leaves a partial PDF behind.
"""

from __future__ import annotations

import multiprocessing
import os
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from portal.brand.card_words import CardWords
from portal.brand.look import BrandLook
from portal.printing import stamp, template
from portal.printing.assemble import CardPdfWriter
from portal.printing.layouts import MM, Layout

PAGES_PER_UNIT = 40  # work handed to a worker at a time; also the progress step
IN_PROCESS_BELOW = 300  # cards: starting worker processes costs more than it saves


class Cancelled(Exception):
    """The batch was cancelled while it ran."""


@dataclass(frozen=True)
class CardData:
    number: str
    locale: str
    url: str
    code: str


def _number_strips(odd: list[tuple[str, float, float]], brand) -> bytes:
    html = template._env.get_template("number.html").render(
        assets=template.ASSET_ORIGIN, numbers=[n for n, _, _ in odd], w=odd[0][1], h=odd[0][2])
    document, _ = template.render(html, brand)
    return document.write_pdf()


def write_cards(
    path: str | os.PathLike,
    cards: Sequence[CardData],
    layout: Layout,
    brand: BrandLook,
    words: dict[str, CardWords],
    site_url: str,
    *,
    workers: int = 2,
    progress: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> int:
    """Write every card into ``path`` (atomically); returns the number of pages."""
    if not cards:
        raise ValueError("no cards to print")
    locales = sorted({card.locale for card in cards})
    frames, slots = {}, {}
    for index, locale in enumerate(locales):
        name = f"C{index}"
        frames[name], slots[name] = template.render_frame(
            layout, locale, brand, words[locale], site_url)
    frame_of = {locale: f"C{index}" for index, locale in enumerate(locales)}

    # Numbers the stamp font cannot write are rendered by WeasyPrint, one strip each.
    odd = sorted({c.number for c in cards if not stamp.stampable(c.number)})
    extra, strip_of = {}, {}
    if odd:
        number_slot = slots[frame_of[locales[0]]]["number"]
        extra["N"] = _number_strips([(n, number_slot.w, number_slot.h) for n in odd], brand)
        strip_of = {n: (f"N_{i}" if len(odd) > 1 else "N") for i, n in enumerate(odd)}

    shift = layout.bleed if layout.single else 0.0
    geometry = stamp.Geometry(
        origins=tuple(((x - shift) * MM, (y - shift) * MM) for x, y in layout.card_origins()),
        slots=slots,
    )
    per_page = layout.per_page
    pages = []
    for start in range(0, len(cards), per_page):
        pages.append([
            (pos, frame_of[c.locale], c.url, c.code, c.number, strip_of.get(c.number))
            for pos, c in enumerate(cards[start:start + per_page])
        ])
    units = [pages[i:i + PAGES_PER_UNIT] for i in range(0, len(pages), PAGES_PER_UNIT)]

    target = Path(path)
    writer = CardPdfWriter(layout, frames, extra)
    done = 0
    fd, tmp = tempfile.mkstemp(prefix=".partial-", suffix=".pdf", dir=target.parent)
    os.close(fd)
    try:
        for unit, contents in zip(units, _run(units, geometry, workers, len(cards)), strict=True):
            if should_stop and should_stop():
                raise Cancelled("the batch was cancelled")
            for content in contents:
                writer.add_page(content)
            done += sum(len(page) for page in unit)
            if progress:
                progress(done, len(cards))
        writer.save(tmp)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return len(pages)


def _run(units, geometry, workers: int, total: int):
    if workers <= 1 or total < IN_PROCESS_BELOW:
        for unit in units:
            yield [stamp.page_content(cards, geometry) for cards in unit]
        return
    # spawn: the parent may hold database connections and threads; a clean child is safer.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=stamp.init_worker,
                             initargs=(geometry,)) as pool:
        futures = [pool.submit(stamp.pages_content, unit) for unit in units]
        try:
            for future in futures:
                yield future.result()
        finally:
            for future in futures:
                future.cancel()
