"""The small corpus most search tests share: three articles in English and their translations
into Spanish, French and Arabic (same translation key), one in the topic "Therapies"."""

from wagtail.models import Locale, Page

from tests.factories import ArticleIndexPageFactory, ArticlePageFactory, TopicFactory, paragraph

CORPUS = {
    "en-gb": [
        ("Ketamine-assisted therapy", "What ketamine treatment involves.", "Ketamine is given under supervision."),
        ("Sleep after trauma", "Rest when your mind will not.", "Nightmares and insomnia are common after trauma."),
        ("Healing after a trauma bond", "Leaving and recovering.", "Cognitive behavioural therapy can help."),
    ],
    "es": [
        (
            "Terapia asistida con ketamina",
            "En qué consiste el tratamiento.",
            "La ketamina se da con supervisión.",
        ),
        ("Dormir después de un trauma", "Descansar cuando la mente no para.", "Las pesadillas son frecuentes."),
        ("Sanar tras un vínculo traumático", "Salir y recuperarse.", "La terapia cognitivo conductual ayuda."),
    ],
    "fr": [
        (
            "Thérapie assistée par kétamine",
            "Ce que comprend le traitement.",
            "La kétamine est donnée sous contrôle.",
        ),
        ("Dormir après un traumatisme", "Se reposer quand l'esprit s'agite.", "Les cauchemars sont fréquents."),
        ("Guérir d'un lien traumatique", "Partir et se rétablir.", "La thérapie cognitive aide."),
    ],
    "ar": [
        ("العلاج بمساعدة الكيتامين", "ما يتضمنه العلاج.", "يُعطى الكيتامين تحت الإشراف."),
        ("النوم بعد الصدمة", "الراحة عندما لا يهدأ العقل.", "الكوابيس شائعة بعد الصدمة."),
        ("التعافي بعد الرابطة الصادمة", "المغادرة والتعافي.", "يساعد العلاج المعرفي السلوكي."),
    ],
}


def index_page_for(code):
    locale = Locale.objects.get(language_code=code)
    home = Page.objects.filter(depth=2, locale=locale).first()
    if home is None:
        home = Page.objects.get(depth=2, locale__language_code="en-gb").specific.copy_for_translation(locale)
        home.save_revision().publish()
    return ArticleIndexPageFactory(parent=home, locale=locale)


def make_corpus():
    topic = TopicFactory(name="Therapies", slug="therapies")
    pages = {}
    for code, rows in CORPUS.items():  # en-gb first: the others are its translations
        parent = index_page_for(code)
        pages[code] = [
            ArticlePageFactory(
                parent=parent,
                locale=Locale.objects.get(language_code=code),
                title=title,
                summary=summary,
                body=[("section_heading", {"heading": title, "anchor": ""}), paragraph(body)],
                topics=[topic] if i == 0 else [],
                **({"translation_key": pages["en-gb"][i].translation_key} if code != "en-gb" else {}),
            )
            for i, (title, summary, body) in enumerate(rows)
        ]
    return pages
