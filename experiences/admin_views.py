"""Admin screens beside the queue: record an experience heard elsewhere, who we heard from
(in aggregate), the access log, and drafting a story page from an experience."""

from collections import Counter

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Locale, Site

from .access import is_handler, may_record
from .pages import WhatPeopleToldUsPage, counted, draft_story, record_experience
from .records import Experience, ExperienceAccess, WhoseVoice


class RecordExperienceForm(forms.ModelForm):
    class Meta:
        model = Experience
        fields = [
            "source",
            "source_detail",
            "organisation",
            "premises",
            "service_described",
            "month",
            "year",
            "story",
            "rating",
            "relationship",
            "says_at_risk",
            "may_quote",
            "may_share_with_provider",
            "may_contact",
            "contact_name",
            "contact_email",
            "contact_phone",
        ]
        widgets = {"story": forms.Textarea(attrs={"rows": 10})}

    def clean(self):
        data = super().clean()
        if data.get("source") == Experience.Source.WEBSITE:
            self.add_error("source", _("Say how it was heard: by phone, on paper, at an event."))
        if not data.get("story", "").strip():
            self.add_error("story", _("Write down what they told us."))
        if data.get("may_contact") and not (data.get("contact_email") or data.get("contact_phone")):
            self.add_error("contact_email", _("Give an email address or a phone number."))
        return data


def record(request):
    if not may_record(request.user):
        raise PermissionDenied
    form = RecordExperienceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        experience = record_experience(
            form.save(commit=False), None, Site.find_for_request(request), recorded_by=request.user
        )
        ExperienceAccess.record(experience, request.user, ExperienceAccess.Action.RECORDED)
        return redirect("experiences_recorded", reference=experience.reference)
    return TemplateResponse(request, "experiences/admin/record.html", {"form": form})


def recorded(request, reference):
    if not may_record(request.user):
        raise PermissionDenied
    return TemplateResponse(request, "experiences/admin/recorded.html", {"reference": reference})


def whose_voices(request):
    """Who we heard from, only ever in aggregate."""
    if not is_handler(request.user):
        raise PermissionDenied
    tables = []
    for field in ("age_band", "ethnicity", "disability", "postcode_district"):
        model_field = WhoseVoice._meta.get_field(field)
        labels = dict(model_field.choices or [])
        counts = Counter(
            labels.get(value, value) or _("Not given")
            for value in WhoseVoice.objects.values_list(field, flat=True)
        )
        tables.append((model_field.verbose_name, counted(counts, names=False)))
    return TemplateResponse(
        request,
        "experiences/admin/whose_voices.html",
        {"tables": tables, "answered": WhoseVoice.objects.count()},
    )


def access_log(request):
    if not request.user.is_superuser:
        raise PermissionDenied
    entries = ExperienceAccess.objects.select_related("user")
    reference = request.GET.get("reference", "").strip().upper()
    if reference:
        entries = entries.filter(reference=reference)
    return TemplateResponse(
        request,
        "experiences/admin/access_log.html",
        {"entries": entries[:500], "reference": reference},
    )


@require_POST
def draft_story_page(request, pk):
    """A draft "What people told us" story from the experience's de-identified version."""
    if not is_handler(request.user):
        raise PermissionDenied
    experience = get_object_or_404(Experience, pk=pk)
    edit = reverse("experiences:edit", args=[pk])
    if not experience.may_quote or not experience.deidentified_story.strip():
        messages.error(
            request,
            _(
                "A story can be drafted only when its author agreed to be quoted and there is a "
                "de-identified version."
            ),
        )
        return redirect(edit)
    parent = (
        WhatPeopleToldUsPage.objects.filter(locale=Locale.get_default()).first()
        or WhatPeopleToldUsPage.objects.first()
    )
    if parent is None or not parent.permissions_for_user(request.user).can_add_subpage():
        messages.error(
            request, _("You cannot add pages under “What people told us”, or it does not exist.")
        )
        return redirect(edit)
    page = draft_story(experience, parent, request.user)
    messages.success(request, _("Story drafted. Check it, then submit it for approval."))
    return redirect("wagtailadmin_pages:edit", page.pk)
