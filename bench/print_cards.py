"""Benchmark: insert-card PDFs, ours (frame once + stamp per card) against the naive way.

The naive way is one WeasyPrint document holding every card, each with its
QR code as inline SVG from qrcode's default encoder. Ours renders each
locale's card once with WeasyPrint, stamps QR/code/number per card in worker
processes and assembles with pikepdf. Each run happens in its own child
process so its peak RSS is its own (workers' peak reported separately).
Cards are synthetic (no database): mixed locales en/fa/hy/ro, real scan-URL
and code derivations. Also writes one PNG page of every layout to bench/out/
and decodes the QR codes on them with zbarimg.

    python bench/print_cards.py [--sizes 1000,10000] [--naive-max 10000] [--layout a4-8up]

Prints a table, then (last line) one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "bench" / "out"
BASE = "https://feedback.example-shop.com"
KEY = "bench-token-" + "t" * 40
LOCALES = ("en", "fa", "hy", "ro")


def make_cards(n: int):
    from portal.core import tokens
    from portal.printing.pipeline import CardData

    cards = []
    for i in range(n):
        nonce = tokens.new_nonce()
        code = tokens.derive_code(KEY, nonce)
        cards.append(CardData(f"SO-{100000 + i}", LOCALES[i % 4],
                              f"{BASE}/o/{tokens.derive_token(KEY, 'scan', nonce)}",
                              f"{code[:4]}-{code[4:]}"))
    return cards


def _brand():
    from portal.brand.look import BrandLook

    return BrandLook("Rosewood Tea Co.", "#1f4e79", "#f0a500")


def run_ours(n: int, layout_name: str, out: Path, workers: int) -> dict:
    from portal.brand.card_words import DEFAULT_WORDS
    from portal.printing import pipeline
    from portal.printing.layouts import get_layout

    cards = make_cards(n)
    start = time.perf_counter()
    pages = pipeline.write_cards(out, cards, get_layout(layout_name), _brand(), DEFAULT_WORDS,
                                 BASE, workers=workers)
    return {"seconds": time.perf_counter() - start, "pages": pages}


def run_naive(n: int, layout_name: str, out: Path) -> dict:
    import qrcode
    from markupsafe import Markup
    from qrcode.image.svg import SvgPathImage

    from portal.brand.card_words import DEFAULT_WORDS
    from portal.printing import template
    from portal.printing.layouts import get_layout

    class NaiveCard(template.FilledCard):
        @property
        def qr_svg(self):  # qrcode's default: best version by trial, eight masks scored
            svg = qrcode.make(self.url, image_factory=SvgPathImage).to_string(encoding="unicode")
            svg = svg[svg.index("<svg"):]
            head, rest = svg.split(">", 1)
            head = head.replace('width="', 'data-w="').replace('height="', 'data-h="')
            return Markup(head + ' width="100%" height="100%">' + rest)

    cards = make_cards(n)
    layout = get_layout(layout_name)
    start = time.perf_counter()
    # One document, every card: the locale of a document is one language, so the naive
    # run uses each card's words through one template per card group, concatenated.
    html_parts = []
    for locale in LOCALES:
        group = [NaiveCard(c.url, c.code, c.number) for c in cards if c.locale == locale]
        html_parts.append(template.card_html(layout, locale, _brand(), DEFAULT_WORDS[locale],
                                             BASE, group))
    # Join the groups' bodies into a single HTML document.
    head = html_parts[0].split("<body>")[0]
    bodies = [part.split("<body>", 1)[1].rsplit("</body>", 1)[0] for part in html_parts]
    html = head + "<body>" + "".join(bodies) + "</body></html>"
    document, _ = template.render(html, _brand())
    document.write_pdf(out)
    return {"seconds": time.perf_counter() - start, "pages": len(document.pages)}


def child(kind: str, n: int, layout: str, out: str, workers: int) -> None:
    result = run_ours(n, layout, Path(out), workers) if kind == "ours" else \
        run_naive(n, layout, Path(out))
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # Worker processes (ours only) are reaped by then, so RUSAGE_CHILDREN is their peak.
    result["workers_peak_rss_mb"] = (resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
                                     if kind == "ours" else 0.0)
    result["bytes"] = os.path.getsize(out)
    print(json.dumps(result))


def measure(kind: str, n: int, layout: str, workers: int, folder: Path) -> dict:
    out = folder / f"{kind}-{n}.pdf"
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, __file__, "--child", kind, str(n), layout, str(out),
                           str(workers)], capture_output=True, text=True)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{kind} {n} failed:\n{proc.stderr[-3000:]}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["wall_seconds_with_startup"] = wall
    result["cards_per_second"] = n / result["seconds"]
    result["kb_per_card"] = result["bytes"] / n / 1024
    return result


def _zbar(image: Path) -> list[str]:
    scan = subprocess.run(["zbarimg", "-q", "--raw", str(image)], capture_output=True, text=True)
    return scan.stdout.split()


def page_images(folder: Path) -> dict:
    """One page of every layout as PNG (bench/out/), and what zbarimg reads on it."""
    from PIL import Image

    from portal.brand.card_words import DEFAULT_WORDS
    from portal.printing import pipeline
    from portal.printing.layouts import LAYOUTS

    OUT.mkdir(parents=True, exist_ok=True)
    decoded = {}
    for name, layout in LAYOUTS.items():
        cards = make_cards(max(layout.per_page, 1))
        if layout.single:
            cards = [c for c in make_cards(4) if c.locale == "fa"][:1]  # the Persian card
        pdf = folder / f"layout-{name}.pdf"
        pipeline.write_cards(pdf, cards, layout, _brand(), DEFAULT_WORDS, BASE, workers=1)
        prefix = OUT / f"layout-{name}"
        subprocess.run(["pdftoppm", "-r", "100", "-png", "-singlefile", str(pdf), str(prefix)],
                       check=True)
        whole = set(_zbar(Path(str(prefix) + ".png")))
        got = set(whole)
        if not layout.single:  # each card cut out, as a phone sees it
            got = set()
            with Image.open(str(prefix) + ".png") as page:
                px = 100 / 25.4
                for x, y in layout.card_origins():
                    top = layout.page_h - y - layout.card_h
                    page.crop((int(x * px), int(top * px), int((x + layout.card_w) * px),
                               int((top + layout.card_h) * px))).save(folder / "cell.png")
                    got |= set(_zbar(folder / "cell.png"))
        want = {c.url for c in cards}
        decoded[name] = {"cards": len(want), "decoded_right": len(got & want),
                         "wrong": len(got - want), "whole_page_decoded": len(whole & want),
                         "png": f"bench/out/layout-{name}.png"}
    return decoded


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--naive-max", type=int, default=10000)
    parser.add_argument("--layout", default="a4-8up")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    figures = {"layout": args.layout, "workers": args.workers, "cpus": os.cpu_count(), "runs": {}}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print(f"{'run':<14}{'cards':>7}{'seconds':>10}{'cards/s':>10}{'peak MB':>10}"
              f"{'workers MB':>12}{'KB/card':>9}")
        for n in sizes:
            row = {"ours": measure("ours", n, args.layout, args.workers, folder)}
            if n <= args.naive_max:
                row["naive"] = measure("naive", n, args.layout, args.workers, folder)
                row["speedup"] = row["naive"]["seconds"] / row["ours"]["seconds"]
            for kind in ("ours", "naive"):
                if kind in row:
                    r = row[kind]
                    print(f"{kind:<14}{n:>7}{r['seconds']:>10.2f}{r['cards_per_second']:>10.0f}"
                          f"{r['peak_rss_mb']:>10.0f}{r['workers_peak_rss_mb']:>12.0f}"
                          f"{r['kb_per_card']:>9.2f}")
            if "speedup" in row:
                print(f"{'ratio':<14}{n:>7}{row['speedup']:>10.1f}x")
            figures["runs"][str(n)] = row
        figures["page_images"] = page_images(folder)
    for name, info in figures["page_images"].items():
        print(f"layout {name:<11} {info['decoded_right']}/{info['cards']} QR codes decoded right "
              f"(whole page at once: {info['whole_page_decoded']}), {info['wrong']} wrong "
              f"-> {info['png']}")
    print(json.dumps(figures, separators=(",", ":")))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5], int(sys.argv[6]))
    else:
        main()
