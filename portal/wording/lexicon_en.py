"""English lexicon of the wording classifier.

Each concept lists phrases. A word matches a token by its Snowball stem (so
"removing" matches "remove"), or, when it holds ``*``, as a glob on the folded
token. A word ending in ``=`` matches that exact form only. Words of a phrase
may be up to two tokens apart ("do *not* ever post").
MASK lists idioms that look like a concept but are not one; their tokens are
taken out before anything else is matched.
"""

CONCEPTS = {
    "MASK": [
        "change your mind", "changed your mind", "changes your mind", "not hesitate",
        "can not wait", "cannot wait", "never hesitate",
    ],
    "REVIEW": [
        "review", "rating", "star", "stars", "testimonial", "trustpilot", "yelp", "tripadvisor",
        "rate us",
    ],
    "BENEFIT": [
        "refund", "reimburs*", "money back", "coupon", "voucher", "discount", "credit",
        "gift card", "gift", "free", "compensat*", "replacement", "rebate", "cashback", "reward",
        "incentive", "percent off", "off your next",
    ],
    "CONDITION": [
        "if", "only if", "provided", "providing", "as long as", "so long as", "in exchange",
        "in return", "once you", "after you", "when you", "on condition", "unless", "in order to get",
    ],
    "REMOVE": [
        "remove", "delete", "take down", "take it down", "withdraw", "retract", "erase", "pull down",
        "unpublish",
    ],
    "CHANGE": [
        "change", "edit", "update", "revise", "amend", "modify", "raise your rating",
        "improve your rating", "upgrade your rating", "bump", "reconsider", "rethink", "revisit",
    ],
    "DELAY": [
        "hold off", "wait", "delay", "postpone", "before", "instead of", "rather than", "until",
    ],
    "PROHIBIT": [
        "not post", "not write", "not leave", "not publish", "not share", "not review",
        "never post", "never write", "never leave", "refrain", "avoid", "stop post*", "no review",
        "not to post", "keep it off",
    ],
    "THREAT": [
        "legal action", "sue", "lawsuit", "lawyer", "attorney", "court", "police", "defam*",
        "libel", "slander", "consequence*", "report you", "blacklist*", "ban you", "ban your",
        "take action against", "hold you liable", "liable",
    ],
    "POSITIVE": [
        "positive", "good", "great", "glowing", "excellent", "favourable", "favorable",
        "5 star", "five star", "happy", "satisfied", "love", "loved", "high rating", "top rating",
        "best", "perfect",
    ],
    "INVITE": [
        "leave", "write", "post", "publish", "share", "give", "rate", "submit", "would love",
        "appreciate", "welcome",
    ],
    "ASSURANCE": [
        "regardless", "whatever you", "whether or not", "no matter", "not depend",
        "not conditional", "unconditional*", "free to", "never stop*", "never prevent*",
        "not stop*", "not prevent*", "still post", "your choice", "nothing to do with",
        "independent of", "not affect",
    ],
    "OFFSITE": [
        "google", "trustpilot", "yelp", "facebook", "tripadvisor", "instagram", "http*", "www",
    ],
}
