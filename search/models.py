"""The indexing outbox: every change a reader's search must learn about, kept until the
cluster has taken it. A change made while the cluster is down is applied when it is back."""

from django.db import models


class PendingIndexChange(models.Model):
    page_id = models.IntegerField()
    # The language index the page belonged to when the change was recorded (a deleted page
    # cannot be looked up later).
    language = models.CharField(max_length=20)
    created_at = models.DateTimeField(auto_now_add=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"page {self.page_id} ({self.language})"
