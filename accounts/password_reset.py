"""The admin's password reset, throttled like the sign-in.

Each reset request counts as a failed sign-in for the address it comes from (and for the
email it names), so a flood of reset mails from one place stops at the same limit, and a
locked-out address cannot ask for a reset to get round the lock.
"""

from axes.handlers.proxy import AxesProxyHandler
from django.contrib.auth.signals import user_login_failed
from wagtail.admin.views.account import PasswordResetView

from .lockout import lockout_response


class ThrottledPasswordResetView(PasswordResetView):
    def post(self, request, *args, **kwargs):
        credentials = {"username": request.POST.get("email", "")[:254]}
        if AxesProxyHandler.is_locked(request, credentials):
            return lockout_response(request)
        AxesProxyHandler.update_request(request)
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        return super().post(request, *args, **kwargs)
