"""`manage.py reset_two_factor USERNAME`: for someone who lost their phone and their codes.

Removes the user's authenticator and recovery codes and signs them out everywhere, so their
next sign-in (password first) sets up a new authenticator. Check who is asking first: with
this done, the password alone gets as far as enrolling a device.
"""

from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.management.base import BaseCommand, CommandError
from django_otp import devices_for_user


class Command(BaseCommand):
    help = "Remove a user's second-factor devices, so they set up a new one at next sign-in."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        User = get_user_model()
        try:
            user = User.objects.get(username=username)
        except User.DoesNotExist as error:
            raise CommandError(f"No user called {username!r}.") from error
        removed = 0
        for device in devices_for_user(user, confirmed=None):
            device.delete()
            removed += 1
        for session in Session.objects.all():
            if session.get_decoded().get("_auth_user_id") == str(user.pk):
                session.delete()
        self.stdout.write(f"Removed {removed} second-factor device(s) of {username}.")
