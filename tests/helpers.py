"""Small helpers shared by every app's tests (builders: tests/factories.py)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Model
from django.urls import reverse


def admin_action(client, action: str, objects: Iterable[Model]):
    """POST the admin changelist's bulk ``action`` on ``objects`` (one model)."""
    rows = list(objects)
    meta = rows[0]._meta
    url = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
    return client.post(
        url, {"action": action, "_selected_action": [r.pk for r in rows]}
    )


def assert_field_error(html: str, field_id: str, describedby: str = "") -> None:
    """A form's error on one field is announced and tied to the field: an alert,
    the field marked invalid and described by its error (``describedby``: the
    whole ``aria-describedby`` value, when it names more than the error)."""
    assert 'role="alert"' in html
    assert 'aria-invalid="true"' in html
    assert f'id="{field_id}_error"' in html
    assert f'aria-describedby="{describedby or field_id + "_error"}"' in html
