"""The wording classifier refuses what ties anything to a review, in every language."""

from __future__ import annotations

import pytest

from portal.wording import check
from portal.wording.normalise import fold, sentences

REFUSED = [
    # (language, text, expected reason code)
    # The three sentences of issue 18, and their equivalents.
    ("en", "Remove your post on Facebook and we will refund the shipping.", "review_suppression"),
    ("en", "Happy customers: please review us on Google. Unhappy? Contact us instead.", "review_gating"),
    ("en", "Please don't post anything online until we've fixed this.", "review_suppression"),
    ("fa", "پستتان را در فیسبوک حذف کنید تا هزینه ارسال را برگردانیم.", "review_suppression"),
    ("fa", "مشتریان راضی: لطفاً در گوگل به ما امتیاز بدهید. ناراضی هستید؟ به جای آن با ما تماس بگیرید.",
     "review_gating"),
    ("fa", "لطفاً تا وقتی این مشکل را حل نکرده‌ایم چیزی در اینترنت منتشر نکنید.", "review_suppression"),
    ("hy", "Ջնջեք ձեր գրառումը Facebook-ում, և մենք կվերադարձնենք առաքման գումարը։", "review_suppression"),
    ("hy", "Գոհ հաճախորդներ՝ խնդրում ենք կարծիք թողնել Google-ում։ Դժգոհ եք? Փոխարենը կապվեք մեզ հետ։",
     "review_gating"),
    ("hy", "Խնդրում ենք ոչինչ չհրապարակել համացանցում, մինչեւ մենք չլուծենք խնդիրը։", "review_suppression"),
    ("ro", "Ștergeți postarea de pe Facebook și vă returnăm costul transportului.", "review_suppression"),
    ("ro", "Clienți mulțumiți: vă rugăm să ne evaluați pe Google. Nemulțumit? Contactați-ne în schimb.",
     "review_gating"),
    ("ro", "Vă rugăm să nu postați nimic online până nu rezolvăm problema.", "review_suppression"),
    ("en", "We will refund you in full if you remove your review.", "review_suppression"),
    ("en", "Please don't post a review until we have sorted this out.", "review_suppression"),
    ("en", "Leave us a review and get 20% off your next order!", "review_incentive"),
    ("en", "A 5-star review earns you a free gift card.", "review_incentive"),
    ("en", "If you loved your order, leave us a review.", "review_gating"),
    ("en", "We will take legal action against you over this.", "threat"),
    ("en", "Could you update your rating now that we've sent a replacement?", "review_suppression"),
    ("en", "Please reconsider your review.", "review_suppression"),
    ("en", "If you are satisfied with the fix, we'd love a review.", "review_gating"),
    ("en", "You will hear from our lawyers.", "threat"),
    ("fa", "اگر نظرتان را حذف کنید، مبلغ را کامل بازپرداخت می‌کنیم.", "review_suppression"),
    ("fa", "لطفاً تا حل شدن مشکل نظری ننویسید.", "review_suppression"),
    ("fa", "در ازای ثبت نظر پنج ستاره، یک کد تخفیف هدیه می‌گیرید.", "review_incentive"),
    ("fa", "اگر از خرید راضی بودید، در گوگل نظر بنویسید.", "review_gating"),
    ("fa", "در غیر این صورت از شما شکایت خواهیم کرد و به دادگاه می‌رویم.", "threat"),
    ("fa", "لطفا امتیازتان را تغییر دهید تا کوپن را بفرستیم.", "review_suppression"),
    ("hy", "Եթե ջնջեք ձեր կարծիքը, կվերադարձնենք գումարը։", "review_suppression"),
    ("hy", "Խնդրում ենք, մի՛ գրեք կարծիք, մինչեւ խնդիրը լուծենք։", "review_suppression"),
    ("hy", "Թողեք դրական կարծիք եւ ստացեք 20% զեղչ։", "review_incentive"),
    ("hy", "Եթե գոհ եք, գրեք կարծիք Google-ում։", "review_gating"),
    ("hy", "Հակառակ դեպքում կդիմենք դատարան։", "threat"),
    ("hy", "Փոխեք ձեր գնահատականը, եւ մենք կուղարկենք կտրոնը։", "review_suppression"),
    ("ro", "Vă rambursăm integral dacă ștergeți recenzia.", "review_suppression"),
    ("ro", "Vă rugăm să nu publicați o recenzie până când rezolvăm problema.", "review_suppression"),
    ("ro", "Lăsați o recenzie de 5 stele și primiți un cupon de 20%.", "review_incentive"),
    ("ro", "Dacă ați fost mulțumit, lăsați-ne o recenzie.", "review_gating"),
    ("ro", "Altfel vom merge în instanță.", "threat"),
    ("ro", "Primiți o reducere în schimbul unei recenzii.", "review_incentive"),
]

ACCEPTED = [
    ("en", "We are sorry. Here is a 15% coupon for your next order, no strings attached."),
    ("en", "Asking us for help here never stops you from posting a review anywhere."),
    ("en", "We want to earn five stars. If anything falls short, contact us first."),
    ("en", "Please don't hesitate to leave a review, good or bad."),
    ("en", "This refund does not depend on any review you post."),
    ("en", "If you change your mind, we can refund you instead."),
    ("en", "Your reviews help us improve."),
    ("en", "If you'd like, we can send a replacement."),
    ("en", "Here is a full refund. Thank you for your honest review."),
    ("fa", "متأسفیم. یک کد تخفیف ۱۵ درصدی برای خرید بعدی شما."),
    ("fa", "کمک خواستن از ما در اینجا هرگز مانع نوشتن نظرتان در هیچ جای دیگری نیست."),
    ("fa", "اگر نظرتان عوض شد، هزینه را برمی‌گردانیم."),
    ("fa", "ما می‌خواهیم پنج ستاره بگیریم؛ اگر چیزی کم بود، اول به ما بگویید."),
    ("hy", "Ներողություն ենք խնդրում։ Ահա 15% զեղչի կտրոն ձեր հաջորդ պատվերի համար։"),
    ("hy", "Մեզանից օգնություն խնդրելը չի խանգարում, որ կարծիք գրեք ցանկացած տեղում։"),
    ("hy", "Մի՛ հապաղեք կարծիք թողնել։"),
    ("hy", "Եթե ինչ-որ բան այնպես չէ, նախ գրեք մեզ։"),
    ("ro", "Ne pare rău. Vă oferim un cupon de 15% pentru următoarea comandă."),
    ("ro", "Nu ezitați să lăsați o recenzie."),
    ("ro", "Vă mulțumim! Rambursarea nu depinde de nicio recenzie."),
    ("ro", "Dacă ceva nu este în regulă, scrieți-ne mai întâi."),
]


@pytest.mark.parametrize(("lang", "text", "code"), REFUSED)
def test_refuses_with_the_reason(lang, text, code):
    verdict = check(text, lang)
    assert verdict.refused, verdict.explain()
    assert code in {r.code for r in verdict.reasons}, verdict.explain()
    reason = next(r for r in verdict.reasons if r.code == code)
    assert reason.evidence and reason.message and reason.sentence


@pytest.mark.parametrize(("lang", "text"), ACCEPTED)
def test_accepts_honest_wording(lang, text):
    verdict = check(text, lang)
    assert verdict.allowed, verdict.explain()


def test_every_language_has_refused_and_accepted_examples():
    for lang in ("en", "fa", "hy", "ro"):
        assert sum(1 for r in REFUSED if r[0] == lang) >= 5
        assert sum(1 for a in ACCEPTED if a[0] == lang) >= 4


@pytest.mark.parametrize("variant", [
    "اگر نظرتان را حذف کنید، مبلغ را بازپرداخت می‌کنیم",  # Persian letters, ZWNJ
    "اگر نظرتان را حذف كنيد، مبلغ را بازپرداخت ميكنيم",  # Arabic kaf and yeh, no ZWNJ
    "اگر نَظَرتان را حذف کنید، مبلغ را بازپرداخت می کنیم",  # harakat, a space for the ZWNJ
])
def test_persian_spelling_variants_are_one_text(variant):
    assert "review_suppression" in {r.code for r in check(variant, "fa").reasons}


def test_persian_digits_and_zwnj_fold():
    assert fold("۱۵٪ می‌نویسید ي ك") == "15٪ مینویسید ی ک"


@pytest.mark.parametrize("variant", [
    "Vă rambursăm dacă ștergeți recenzia.",  # comma below
    "Vă rambursăm dacă ştergeţi recenzia.",  # cedilla
    "Va rambursam daca stergeti recenzia.",  # no diacritics
    "VĂ RAMBURSĂM DACĂ ȘTERGEȚI RECENZIA.",
])
def test_romanian_with_and_without_diacritics(variant):
    assert "review_suppression" in {r.code for r in check(variant, "ro").reasons}


def test_armenian_marks_inside_words_and_full_stop():
    # The question mark sits on the stressed vowel; ։ ends a sentence.
    assert sentences("Կջնջե՞ք կարծիքը։ Շնորհակալություն") == ["կջնջեք կարծիքը", "շնորհակալություն"]
    verdict = check("Կջնջե՞ք կարծիքը, եթե վերադարձնենք գումարը։", "hy")
    assert "review_suppression" in {r.code for r in verdict.reasons}
    assert check("Մի՛ գրեք կարծիք։", "hy").refused  # emphasis mark removed: "մի գրեք"


def test_reasons_explain_what_and_why():
    verdict = check("We're sorry. Delete your review and we'll send a coupon.", "en")
    assert verdict.refused
    text = verdict.explain()
    assert text.startswith("Refused") and "delete" in text and "coupon" in text
    assert verdict.as_dict()["reasons"][0]["code"] == "review_suppression"
    # Only the offending sentence is quoted.
    assert verdict.reasons[0].sentence == "delete your review and we will send a coupon"


def test_english_words_in_another_language_are_seen():
    assert check("Vă oferim un refund dacă ștergeți review-ul.", "ro").refused


def test_marketplace_mode_refuses_off_platform_review_requests():
    text = "Thank you! Please review us on Trustpilot as well."
    assert check(text, "en").allowed
    verdict = check(text, "en", marketplace="amazon")
    assert [r.code for r in verdict.reasons] == ["marketplace"]


def test_unknown_language_is_a_clear_error():
    with pytest.raises(ValueError, match="unsupported language 'de'"):
        check("Hallo", "de")
    assert check("Hello", "en-GB").allowed and check("Salut", "ro_RO").lang == "ro"
