"""No translation path publishes anything.

wagtail-localize publishes without any workflow from its translation editor ("Publish in
<language>") and from the update-translations view ("Publish immediately"), both through
`TranslationSource.create_or_update_translation(publish=True)`. The views refuse with a message
(see wagtail_hooks.py and views.py); underneath, this guard turns any remaining publish request
for a page into a draft revision, so a translation only goes live through Wagtail's own
publishing (which the clinical sign-off gates)."""

import functools
import logging

from django.utils.translation import gettext_lazy as _
from wagtail.models import Page
from wagtail_localize.models import TranslationSource

logger = logging.getLogger(__name__)

REFUSAL = _(
    "Translations are not published from here. Save your work, then submit the page for "
    "clinical review in its language; it goes live when a reviewer approves it."
)


def install():
    original = TranslationSource.create_or_update_translation
    if getattr(original, "_publishes_nothing", False):
        return

    @functools.wraps(original)
    def create_or_update_translation(self, locale, user=None, publish=True, **kwargs):
        if publish and issubclass(self.specific_content_type.model_class(), Page):
            logger.warning("Refused to publish a page translation into %s; saved as a draft", locale)
            publish = False
        return original(self, locale, user=user, publish=publish, **kwargs)

    create_or_update_translation._publishes_nothing = True
    TranslationSource.create_or_update_translation = create_or_update_translation
