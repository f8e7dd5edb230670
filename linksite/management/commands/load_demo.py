from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from linksite.demo import DEMO_CODE_COMMAND, DEMO_PASSWORD, DEMO_TOTP_SECRET, DEMO_USERS, load_demo


class Command(BaseCommand):
    help = "Load the fictional Aldermoor LINk demo content and demo users. Safe to run twice."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "load_demo creates users with a known password: it runs only with DEBUG on."
            )
        # The workflow notifies reviewers by email; the demo's own approvals need not.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            demo = load_demo()
        self.stdout.write(self.style.SUCCESS(f"Demo content ready under '{demo.home.title}'."))
        for hint in demo.hints:
            self.stdout.write(hint)
        self.stdout.write(
            f"Demo logins (development only), password '{DEMO_PASSWORD}': {', '.join(DEMO_USERS)}"
        )
        self.stdout.write(
            f"Second factor for every demo user: the authenticator secret {DEMO_TOTP_SECRET}. "
            "Add it to an authenticator app, or get the current code with "
            f"`oathtool --totp -b {DEMO_TOTP_SECRET}` or `{DEMO_CODE_COMMAND}`."
        )
