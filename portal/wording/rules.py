"""The five rules of docs/wording-rules.md, read off the concepts of one sentence.

Each rule asks *who* does *what* to *which public content*, under *which
condition*, from the concepts the lexicons found (`grammar.Clause`):

- the public content: CONTENT (review, rating, post, comment, story …),
  FEEDBACK (only when it is acted on), a PLATFORM or a PUBLIC place, and the
  verbs that publish (POST always, SAY — write, leave, share — only next to
  content or a public place);
- what is asked: REMOVE, CHANGE, DELAY, a PROHIBIT, an EXCLUSIVE "instead";
- by whom: an action right after WE ("we updated", "we will remove"; in
  Persian and Armenian a first-person verb ending) is the shop's own, not
  something asked of the customer; a REQUEST ("please") or a CONTRAST ("but")
  keeps an assurance from excusing what follows, THANKS is not a request;
- under which condition: CONDITION ("if", "once", a question), LINK ("and
  get", "in exchange for", "who leave"), a BENEFIT, a POSITIVE or NEGATIVE
  sentiment, NEUTRAL ("good or bad"), an ASSURANCE that nothing depends on it.

A rule returns the concepts whose phrases are the evidence, or nothing. The
rules keyed in RULES read one sentence; `praise_then_benefit` and
`pronoun_suppression` also read the sentence before. Codes:
review_suppression, review_incentive, review_gating, threat, marketplace.
"""

from __future__ import annotations

from collections.abc import Callable

from portal.wording.grammar import Clause
from portal.wording.normalise import fold

PUBLISHED = ("CONTENT", "PLATFORM", "PUBLIC")
ACTED_ON = ("CONTENT", "FEEDBACK", "PLATFORM")
POSTING = ("CONTENT", "POST")


# Where the object of a verb stands, in tokens before and after it: English and Romanian put it
# after the verb, Persian and Armenian before (subject, object, verb).
OBJECT_SPAN = {"en": (1, 3), "ro": (3, 4), "fa": (6, 2), "hy": (6, 5)}
# Words that stand for content named earlier ("take *it* down", "آن را حذف کنید", "ջնջել *այն*", "s-*o* ștergeți").
PRONOUNS = frozenset(fold(w) for w in ("it", "them", "this", "that", "آن", "اون", "اونو", "آنها", "այն", "դա",
                                        "դրանք", "o", "il", "le"))
PASSIVE = frozenset({"be", "been", "is", "was", "get", "gets", "got"})
AND = frozenset({"and", "or", "و", "یا", "եւ", "կամ", "si", "sau"})


def _by_us(c: Clause, hit) -> bool:
    """The shop is the subject: "we"/"I" just before; in Persian and Armenian, a first-person verb just after."""
    if c.lang in ("fa", "hy"):  # the subject comes first and ما/մենք is also "our": read the verb's ending
        return any(hit.end <= w.start <= hit.end + 1 for w in c.hits.get("WE", []))
    return any(hit.start - 3 <= w.start < hit.start for w in c.hits.get("WE", []))


def _customer_does(c: Clause, action: str) -> bool:
    """The action is asked of the customer: not right after "we"/"I", and aimed at public content."""
    before, after = OBJECT_SPAN.get(c.lang, (3, 5))
    words = c.words
    for hit in c.hits.get(action, []):
        if _by_us(c, hit):
            continue
        objects = _all(c, ACTED_ON + ("POST",))
        # "remove the photos and the comment": a list of objects reaches further
        listed = any(w in AND for w in words[max(0, hit.start - before):hit.end + after])
        reach = after + 3 if listed else after
        if any(hit.start - before - (3 if listed else 0) <= o.start <= hit.end - 1 + reach for o in objects):
            return True
        # "your review … could you take it down?": a pronoun stands for content named earlier
        if objects and _pronoun_near(c, hit):
            return True
        # "could your 1-star be bumped up": in the passive the content stands before the verb
        if hit.start and words[hit.start - 1] in PASSIVE and any(
                hit.start - 5 <= o.start < hit.start for o in objects):
            return True
    return False


def _pronoun_near(c: Clause, hit) -> bool:
    """An object pronoun by the verb: after it in English ("delete it"), also before it elsewhere."""
    start = hit.start + 1 if c.lang == "en" else max(0, hit.start - 3)
    return any(w in PRONOUNS for w in c.words[start:hit.end + 2])


def pronoun_suppression(previous: Clause, c: Clause) -> tuple[str, ...]:
    """"Your review is unfair; please take it down.": the content is named one sentence before."""
    if not previous.has("CONTENT") or c.has("CONTENT", "ASSURANCE"):
        return ()
    for action in ("REMOVE", "CHANGE"):
        for hit in c.hits.get(action, []):
            if _pronoun_near(c, hit) and not _by_us(c, hit):
                c.hits.setdefault("NAMED", []).extend(previous.hits["CONTENT"])
                return (action, "NAMED")
    return ()


def _all(c: Clause, concepts: tuple[str, ...]):
    return [h for name in concepts for h in c.hits.get(name, [])]


def _published(c: Clause) -> bool:
    """The sentence is about public content: a review, a platform, a public place or a posting verb."""
    return c.has(*PUBLISHED, "POST") or (c.has("SAY") and c.has(*PUBLISHED))


def _unassured(c: Clause, concept: str) -> bool:
    """A hit that is not the tail of an assurance ("does not depend on *no review*")."""
    return any(not any(a.end <= h.start <= a.end + 2 for a in c.hits.get("ASSURANCE", []))
               for h in c.hits.get(concept, []))


def _assured(c: Clause) -> bool:
    """The sentence says nothing depends on a review, and asks nothing: no request, no "but", no benefit tied.

    "It does not depend on any review you post, change or do not post" lists what the customer
    may do; "whatever you think, please do not post it" still asks something.
    """
    return c.has("ASSURANCE") and not c.has("BENEFIT", "LINK", "REQUEST", "CONTRAST")


def _instead_of_posting(c: Clause) -> bool:
    """"Instead of reviewing …": before the posting in English, Romanian and Persian, after it in Armenian."""
    public = POSTING + ("PLATFORM", "PUBLIC")
    if c.lang == "hy":
        return c.followed(public, "EXCLUSIVE", 3)
    return c.followed("EXCLUSIVE", public, 4)


def suppression(c: Clause) -> tuple[str, ...]:
    """Asking to remove, change, hold back or not publish public content."""
    if _assured(c):
        return ()
    found: list[str] = []
    assured = c.has("ASSURANCE") and not c.has("BENEFIT", "LINK")
    for action in ("REMOVE", "CHANGE"):
        if _customer_does(c, action) and not assured:
            found += [action]
    if _unassured(c, "PROHIBIT"):
        found += ["PROHIBIT"]
    if _unassured(c, "PROHIBIT_SAY") and c.has(*PUBLISHED, "FEEDBACK"):
        found += ["PROHIBIT_SAY"]
    if c.has("DELAY") and c.near("DELAY", POSTING + ("PUBLIC", "PLATFORM"), 6) and not assured:
        delayed = [h for h in _all(c, POSTING) if not _by_us(c, h)]
        if delayed or c.has("PUBLIC") or (c.has("PLATFORM") and c.has("SAY")):
            found += ["DELAY"]
    if _instead_of_posting(c):
        found += ["EXCLUSIVE"]
    if not found:
        return ()
    return (*found, "CONTENT", "FEEDBACK", "PLATFORM", "PUBLIC", "POST")


def incentive(c: Clause) -> tuple[str, ...]:
    """A benefit tied to a review: to its existence, its sentiment or its removal."""
    if not c.has("BENEFIT") or c.has("ASSURANCE"):
        return ()
    about_review = c.has("CONTENT") or c.has("POST") or (c.has("PLATFORM") and c.has("SAY"))
    if not about_review:
        return ()
    if c.has("CONDITION", "LINK") or _post_and_benefit(c):
        return ("BENEFIT", "CONTENT", "POST", "PLATFORM", "CONDITION", "LINK")
    if (c.has("POSITIVE") or c.has("STARS")) and not c.has("NEUTRAL"):
        return ("BENEFIT", "POSITIVE", "STARS", "CONTENT")
    if c.has("REMOVE", "CHANGE") and (_customer_does(c, "REMOVE") or _customer_does(c, "CHANGE")):
        return ("BENEFIT", "REMOVE", "CHANGE", "CONTENT")
    return ()


def _post_and_benefit(c: Clause) -> bool:
    """"Write us a review and your refund will be faster": a request to post, "and", then a benefit."""
    ands = [i for i, w in enumerate(c.words) if w in AND]
    return any(p.end <= i < b.start for p in _all(c, ("POST", "SAY", "CONTENT")) if not _by_us(c, p)
               for b in c.hits.get("BENEFIT", []) for i in ands)


def _positive_condition(c: Clause) -> bool:
    """A satisfied customer is the condition: "if you loved it", "happy? …", "happy customers"."""
    positives = [p for p in _all(c, ("POSITIVE",))
                 if not any(n.start <= p.start < n.end or p.start <= n.start < p.end
                            for n in c.hits.get("NEGATIVE", []))]
    for p in positives:
        if any(k.start < p.start <= k.end + 8 for k in c.hits.get("CONDITION", [])):
            return True
        if any(p.end <= q.start <= p.end + 3 and q.text == "qmark" for q in c.hits.get("CONDITION", [])):
            return True
    return False


def gating(c: Clause) -> tuple[str, ...]:
    """Inviting only satisfied customers to post, asking for praise, or sending unhappy ones elsewhere."""
    if c.has("NEUTRAL"):
        return ()
    # "We would be glad to hear your opinion": the gladness is ours, not a condition on the customer.
    ours = [h for h in _all(c, ("INVITE", "ASPIRE"))]
    if ours and "POSITIVE" in c.hits:
        c.hits["POSITIVE"] = [p for p in c.hits["POSITIVE"]
                              if not any(o.start <= p.start < o.end for o in ours)]
    if c.has("GATE") and _published(c):
        return ("GATE", "CONTENT", "POST", "PLATFORM")
    if _positive_condition(c) and _published(c) and not c.has("ASSURANCE"):
        return ("CONDITION", "POSITIVE", "CONTENT", "POST", "PLATFORM", "PUBLIC")
    thanks_only = c.has("THANKS") and not c.has("REQUEST", "INVITE")  # "thank you for your 5-star review"
    if c.has("STARS") and c.has("POST", "SAY", "INVITE") and not c.has("ASPIRE", "ASSURANCE") and not thanks_only:
        return ("STARS", "POST", "SAY", "INVITE")
    if (c.near("POSITIVE", ("CONTENT", "FEEDBACK"), 2) and c.has("POST", "SAY", "INVITE")
            and not c.has("ASPIRE", "ASSURANCE") and not thanks_only):
        return ("POSITIVE", "CONTENT", "POST", "SAY", "INVITE")
    if c.has("NEGATIVE") and c.has("CONTACT"):
        if c.followed("CONTACT", ("EXCLUSIVE",), 3) or c.has("PROHIBIT", "PROHIBIT_SAY"):
            return ("NEGATIVE", "CONTACT", "EXCLUSIVE", "PROHIBIT", "PROHIBIT_SAY")
        if _instead_of_posting(c):
            return ("NEGATIVE", "CONTACT", "EXCLUSIVE", "CONTENT", "POST")
        if c.has("POSITIVE") and c.has(*PUBLISHED):  # praise to the public, problems to us
            return ("POSITIVE", "NEGATIVE", "CONTACT", "CONTENT", "PLATFORM", "PUBLIC")
    return ()


def threat(c: Clause) -> tuple[str, ...]:
    """Legal or other consequences for posting, and contract terms that forbid honest reviews."""
    if c.has("THREAT"):
        return ("THREAT",)
    if c.has("ASSURANCE"):
        return ()
    if c.has("THREAT_WEAK") and _published(c):
        return ("THREAT_WEAK", "CONTENT", "POST", "PLATFORM", "PUBLIC")
    if c.has("CONTRACT") and _published(c):
        return ("CONTRACT", "CONTENT", "POST", "PLATFORM", "PUBLIC")
    return ()


def marketplace(c: Clause, mode: str) -> tuple[str, ...]:
    """What a marketplace forbids besides the rest: reviews or sales sent off it, contact before reviewing."""
    offsite = [h for h in _all(c, ("PLATFORM", "URL", "OWNSITE")) if mode not in h.text]
    if offsite and (c.has("CONTENT", "POST", "FEEDBACK", "SHOP_DIRECT") or c.has("SAY") and c.has("PLATFORM")):
        c.hits["OFFSITE"] = offsite
        return ("OFFSITE", "CONTENT", "POST", "FEEDBACK", "SHOP_DIRECT")
    if c.has("CONTACT") and c.has("FIRST", "DELAY") and c.has(*POSTING):
        return ("CONTACT", "FIRST", "DELAY", "CONTENT", "POST")
    return ()


def praise_then_benefit(previous: Clause, c: Clause) -> tuple[str, ...]:
    """"Thanks for the five stars! Here is a coupon.": a benefit right after praise for a review."""
    praised = previous.has("STARS") or previous.near("POSITIVE", ("CONTENT",), 2)
    if (praised and not previous.has("NEUTRAL", "ASPIRE") and c.has("BENEFIT")
            and not c.has("ASSURANCE")):
        c.hits.setdefault("PRAISED", []).extend(previous.hits.get("STARS", []) + previous.hits.get("POSITIVE", []))
        return ("PRAISED", "BENEFIT", "LINK")
    return ()


RULES: dict[str, Callable[[Clause], tuple[str, ...]]] = {
    "review_suppression": suppression,
    "review_incentive": incentive,
    "review_gating": gating,
    "threat": threat,
}
CODES = (*RULES, "marketplace")
