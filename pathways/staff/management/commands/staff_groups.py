"""manage.py staff_groups [--add USERNAME GROUP] [--remove USERNAME GROUP]

Without options: (re)create the editor, moderator and data steward groups with
exactly their permissions (pathways/staff/roles.py); safe to repeat. With --add /
--remove: put a user in a group or take them out (``--add`` also sets is_staff,
which the admin login needs)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from pathways.staff.roles import ROLES, sync_groups


class Command(BaseCommand):
    help = (
        "Create or update the staff groups (editor, moderator, data steward); "
        "--add USERNAME GROUP puts a user in one (and lets them log in to the admin)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--add", nargs=2, metavar=("USERNAME", "GROUP"))
        parser.add_argument("--remove", nargs=2, metavar=("USERNAME", "GROUP"))

    def handle(self, *args, add=None, remove=None, **options):
        counts = sync_groups()
        for name, n in counts.items():
            self.stdout.write(f"{name}: {n} permissions")
        for pair, adding in ((add, True), (remove, False)):
            if not pair:
                continue
            username, group_name = pair
            if group_name not in ROLES:
                raise CommandError(
                    f"no such group {group_name!r}; choose one of: "
                    + ", ".join(repr(g) for g in ROLES)
                )
            user = get_user_model().objects.filter(username=username).first()
            if user is None:
                raise CommandError(
                    f"no user {username!r} (createsuperuser or the admin makes one)"
                )
            group = Group.objects.get(name=group_name)
            if adding:
                user.groups.add(group)
                if not user.is_staff:
                    user.is_staff = True
                    user.save(update_fields=["is_staff"])
                self.stdout.write(
                    self.style.SUCCESS(f"{username} is now in {group_name!r}")
                )
            else:
                user.groups.remove(group)
                self.stdout.write(f"{username} is no longer in {group_name!r}")
