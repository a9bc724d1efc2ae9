"""Words every language shares: platform names (in every script), links, the question mark, emoji.

Merged into each language's lexicon (see lexicon_en for the format). The
normaliser writes a question or a colon as ``qmark`` ("Happy? Review us"
reads as a condition) and emoji as ``happyface`` / ``sadface`` / "N stars".
"""

CONCEPTS = {
    "PLATFORM": [
        "google", "gogle", "trustpilot", "trust pilot", "yelp", "facebook", "fb", "instagram",
        "insta",
        "tiktok", "tik tok", "youtube", "twitter", "tweet*", "reddit", "tripadvisor",
        "trip advisor",
        "amazon", "ebay", "etsy", "emag", "olx", "telegram", "whatsapp", "linkedin", "pinterest",
        "threads", "digikala", "torob", "divar", "sitejabber", "feefo", "reviews.io", "bbb",
        # Persian, Armenian and Romanian spellings
        "گوگل", "فیسبوک", "فیس بوک", "اینستاگرام", "اینستا", "تلگرام", "یوتیوب", "توییتر", "آمازون",
        "دیجیکالا", "دیجی کالا", "ترب", "دیوار", "تراستپایلت", "تیک تاک", "ایکس",
        "գուգլ*", "ֆեյսբուք*", "ինստագրամ*", "տիկտոկ*", "յութուբ*", "թվիթեր*", "ամազոն*",
        "թելեգրամ*",
    ],
    "URL": ["weblink="],
    "CONDITION": ["qmark="],
    "POSITIVE": ["happyface="],
    "NEGATIVE": ["sadface="],
    "STARS": ["4 stars", "5 stars", "5 star", "4 star", "5star*", "10 10"],
}
