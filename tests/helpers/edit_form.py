"""The POST data the admin's edit form sends for a page left unchanged, built as the browser's
StreamField code builds it: from each block's form state (`get_form_state`), the state the
admin's JavaScript renders into the form's inputs."""

from wagtail import blocks
from wagtail.blocks.base import BlockField


def _block_data(block, state, prefix: str, data: dict) -> None:
    if isinstance(block, blocks.StreamBlock):
        data[f"{prefix}-count"] = str(len(state))
        for i, child in enumerate(state):
            data.update({f"{prefix}-{i}-type": child["type"], f"{prefix}-{i}-id": child.get("id") or ""})
            data.update({f"{prefix}-{i}-deleted": "", f"{prefix}-{i}-order": str(i)})
            _block_data(block.child_blocks[child["type"]], child["value"], f"{prefix}-{i}-value", data)
    elif isinstance(block, blocks.ListBlock):
        data[f"{prefix}-count"] = str(len(state))
        for i, item in enumerate(state):
            data.update({f"{prefix}-{i}-id": item.get("id") or "", f"{prefix}-{i}-deleted": ""})
            data[f"{prefix}-{i}-order"] = str(i)
            _block_data(block.child_block, item["value"], f"{prefix}-{i}-value", data)
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            _block_data(child_block, state.get(name), f"{prefix}-{name}", data)
    elif isinstance(block, blocks.BooleanBlock):
        if state:
            data[prefix] = "on"
    else:
        data[prefix] = "" if state is None else state


def _field_data(bound, data: dict) -> None:
    value = bound.value()
    if isinstance(bound.field, BlockField):
        _block_data(bound.field.block, bound.field.block.get_form_state(value), bound.html_name, data)
    elif value is None:
        data[bound.html_name] = ""
    elif isinstance(value, bool):
        if value:
            data[bound.html_name] = "on"
    elif isinstance(value, list | tuple):
        data[bound.html_name] = [str(v) for v in value]
    else:
        data[bound.html_name] = str(bound.field.widget.format_value(value) or "")


def unchanged_edit_form_data(page, user) -> dict:
    """What "Save draft" (or a workflow action) posts for `page`'s latest revision, unchanged."""
    page = page.get_latest_revision_as_object()
    form_class = page.get_edit_handler().get_form_class()
    form = form_class(instance=page, for_user=user, parent_page=page.get_parent())
    data: dict = {}
    for name in form.fields:
        _field_data(form[name], data)
    for formset in form.formsets.values():
        for name in formset.management_form.fields:
            _field_data(formset.management_form[name], data)
        for child in formset.forms:
            for name in child.fields:
                _field_data(child[name], data)
    return data


def assert_saves_unchanged_in_the_admin(client, page, user) -> None:
    """`user` opens the page in Wagtail's editor and saves without changing anything: no
    validation error, and no new revision."""
    from django.urls import reverse

    client.force_login(user)
    revisions = page.revisions.count()
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), unchanged_edit_form_data(page, user))
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    assert page.revisions.count() == revisions
