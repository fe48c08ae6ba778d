"""A judged relevance set for reader search: per language, the sample article (healing after a
trauma bond, with its translations) plus eleven short guidance articles written for the suite on
distinct topics, and at least fifteen queries a reader would type, each with the articles that
answer it (grade 2) or help (grade 1). Used by `tests/search/test_relevance.py` (floors) and
`benchmarks/search_relevance.py` (nDCG@5 and MRR per language).

Queries are written as readers type them: plurals and singulars, missing accents, synonyms and
abbreviations, one-letter typos, and (in French, Spanish, Arabic) articles and prefixes glued on."""

import math

SAMPLE = "trauma-bond"  # the sample article, by its key here

# key: {language: (title, summary, body)}
ARTICLES = {
    "sleep": {
        "en-gb": (
            "Sleep after trauma",
            "Why nightmares and insomnia follow a frightening experience, and what helps you rest.",
            "Many people have nightmares or lie awake after trauma. A regular bedtime routine, less caffeine "
            "and getting up when you cannot sleep can help. Talk to your GP if poor sleep lasts more than a month.",
        ),
        "es": (
            "Dormir después de un trauma",
            "Por qué aparecen las pesadillas y el insomnio tras una experiencia aterradora, y qué ayuda a descansar.",
            "Muchas personas tienen pesadillas o no pueden dormir después de un trauma. Una rutina fija antes de "
            "acostarse, menos cafeína y levantarse cuando no llega el sueño pueden ayudar. Consulte a su médico si "
            "el mal sueño dura más de un mes.",
        ),
        "fr": (
            "Dormir après un traumatisme",
            "Pourquoi les cauchemars et l'insomnie suivent une expérience effrayante, et ce qui aide à se reposer.",
            "Beaucoup de personnes font des cauchemars ou restent éveillées après un traumatisme. Une routine du "
            "coucher régulière, moins de caféine et se lever quand le sommeil ne vient pas peuvent aider. Parlez à "
            "votre médecin si les troubles du sommeil durent plus d'un mois.",
        ),
        "ar": (
            "النوم بعد الصدمة",
            "لماذا تظهر الكوابيس والأرق بعد تجربة مخيفة، وما الذي يساعدك على الراحة.",
            "يعاني كثير من الناس من الكوابيس أو السهر بعد الصدمة. قد يساعد روتين ثابت قبل النوم وتقليل الكافيين "
            "والنهوض من السرير عندما لا يأتي النوم. تحدث إلى طبيبك إذا استمر قلة النوم أكثر من شهر.",
        ),
    },
    "panic": {
        "en-gb": (
            "Grounding during a panic attack",
            "Simple ways to come back to the present when panic takes over.",
            "During a panic attack your heart races and breathing feels hard. Breathe out slowly, longer than you "
            "breathe in. Name five things you can see, four you can hear and three you can touch.",
        ),
        "es": (
            "Técnicas de enraizamiento durante un ataque de pánico",
            "Formas sencillas de volver al presente cuando el pánico le invade.",
            "Durante un ataque de pánico el corazón se acelera y cuesta respirar. Espire despacio, más tiempo del "
            "que inspira. Nombre cinco cosas que vea, cuatro que oiga y tres que pueda tocar.",
        ),
        "fr": (
            "S'ancrer pendant une crise de panique",
            "Des moyens simples de revenir au présent quand la panique prend le dessus.",
            "Pendant une crise de panique, le cœur s'emballe et respirer devient difficile. Expirez lentement, plus "
            "longtemps que vous n'inspirez. Nommez cinq choses que vous voyez, quatre que vous entendez et trois "
            "que vous pouvez toucher.",
        ),
        "ar": (
            "التأريض أثناء نوبة الهلع",
            "طرق بسيطة للعودة إلى اللحظة الحاضرة عندما يسيطر عليك الهلع.",
            "أثناء نوبة الهلع يتسارع القلب ويصعب التنفس. أخرج الزفير ببطء وأطول من الشهيق. سمِّ خمسة أشياء تراها "
            "وأربعة تسمعها وثلاثة يمكنك لمسها.",
        ),
    },
    "ketamine": {
        "en-gb": (
            "Ketamine-assisted therapy",
            "What ketamine treatment for depression involves and who it may suit.",
            "Ketamine is given in a clinic under medical supervision, alongside talking therapy. Side effects such "
            "as dizziness usually pass within two hours. It is not a first treatment.",
        ),
        "es": (
            "Terapia asistida con ketamina",
            "En qué consiste el tratamiento con ketamina para la depresión y a quién puede convenir.",
            "La ketamina se administra en una clínica bajo supervisión médica, junto con psicoterapia. Los efectos "
            "secundarios, como el mareo, suelen pasar en dos horas. No es un primer tratamiento.",
        ),
        "fr": (
            "Thérapie assistée par kétamine",
            "Ce que comprend le traitement de la dépression par kétamine et à qui il peut convenir.",
            "La kétamine est donnée en clinique sous surveillance médicale, avec une psychothérapie. Les effets "
            "secondaires comme les vertiges passent en général en deux heures. Ce n'est pas un premier traitement.",
        ),
        "ar": (
            "العلاج بمساعدة الكيتامين",
            "ما يتضمنه علاج الاكتئاب بالكيتامين ولمن قد يناسب.",
            "يُعطى الكيتامين في العيادة تحت إشراف طبي مع العلاج بالكلام. الآثار الجانبية مثل الدوخة تزول عادة خلال "
            "ساعتين. وهو ليس علاجا أوليا.",
        ),
    },
    "cbt": {
        "en-gb": (
            "What cognitive behavioural therapy involves",
            "How CBT works on the link between thoughts, feelings and behaviour.",
            "In cognitive behavioural therapy you and a therapist look at the thoughts that keep you stuck and try "
            "small changes in what you do. A course is usually six to twenty weekly sessions.",
        ),
        "es": (
            "En qué consiste la terapia cognitivo-conductual",
            "Cómo trabaja la TCC sobre la relación entre pensamientos, emociones y conducta.",
            "En la terapia cognitivo-conductual usted y un terapeuta examinan los pensamientos que le bloquean y "
            "prueban pequeños cambios en lo que hace. Suele durar de seis a veinte sesiones semanales.",
        ),
        "fr": (
            "Ce qu'implique la thérapie cognitivo-comportementale",
            "Comment la TCC agit sur le lien entre pensées, émotions et comportement.",
            "En thérapie cognitivo-comportementale, vous examinez avec un thérapeute les pensées qui vous bloquent "
            "et essayez de petits changements dans ce que vous faites. Elle dure en général de six à vingt séances "
            "hebdomadaires.",
        ),
        "ar": (
            "ما هو العلاج المعرفي السلوكي",
            "كيف يعمل العلاج المعرفي السلوكي على الصلة بين الأفكار والمشاعر والسلوك.",
            "في العلاج المعرفي السلوكي تنظر مع المعالج إلى الأفكار التي تبقيك عالقا وتجرب تغييرات صغيرة فيما تفعله. "
            "تستمر الدورة عادة من ست إلى عشرين جلسة أسبوعية.",
        ),
    },
    "emdr": {
        "en-gb": (
            "EMDR for traumatic memories",
            "How eye movement desensitisation and reprocessing helps memories lose their grip.",
            "EMDR asks you to hold a painful memory in mind while following the therapist's hand with your eyes. "
            "Over several sessions the memory usually feels less vivid and less distressing.",
        ),
        "es": (
            "EMDR para los recuerdos traumáticos",
            "Cómo la desensibilización y reprocesamiento por movimientos oculares ayuda a que los recuerdos "
            "pesen menos.",
            "En el EMDR usted mantiene un recuerdo doloroso en la mente mientras sigue con los ojos la mano del "
            "terapeuta. Tras varias sesiones el recuerdo suele sentirse menos vivo y menos angustioso.",
        ),
        "fr": (
            "L'EMDR pour les souvenirs traumatiques",
            "Comment la désensibilisation et le retraitement par les mouvements oculaires aide les souvenirs à "
            "peser moins.",
            "L'EMDR vous demande de garder un souvenir douloureux en tête tout en suivant des yeux la main du "
            "thérapeute. Après plusieurs séances, le souvenir paraît en général moins vif et moins pénible.",
        ),
        "ar": (
            "علاج إي إم دي آر للذكريات الصادمة",
            "كيف يساعد إزالة التحسس وإعادة المعالجة بحركة العين على تخفيف وطأة الذكريات.",
            "يطلب منك علاج إي إم دي آر أن تستحضر ذكرى مؤلمة بينما تتابع بعينيك يد المعالج. بعد عدة جلسات تصبح "
            "الذكرى عادة أقل وضوحا وأقل إيلاما.",
        ),
    },
    "grief": {
        "en-gb": (
            "Living with grief",
            "What bereavement can feel like and when to ask for support after a loss.",
            "Grief after someone dies can bring waves of sadness, anger or numbness. There is no right way to "
            "mourn. If months later you cannot manage daily life, bereavement counselling can help.",
        ),
        "es": (
            "Vivir con el duelo",
            "Cómo puede sentirse el duelo y cuándo pedir apoyo tras una pérdida.",
            "El duelo tras la muerte de un ser querido puede traer oleadas de tristeza, rabia o entumecimiento. No "
            "hay una forma correcta de llorar una pérdida. Si meses después no puede con la vida diaria, el "
            "acompañamiento en el duelo puede ayudar.",
        ),
        "fr": (
            "Vivre avec le deuil",
            "Ce que le deuil peut faire ressentir et quand demander du soutien après une perte.",
            "Le deuil après un décès peut apporter des vagues de tristesse, de colère ou d'engourdissement. Il n'y "
            "a pas de bonne façon de pleurer un proche. Si des mois après vous n'arrivez plus à faire face au "
            "quotidien, un accompagnement du deuil peut aider.",
        ),
        "ar": (
            "العيش مع الحزن على الفقد",
            "كيف يبدو الحزن على فقدان شخص عزيز ومتى تطلب الدعم بعد الخسارة.",
            "قد يجلب الحزن بعد وفاة شخص عزيز موجات من الأسى أو الغضب أو الخدر. لا توجد طريقة صحيحة واحدة للحداد. "
            "إذا لم تستطع بعد أشهر تدبير حياتك اليومية فقد تساعدك استشارة الفقد.",
        ),
    },
    "self-harm": {
        "en-gb": (
            "Coping with urges to self-harm",
            "Ways to get through the urge to hurt yourself, and where to get help tonight.",
            "If you want to hurt yourself, try to delay: hold ice, go where there are other people, or call a "
            "helpline. If you have already harmed yourself and the wound is deep, call emergency services.",
        ),
        "es": (
            "Afrontar las ganas de autolesionarse",
            "Formas de superar el impulso de hacerse daño y dónde pedir ayuda esta noche.",
            "Si quiere hacerse daño, intente retrasarlo: sostenga hielo, vaya donde haya otras personas o llame a "
            "una línea de ayuda. Si ya se ha lesionado y la herida es profunda, llame a emergencias.",
        ),
        "fr": (
            "Faire face à l'envie de s'automutiler",
            "Des façons de traverser l'envie de vous faire du mal, et où trouver de l'aide ce soir.",
            "Si vous voulez vous faire du mal, essayez de repousser l'envie : tenez un glaçon, allez là où il y a du "
            "monde ou appelez une ligne d'écoute. Si vous vous êtes déjà blessé et que la plaie est profonde, "
            "appelez les urgences.",
        ),
        "ar": (
            "التعامل مع الرغبة في إيذاء النفس",
            "طرق لتجاوز الرغبة في إيذاء نفسك وأين تجد المساعدة الليلة.",
            "إذا أردت أن تؤذي نفسك فحاول التأجيل: أمسك قطعة ثلج أو اذهب حيث يوجد أشخاص آخرون أو اتصل بخط المساعدة. "
            "إذا كنت قد جرحت نفسك والجرح عميق فاتصل بالطوارئ.",
        ),
    },
    "safety-plan": {
        "en-gb": (
            "Making a safety plan when your partner is abusive",
            "Planning ahead for a moment when you need to leave quickly and safely.",
            "A safety plan lists who you can call, a code word for friends, and a bag with documents, medicines and "
            "keys kept somewhere your partner will not find it. Domestic abuse services can make the plan with you.",
        ),
        "es": (
            "Hacer un plan de seguridad si su pareja le maltrata",
            "Prepararse para un momento en que necesite irse rápido y con seguridad.",
            "Un plan de seguridad recoge a quién puede llamar, una palabra clave para sus amistades y una bolsa con "
            "documentos, medicamentos y llaves guardada donde su pareja no la encuentre. Los servicios contra la "
            "violencia doméstica pueden hacer el plan con usted.",
        ),
        "fr": (
            "Préparer un plan de sécurité quand votre partenaire est violent",
            "Anticiper le moment où vous devrez partir vite et en sécurité.",
            "Un plan de sécurité indique qui appeler, un mot code pour vos proches et un sac avec papiers, "
            "médicaments et clés rangé là où votre partenaire ne le trouvera pas. Les services d'aide aux victimes "
            "de violences conjugales peuvent préparer le plan avec vous.",
        ),
        "ar": (
            "إعداد خطة أمان عندما يكون شريكك مسيئا",
            "التخطيط مسبقا للحظة التي تحتاج فيها إلى المغادرة بسرعة وأمان.",
            "تتضمن خطة الأمان من يمكنك الاتصال به وكلمة سر لأصدقائك وحقيبة فيها الوثائق والأدوية والمفاتيح مخبأة "
            "حيث لا يجدها شريكك. يمكن لخدمات مواجهة العنف الأسري إعداد الخطة معك.",
        ),
    },
    "alcohol": {
        "en-gb": (
            "Alcohol and low mood",
            "Why drinking to cope makes depression and anxiety worse over time.",
            "A drink may numb painful feelings for an evening, but alcohol disturbs sleep and deepens low mood the "
            "next day. Cutting down slowly is safer than stopping suddenly if you drink every day.",
        ),
        "es": (
            "El alcohol y el bajo estado de ánimo",
            "Por qué beber para sobrellevar las cosas empeora la depresión y la ansiedad con el tiempo.",
            "Una copa puede adormecer sentimientos dolorosos por una noche, pero el alcohol altera el sueño y "
            "hunde el ánimo al día siguiente. Si bebe a diario, reducir poco a poco es más seguro que dejarlo "
            "de golpe.",
        ),
        "fr": (
            "L'alcool et le moral en berne",
            "Pourquoi boire pour tenir le coup aggrave la dépression et l'anxiété avec le temps.",
            "Un verre peut engourdir des sentiments douloureux le temps d'une soirée, mais l'alcool perturbe le "
            "sommeil et assombrit le moral le lendemain. Si vous buvez tous les jours, réduire peu à peu est plus "
            "sûr qu'arrêter d'un coup.",
        ),
        "ar": (
            "الكحول والمزاج المنخفض",
            "لماذا يزيد شرب الكحول للتأقلم الاكتئاب والقلق سوءا مع الوقت.",
            "قد يخدّر الشراب المشاعر المؤلمة لليلة واحدة لكن الكحول يضطرب معه النوم ويزيد انخفاض المزاج في اليوم "
            "التالي. إذا كنت تشرب كل يوم فالتقليل التدريجي أكثر أمانا من التوقف المفاجئ.",
        ),
    },
    "antidepressants": {
        "en-gb": (
            "Starting antidepressant medication",
            "What to expect in the first weeks of taking an antidepressant.",
            "Antidepressants take two to six weeks to work. Side effects such as nausea or headaches are common at "
            "first and often ease. Do not stop suddenly: your prescriber will help you reduce the dose.",
        ),
        "es": (
            "Empezar a tomar antidepresivos",
            "Qué esperar en las primeras semanas de tratamiento con un antidepresivo.",
            "Los antidepresivos tardan de dos a seis semanas en hacer efecto. Los efectos secundarios, como náuseas "
            "o dolor de cabeza, son frecuentes al principio y suelen mejorar. No los deje de golpe: quien se los "
            "recetó le ayudará a bajar la dosis.",
        ),
        "fr": (
            "Commencer un traitement antidépresseur",
            "À quoi s'attendre pendant les premières semaines sous antidépresseur.",
            "Les antidépresseurs mettent deux à six semaines à agir. Les effets secondaires comme les nausées ou les "
            "maux de tête sont fréquents au début et s'atténuent souvent. N'arrêtez pas d'un coup : votre médecin "
            "vous aidera à diminuer la dose.",
        ),
        "ar": (
            "البدء بتناول مضادات الاكتئاب",
            "ما الذي تتوقعه في الأسابيع الأولى من تناول مضاد للاكتئاب.",
            "تحتاج مضادات الاكتئاب من أسبوعين إلى ستة أسابيع لتبدأ مفعولها. الآثار الجانبية مثل الغثيان أو الصداع "
            "شائعة في البداية وغالبا ما تخف. لا تتوقف فجأة: سيساعدك الطبيب على تخفيض الجرعة.",
        ),
    },
    "loneliness": {
        "en-gb": (
            "Loneliness after leaving",
            "Rebuilding friendships and a sense of belonging when you feel isolated.",
            "After leaving a controlling relationship many people feel isolated: friends may have drifted away. "
            "Start small, with one message to someone you trust or a local group that meets weekly.",
        ),
        "es": (
            "La soledad después de irse",
            "Reconstruir amistades y el sentido de pertenencia cuando se siente aislado.",
            "Después de dejar una relación controladora muchas personas se sienten aisladas: las amistades pueden "
            "haberse alejado. Empiece poco a poco, con un mensaje a alguien de confianza o un grupo local que se "
            "reúna cada semana.",
        ),
        "fr": (
            "La solitude après être parti",
            "Reconstruire des amitiés et un sentiment d'appartenance quand vous vous sentez isolé.",
            "Après avoir quitté une relation d'emprise, beaucoup de personnes se sentent isolées : les amis ont pu "
            "s'éloigner. Commencez petit, par un message à quelqu'un de confiance ou un groupe local qui se réunit "
            "chaque semaine.",
        ),
        "ar": (
            "الوحدة بعد المغادرة",
            "إعادة بناء الصداقات والشعور بالانتماء عندما تشعر بالعزلة.",
            "بعد ترك علاقة مسيطرة يشعر كثير من الناس بالعزلة: ربما ابتعد الأصدقاء. ابدأ بخطوة صغيرة برسالة إلى "
            "شخص تثق به أو مجموعة محلية تلتقي كل أسبوع.",
        ),
    },
}

# language: [(query, {article key: grade})]; grade 2 answers the query, grade 1 helps.
JUDGEMENTS = {
    "en-gb": [
        ("nightmares", {"sleep": 2}),
        ("cant sleep", {"sleep": 2}),
        ("panic attack", {"panic": 2}),
        ("breathing exercise", {"panic": 2, SAMPLE: 1}),
        ("ketamine", {"ketamine": 2}),
        ("CBT", {"cbt": 2}),
        ("cognitive behavioural therapy", {"cbt": 2}),
        ("EMDR", {"emdr": 2}),
        ("eye movement therapy", {"emdr": 2}),
        ("bereavement", {"grief": 2}),
        ("self harm", {"self-harm": 2}),
        ("safety plan", {"safety-plan": 2}),
        ("abusive partner", {"safety-plan": 2, SAMPLE: 1}),
        ("drinking", {"alcohol": 2}),
        ("antidepressant side effects", {"antidepressants": 2}),
        ("lonely", {"loneliness": 2}),
        ("trauma bond", {SAMPLE: 2}),
        ("insomia", {"sleep": 2}),
    ],
    "es": [
        ("pesadillas", {"sleep": 2}),
        ("insomnio", {"sleep": 2}),
        ("ataque de panico", {"panic": 2}),
        ("respiracion", {"panic": 2}),
        ("ketamina", {"ketamine": 2}),
        ("TCC", {"cbt": 2}),
        ("terapia cognitivo conductual", {"cbt": 2}),
        ("EMDR", {"emdr": 2}),
        ("movimientos oculares", {"emdr": 2}),
        ("duelo", {"grief": 2}),
        ("autolesiones", {"self-harm": 2}),
        ("plan de seguridad", {"safety-plan": 2}),
        ("pareja maltratadora", {"safety-plan": 2, SAMPLE: 1}),
        ("alcohol", {"alcohol": 2}),
        ("antidepresivo efectos secundarios", {"antidepressants": 2}),
        ("soledad", {"loneliness": 2}),
        ("vinculo traumatico", {SAMPLE: 2}),
        ("pesadilas", {"sleep": 2}),
    ],
    "fr": [
        ("cauchemar", {"sleep": 2}),
        ("l'insomnie", {"sleep": 2}),
        ("crise de panique", {"panic": 2}),
        ("respiration", {"panic": 2}),
        ("kétamine", {"ketamine": 2}),
        ("TCC", {"cbt": 2}),
        ("thérapie cognitivo-comportementale", {"cbt": 2}),
        ("EMDR", {"emdr": 2}),
        ("mouvements oculaires", {"emdr": 2}),
        ("deuil", {"grief": 2}),
        ("automutilation", {"self-harm": 2}),
        ("plan de securite", {"safety-plan": 2}),
        ("partenaire violent", {"safety-plan": 2, SAMPLE: 1}),
        ("l'alcool", {"alcohol": 2}),
        ("antidépresseurs effets secondaires", {"antidepressants": 2}),
        ("solitude", {"loneliness": 2}),
        ("trauma bond", {SAMPLE: 2}),  # the French sample is a draft: French readers get the English one
        ("ketamine", {"ketamine": 2}),
    ],
    "ar": [
        ("الكوابيس", {"sleep": 2}),
        ("الأرق", {"sleep": 2}),
        ("نوبة هلع", {"panic": 2}),
        ("التنفس", {"panic": 2}),
        ("الكيتامين", {"ketamine": 2}),
        ("العلاج المعرفي السلوكي", {"cbt": 2}),
        ("إي إم دي آر", {"emdr": 2}),
        ("حركة العين", {"emdr": 2}),
        ("الحزن على الفقد", {"grief": 2}),
        ("إيذاء النفس", {"self-harm": 2}),
        ("خطة امان", {"safety-plan": 2}),
        ("شريك مسيء", {"safety-plan": 2, SAMPLE: 1}),
        ("الكحول", {"alcohol": 2}),
        ("مضادات الاكتئاب", {"antidepressants": 2}),
        ("الوحدة والعزلة", {"loneliness": 2}),
        ("الرابطة الصادمة", {SAMPLE: 2}),
        ("والكوابيس", {"sleep": 2}),
    ],
}


def dcg(grades: list[int]) -> float:
    return sum((2**grade - 1) / math.log2(position + 2) for position, grade in enumerate(grades))


def ndcg_at(k: int, ranked: list[str], judged: dict[str, int]) -> float:
    ideal = dcg(sorted(judged.values(), reverse=True)[:k])
    return dcg([judged.get(key, 0) for key in ranked[:k]]) / ideal if ideal else 0.0


def reciprocal_rank(ranked: list[str], judged: dict[str, int]) -> float:
    """1/rank of the first article that answers the query (grade 2); 0 if none is returned."""
    for position, key in enumerate(ranked, start=1):
        if judged.get(key, 0) >= 2:
            return 1 / position
    return 0.0


def build_corpus() -> dict[str, dict[int, str]]:
    """The sample content (with its translations) and the articles above, live in every language;
    returns {language: {page id: article key}}. Needs the database; the search indices are then
    rebuilt by the caller."""
    from django.core.management import call_command
    from django.utils.text import slugify
    from wagtail.models import Locale, Page

    from articles.models import ArticleIndexPage, ArticlePage
    from benchmarks.content import published

    call_command("load_sample_content", stdout=_Null(), stderr=_Null())
    sample = ArticlePage.objects.get(locale__language_code="en-gb", slug__startswith="how-to-heal")
    keys: dict[str, dict[int, str]] = {}
    sources: dict[str, ArticlePage] = {}
    for code in JUDGEMENTS:  # en-gb first: the other languages' articles are its translations
        locale = Locale.objects.get(language_code=code)
        parent = ArticleIndexPage.objects.filter(locale=locale).first()
        if parent is None:
            home = Page.objects.get(depth=2, locale=locale)
            parent = published(home, ArticleIndexPage(title="Guidance", slug=f"guidance-{code}", locale=locale))
        # The sample in this language, or the English one for readers it is not translated for.
        sample_pages = ArticlePage.objects.filter(translation_key=sample.translation_key)
        keys[code] = dict.fromkeys(sample_pages.values_list("pk", flat=True), SAMPLE)
        for key, languages in ARTICLES.items():
            title, summary, body = languages[code]
            page = published(
                parent,
                ArticlePage(
                    locale=locale,
                    title=title,
                    slug=slugify(title, allow_unicode=True)[:80] or key,
                    summary=summary,
                    body=[("section_heading", {"heading": title, "anchor": ""}), ("paragraph", f"<p>{body}</p>")],
                    **({"translation_key": sources[key].translation_key} if key in sources else {}),
                ),
            )
            sources.setdefault(key, page)
            keys[code][page.pk] = key
    return keys


def evaluate(keys: dict[str, dict[int, str]], k: int = 5) -> dict[str, dict]:
    """Each judged query through the site's search service; per language the mean nDCG@k, the
    MRR, and the queries whose answer was not first (to read when a figure drops)."""
    from search.query import SearchParams, search

    figures = {}
    for code, judged_queries in JUDGEMENTS.items():
        ndcgs, rrs, misses = [], [], []
        for query, judged in judged_queries:
            results = search(code, SearchParams(query=query))
            ranked = [keys[code].get(hit.page_id, f"page {hit.page_id}") for hit in results.hits]
            ndcgs.append(ndcg_at(k, ranked, judged))
            rrs.append(reciprocal_rank(ranked, judged))
            if rrs[-1] < 1:
                misses.append((query, ranked[:3]))
        figures[code] = {
            "queries": len(judged_queries),
            "articles": len(set(keys[code].values())),
            "ndcg": sum(ndcgs) / len(ndcgs),
            "mrr": sum(rrs) / len(rrs),
            "misses": misses,
            "engine": results.engine,
        }
    return figures


class _Null:
    def write(self, *args):
        pass

    def flush(self):
        pass
