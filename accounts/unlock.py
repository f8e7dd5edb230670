"""Administrators see who is locked out of the admin and unlock them.

The same as `manage.py axes_reset_username USERNAME` (or `axes_reset_ip ADDRESS`), for an
administrator in the admin rather than on the server.
"""

from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from axes.utils import reset
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _


def locked_out_attempts(request):
    limit = get_failure_limit(request, None)
    return AccessAttempt.objects.filter(failures_since_start__gte=limit).order_by("-attempt_time")


def locked_out(request):
    if not request.user.is_superuser:
        raise PermissionDenied
    if request.method == "POST":
        username = request.POST.get("username", "")
        ip_address = request.POST.get("ip_address", "")
        removed = 0
        if username:
            removed += reset(username=username)
        if ip_address:
            removed += reset(ip=ip_address)
        if removed:
            messages.success(request, _("Unlocked: they can sign in again."))
        return redirect("accounts_locked_out")
    return TemplateResponse(
        request, "accounts/locked_out_list.html", {"attempts": locked_out_attempts(request)}
    )
