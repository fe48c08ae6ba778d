"""The words of a page's content in canonical form, and their digests: what a clinical sign-off
records of the exact words it approved. Wagtail can rewrite a revision in place (the edit form's
`overwrite_revision_id`), so a revision's id alone proves nothing about its words.

Imports nothing from review/, so that the models, the gate and the views can all use it."""

import contextlib
import hashlib
import json
import re

from django.core.exceptions import FieldDoesNotExist
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import prefetch_related_objects
from modelcluster.models import get_all_child_m2m_relations, get_all_child_relations, get_serializable_data_for_fields
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField

# Keys of a page's serialised data that describe its row rather than what readers read.
ROW_STATE = {
    "pk", "id", "path", "depth", "numchild", "url_path", "content_type", "live", "has_unpublished_changes",
    "first_published_at", "last_published_at", "live_revision", "latest_revision", "latest_revision_created_at",
    "draft_title", "locked", "locked_at", "locked_by", "owner", "expired", "go_live_at", "expire_at",
    "translation_key", "locale", "alias_of", "wagtail_admin_comments", "comments",
}  # fmt: skip
# Scheduling is written to the row by Wagtail as it publishes, but a change to it is an edit.
SCHEDULE = {"go_live_at", "expire_at"}
# Written only by a sign-off as it publishes (`_set_review_dates`), never by an edit form.
SIGN_OFF_DATES = {"last_reviewed", "next_review_due"}


# Draftail's block keys in rich text (`data-block-key`): the editor adds them to text that came
# without (the importer's, the sample's, wagtail-localize's), readers never see them, and they are
# not a change anyone made. Stripped inside rich text only: in a plain field they are words.
_BLOCK_KEY = re.compile(r' data-block-key="[^"]*"')
# Keys of a revision's content that are not the words a sign-off approves.
NOT_SIGNED = ROW_STATE | SIGN_OFF_DATES


def _without_block_keys(block, value):
    """`value` (a block's raw stream data) with the block keys removed from its rich text."""
    if isinstance(block, blocks.RichTextBlock):
        return _BLOCK_KEY.sub("", value) if isinstance(value, str) else value
    if isinstance(block, blocks.StreamBlock) and isinstance(value, list):
        return [
            {**child, "value": _without_block_keys(block.child_blocks[child["type"]], child.get("value"))}
            if isinstance(child, dict) and child.get("type") in block.child_blocks
            else child
            for child in value
        ]
    if isinstance(block, blocks.ListBlock) and isinstance(value, list):
        return [
            {**item, "value": _without_block_keys(block.child_block, item.get("value"))}
            if isinstance(item, dict) and item.get("type") == "item"
            else _without_block_keys(block.child_block, item)
            for item in value
        ]
    if isinstance(block, blocks.StructBlock) and isinstance(value, dict):
        return {
            name: _without_block_keys(block.child_blocks[name], child) if name in block.child_blocks else child
            for name, child in value.items()
        }
    return value


def _comparable(model, name: str, value) -> str:
    """One content field in canonical form: JSON with sorted keys (PostgreSQL's jsonb reorders
    stream data's keys), rich text without the editor's block keys, tags (many-to-many) sorted."""
    field = _model_field(model, name)
    if isinstance(field, StreamField):
        if isinstance(value, str):
            with contextlib.suppress(ValueError):
                value = json.loads(value)
        value = _without_block_keys(field.stream_block, value)
    elif isinstance(field, RichTextField) and isinstance(value, str):
        value = _BLOCK_KEY.sub("", value)
    elif isinstance(field, models.ManyToManyField) and isinstance(value, list):
        value = sorted(value, key=str)  # a set of tags: the order a query returned them in is no change
    return json.dumps(value, cls=DjangoJSONEncoder, sort_keys=True)


def _model_field(model, name: str):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _as_stored(data: dict) -> dict:
    """A page's `serializable_data()` as a revision stores it (JSON through Django's encoder)."""
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def live_words(page) -> dict:
    """The content of `page`'s row as `serializable_data()` gives it, without reading what is
    not words (the admin's comments): its columns, its other child relations and its tags. The
    tags are prefetched onto `page`, so a template that lists them reads them from there."""
    data = get_serializable_data_for_fields(page)
    for relation in get_all_child_relations(page):
        name = relation.get_accessor_name()
        if name not in NOT_SIGNED:
            data[name] = [child.serializable_data() for child in getattr(page, name).all()]
    tags = [field for field in get_all_child_m2m_relations(page) if field.serialize]
    prefetch_related_objects([page], *(field.name for field in tags))
    for field in tags:
        data[field.name] = [child.pk for child in getattr(page, field.name).all()]
    return data


def field_digests(model, content: dict, ignore=NOT_SIGNED) -> dict[str, str]:
    """SHA-256 of each content field of `content` (a revision's content, or a page's
    `serializable_data()`) in canonical form: what a sign-off records of the words it approved."""
    content = _as_stored(content)
    return {
        name: hashlib.sha256(_comparable(model, name, value).encode()).hexdigest()
        for name, value in sorted(content.items())
        if name not in ignore
    }


def digest_of_fields(digests: dict[str, str]) -> str:
    return hashlib.sha256(json.dumps(digests, sort_keys=True).encode()).hexdigest()


def content_digest(model, content: dict) -> str:
    """One SHA-256 of all the words of `content`: equal exactly when every field is."""
    return digest_of_fields(field_digests(model, content))


def content_differences(model, data: dict, revision_content: dict, ignore=ROW_STATE) -> list[str]:
    """The content fields in which a page's `serializable_data()` differs from a revision's
    content, each in canonical form, without the row's own state."""
    data = _as_stored(data)
    keys = (set(data) | set(revision_content)) - ignore
    return sorted(
        key
        for key in keys
        if _comparable(model, key, data.get(key)) != _comparable(model, key, revision_content.get(key))
    )


def words_changed_since_signed(model, signed: dict[str, str], content: dict) -> list[str]:
    """The fields of `content` whose words differ from the field digests a sign-off recorded."""
    now = field_digests(model, content)
    return sorted(name for name in set(now) | set(signed) if now.get(name) != signed.get(name))
