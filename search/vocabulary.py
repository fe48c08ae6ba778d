"""Words for the database fallback (no cluster): matching a reader's word to the text it should
highlight, and "did you mean" from the words readers can find. Elasticsearch does both itself
(its analyzers, highlighter and term suggester); these are the fallback's plainer versions."""

import difflib
import re
import unicodedata

from django.core.cache import cache
from django.db.models import Count, Max

from articles.models import Topic, shown_pages

from .documents import headings_and_text

_WORD = re.compile(r"\w+", re.UNICODE)
# Arabic letters written in more than one way: alef forms, taa marbuta, alef maqsura.
_ARABIC = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي"})
# Arabic prefixes (and, so, with, for, like, the) glued to the word they precede.
_ARABIC_PREFIXES = ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك")
VOCABULARY_TTL = 60 * 60
# The body text of this many most recently published pages joins every page's title and summary
# (reading every body of a large site in a reader's request, while the cluster is down, would not do).
VOCABULARY_BODIES = 2000


def fold(word: str) -> str:
    """Lower case, no accents or Arabic diacritics, Arabic letter variants made one."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", plain).translate(_ARABIC)


def _bare(folded: str) -> str:
    for prefix in _ARABIC_PREFIXES:
        if folded.startswith(prefix) and len(folded) - len(prefix) >= 3:
            return folded[len(prefix) :]
    return folded


def _stem(folded: str) -> str:
    """A crude stem: the word without its last two letters, never shorter than four."""
    return folded[: max(4, len(folded) - 2)]


def word_matches(text_word: str, query_word: str) -> bool:
    """True if `text_word` is the reader's `query_word` give or take case, accents and an ending
    ("nightmare" / "Nightmares", "ansiedad" / "Ansiédad", "العلاج" / "علاج")."""
    a, b = _bare(fold(text_word)), _bare(fold(query_word))
    if a == b:
        return True
    if min(len(a), len(b)) < 4:
        return False
    return a.startswith(_stem(b)) or b.startswith(_stem(a))


def vocabulary(language: str) -> dict[str, str]:
    """{folded word: the word as written} from the titles, summaries, topic names and (for the
    latest VOCABULARY_BODIES) body text of the pages a reader of `language` is shown; cached
    until a page is published or unpublished."""

    pages = shown_pages(language)
    stamp = pages.aggregate(n=Count("pk"), last=Max("last_published_at"))
    key = f"search-vocabulary:{language}:{stamp['n']}:{stamp['last'].timestamp() if stamp['last'] else 0}"
    words = cache.get(key)
    if words is None:
        words = {}
        texts = [text for row in pages.values_list("title", "summary") for text in row if text]
        texts += [name for name in Topic.objects.values_list(f"name_{language.replace('-', '_')}", flat=True) if name]
        for page in pages.order_by("-last_published_at").only("body")[:VOCABULARY_BODIES]:
            headings, text = headings_and_text(page)
            texts += [*headings, text]
        for text in texts:
            for word in _WORD.findall(text):
                if len(word) > 2 and not word.isdigit():
                    words.setdefault(fold(word), word.lower())
        cache.set(key, words, VOCABULARY_TTL)
    return words


def closest_words(language: str, query: str) -> str:
    """The reader's words, each one the pages do not contain replaced by the closest one they do
    (difflib's ratio, at least 0.75); "" if no word was replaced."""
    words = vocabulary(language)
    if not words:
        return ""
    known = list(words)
    out, changed = [], False
    for word in query.split():
        folded = fold(word)
        if folded in words or len(folded) < 3:
            out.append(word)
            continue
        close = difflib.get_close_matches(folded, known, n=1, cutoff=0.75)
        if close:
            out.append(words[close[0]])
            changed = True
        else:
            out.append(word)
    return " ".join(out) if changed else ""
