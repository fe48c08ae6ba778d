"""Answers to "Is this page useful?": counted per page and language. Nothing that identifies a
reader is stored: no address, session, cookie or time of day (the day only), and the optional
comment is refused if it holds a phone number or an e-mail address."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PageFeedback(models.Model):
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    language = models.CharField(max_length=15)
    useful = models.BooleanField()
    comment = models.TextField(blank=True, max_length=1000, verbose_name=_("what was missing"))
    given_on = models.DateField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["page", "language"])]

    def __str__(self) -> str:
        return f"{self.page_id} {self.language} {'yes' if self.useful else 'no'}"
