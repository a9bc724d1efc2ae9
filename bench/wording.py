"""How well the wording checker generalises: precision and recall on the labelled corpus.

The corpus (tests/wording/corpus/<lang>.<part>.jsonl) was written in parts,
each only after the rules were frozen for it (docs/wording-rules.md, "How
the rules were measured"): "dev" while the rules were written; "heldout"
after the first freeze (its figures at that freeze are in the docs; it was
then used to improve the rules); "heldout2" after the second freeze (then
used for the third round); "heldout3" after the third freeze, never used to
change them. Figures are printed per part, per language (refuse or
accept) and per rule (a sentence labelled with a rule counts as found only
when that rule refused it), then for all parts together. The last line is
one JSON object.

    .venv/bin/python bench/wording.py                  # every part, then all together
    .venv/bin/python bench/wording.py --half heldout2  # one part only
    .venv/bin/python bench/wording.py --misses         # list every wrong verdict too
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from portal.wording.classifier import LANGUAGES, check  # noqa: E402
from portal.wording.rules import CODES  # noqa: E402

CORPUS = ROOT / "tests" / "wording" / "corpus"


def parts() -> list[str]:
    """The corpus parts, in the order they were written."""
    found = {path.name.split(".")[1] for path in CORPUS.glob("*.jsonl")}
    return sorted(found, key=lambda part: (part != "dev", len(part), part))


def load(half: str | None) -> list[dict]:
    rows = []
    for path in sorted(CORPUS.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                if half in (None, row["half"]):
                    rows.append(row)
    return rows


def ratio(hits: int, total: int) -> float | None:
    return round(hits / total, 3) if total else None


def score(rows: list[dict]) -> tuple[dict, list[str]]:
    """Per language and per rule: counts, precision and recall; and the wrong verdicts."""
    lang_counts = defaultdict(lambda: {"tp": 0, "fp": 0, "fn": 0, "tn": 0})
    rule_counts = defaultdict(lambda: {"tp": 0, "fp": 0, "fn": 0})
    misses = []
    for row in rows:
        verdict = check(row["text"], row["lang"], marketplace=row.get("marketplace"))
        fired, labelled = set(verdict.codes), {row["rule"], *row.get("also", [])} - {None}
        refuse = row["label"] == "refuse"
        counts = lang_counts[row["lang"]]
        key = ("tp" if verdict.refused else "fn") if refuse else ("fp" if verdict.refused else "tn")
        counts[key] += 1
        if refuse:
            rule = rule_counts[(row["lang"], row["rule"])]
            rule["tp" if row["rule"] in fired else "fn"] += 1
        for code in fired:
            if code not in labelled:
                rule_counts[(row["lang"], code)]["fp"] += 1
        if key in ("fp", "fn") or (refuse and row["rule"] not in fired):
            misses.append(f"{row['lang']} {row['half']} {key.upper()} label={row['rule'] or 'accept'} "
                          f"fired={','.join(sorted(fired)) or '-'} :: {row['text']}")
    result = {"languages": {}, "rules": {}}
    for lang in LANGUAGES:
        c = lang_counts[lang]
        result["languages"][lang] = {**c, "precision": ratio(c["tp"], c["tp"] + c["fp"]),
                                     "recall": ratio(c["tp"], c["tp"] + c["fn"])}
        for code in CODES:
            r = rule_counts[(lang, code)]
            if any(r.values()):
                result["rules"][f"{lang}/{code}"] = {**r, "precision": ratio(r["tp"], r["tp"] + r["fp"]),
                                                    "recall": ratio(r["tp"], r["tp"] + r["fn"])}
    return result, misses


def table(title: str, result: dict) -> str:
    lines = [f"== {title}", f"{'language':10} {'n':>4} {'TP':>4} {'FP':>4} {'FN':>4} {'TN':>4} "
             f"{'precision':>9} {'recall':>7}"]
    for lang, c in result["languages"].items():
        n = c["tp"] + c["fp"] + c["fn"] + c["tn"]
        lines.append(f"{lang:10} {n:>4} {c['tp']:>4} {c['fp']:>4} {c['fn']:>4} {c['tn']:>4} "
                     f"{c['precision']!s:>9} {c['recall']!s:>7}")
    lines.append(f"{'rule':30} {'TP':>4} {'FP':>4} {'FN':>4} {'precision':>9} {'recall':>7}")
    for key, r in result["rules"].items():
        lines.append(f"{key:30} {r['tp']:>4} {r['fp']:>4} {r['fn']:>4} {r['precision']!s:>9} {r['recall']!s:>7}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--half", choices=parts(), help="one part only (default: each, then all)")
    parser.add_argument("--misses", action="store_true", help="list every wrong verdict")
    args = parser.parse_args()
    halves = [args.half] if args.half else [*parts(), None]
    summary = {}
    started = time.perf_counter()
    sentences = 0
    for half in halves:
        rows = load(half)
        if not rows:
            continue
        sentences = max(sentences, len(rows))
        result, misses = score(rows)
        print(table(f"{half or 'all parts'}: {len(rows)} sentences", result))
        if args.misses and misses:
            print("\n".join(misses))
        print()
        summary[half or "all"] = result
    elapsed = time.perf_counter() - started
    print(json.dumps({"bench": "wording", "sentences": sentences, "seconds": round(elapsed, 3),
                      **{half: {lang: {k: c[k] for k in ("precision", "recall")}
                                for lang, c in result["languages"].items()}
                         for half, result in summary.items()}}, ensure_ascii=False))


if __name__ == "__main__":
    main()
