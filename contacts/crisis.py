"""Does a search query suggest the reader may be in crisis? Then the search page shows the
crisis line prominently. Deliberately broad: a false alarm costs a banner; a miss could cost
more. The query is never stored or logged."""

import unicodedata

# Per language, lowercase and without accents. Phrases match anywhere in the query.
CRISIS_TERMS = {
    "en": [
        "suicide",
        "suicidal",
        "kill myself",
        "end my life",
        "self-harm",
        "self harm",
        "selfharm",
        "hurt myself",
        "cutting myself",
        "overdose",
        "want to die",
    ],
    "es": [
        "suicidio",
        "suicida",
        "suicidarme",
        "matarme",
        "quitarme la vida",
        "autolesion",
        "hacerme dano",
        "sobredosis",
        "quiero morir",
    ],
    "fr": [
        "suicide",
        "suicidaire",
        "me suicider",
        "me tuer",
        "en finir",
        "automutilation",
        "me faire du mal",
        "surdose",
        "overdose",
        "envie de mourir",
    ],
    "ar": [
        "انتحار",
        "الانتحار",
        "انتحر",
        "أنتحر",
        "اقتل نفسي",
        "أقتل نفسي",
        "إيذاء النفس",
        "ايذاء النفس",
        "اذية النفس",
        "جرعة زائدة",
        "أريد أن أموت",
        "اريد ان اموت",
    ],
}
_ALL_TERMS = sorted({term for terms in CRISIS_TERMS.values() for term in terms})


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_FOLDED_TERMS = [_fold(term) for term in _ALL_TERMS]


def suggests_crisis(query: str) -> bool:
    """True if the query contains a crisis term in any of the site's languages."""
    folded = " ".join(_fold(query or "").replace("-", " ").split())
    compact = folded.replace(" ", "")
    return any(term in folded or term.replace(" ", "") in compact for term in _FOLDED_TERMS)
