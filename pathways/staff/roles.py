"""The three staff roles and exactly which admin permissions each group holds.

- **editor**: writes the library. Adds, changes and views issue areas (with their
  sections), resources and tags, and may delete a section (removing a heading from
  an issue area's body is an edit). Editors do not delete issue areas, resources
  or tags: "Return to draft" takes an item off the site and keeps it (and its
  history, and an article's comments, which a delete would take with it);
  deleting is for superusers. Editors see comments (to know what readers said)
  but do not moderate them.
- **moderator**: reader comments only: views them and changes their status
  (the approve / reject / spam actions need ``change_comment``). Nothing else.
- **data steward**: the data side. Views import runs, facilities, service codes,
  OTP programs, observations, indicators, states and policy topics; views and
  changes policy facts (the review: prefer / reject, with history) and the
  listing-report queue; adds, views and changes sources.

Nobody but a superuser sees newsletter subscribers (email addresses) or deletes
content. ``sync_groups`` sets each group to exactly this list, so running it again
changes nothing; the data migration ``staff.0001_groups`` runs it, and
``manage.py staff_groups`` runs it on demand and adds people to groups."""

from __future__ import annotations

EDITOR = "editor"
MODERATOR = "moderator"
DATA_STEWARD = "data steward"

# group name -> ["app_label.codename", ...]
ROLES: dict[str, list[str]] = {
    EDITOR: [
        *(
            f"library.{action}_{model}"
            for model in ("issuearea", "section", "resource", "tag")
            for action in ("add", "change", "view")
        ),
        "library.delete_section",
        "library.view_comment",
    ],
    MODERATOR: [
        "library.view_comment",
        "library.change_comment",
    ],
    DATA_STEWARD: [
        "ingest.view_importrun",
        "policy.view_policyfact",
        "policy.change_policyfact",
        "policy.view_topic",
        "core.view_source",
        "core.change_source",
        "core.add_source",
        "stats.view_observation",
        "stats.view_indicator",
        "treatment.view_listingreport",
        "treatment.change_listingreport",
        "treatment.view_facility",
        "treatment.view_servicecode",
        "treatment.view_otpprogram",
        "places.view_state",
    ],
}


def sync_groups(apps=None, *, verbosity: int = 0) -> dict[str, int]:
    """Create the groups if missing and set each one's permissions to exactly
    ``ROLES``. ``apps`` is a migration's app registry (or None for the live one).
    Returns {group name: number of permissions}."""
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    registry = apps or global_apps
    # Permissions are normally created after `migrate` finishes (post_migrate);
    # create them now so a fresh database gets its groups in the same run.
    for config in registry.get_app_configs():
        saved = getattr(config, "models_module", None)
        config.models_module = saved or True  # None in a migration's registry
        try:
            create_permissions(config, apps=registry, verbosity=verbosity)
        finally:
            config.models_module = saved
    Group = registry.get_model("auth", "Group")
    Permission = registry.get_model("auth", "Permission")
    done = {}
    for name, labels in ROLES.items():
        wanted = []
        for label in labels:
            app_label, codename = label.split(".", 1)
            perm = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if perm is None:
                raise LookupError(f"permission {label} does not exist")
            wanted.append(perm)
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(wanted)
        done[name] = len(wanted)
    return done
