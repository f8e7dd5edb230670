"""Security headers every response carries: the Content-Security-Policy and Permissions-Policy.

django-csp writes the Content-Security-Policy from `CONTENT_SECURITY_POLICY`; the admin
(everything under Wagtail's admin URL) gets `ADMIN_CONTENT_SECURITY_POLICY` instead, since
Wagtail's editor needs inline styles the public pages never do. A page's preview is rendered
by Wagtail through the whole middleware stack, as a request for the page's public URL (it is
marked `is_dummy`): it keeps the public policy, so the preview refuses what the public page
would, except that the admin may frame it.
"""

from functools import cached_property

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.urls import reverse


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    @cached_property
    def admin_root(self):
        return reverse("wagtailadmin_home")

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if (
            not report_only
            and parts.config is None
            and request.path_info.startswith(self.admin_root)
        ):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY
        if not report_only and getattr(request, "is_dummy", False):
            parts.replace = {**(parts.replace or {}), "frame-ancestors": ["'self'"]}
        return parts


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
