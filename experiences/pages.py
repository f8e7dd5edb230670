"""The public's side: the page to share an experience, "What people told us" (counts, and the
stories published with consent), and a published story.

The sharing page is a page (so its words are approved, translated and offered in easy read
like any other) whose form writes an `Experience`, never a page or a revision. A published
story is a page too, drafted by a handler from the de-identified version, and it goes live
only through the approval workflow and only while its author's consent to be quoted stands.
"""

from collections import Counter

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count
from django.db.models.functions import TruncQuarter
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Site
from wagtail.search import index

from linksite.pages import LinkPage, NamesNoOrganisation
from linksite.rate_limits import client_address, over_limit
from linksite.visibility import public

from . import safeguarding
from .forms import ShareExperienceForm
from .records import Experience

PER_CLIENT_PER_HOUR = 5
PER_CLIENT_PER_DAY = 20
RECEIPT_SALT = "experiences.receipt"
# Counts under this are shown as "fewer than 5", so no one can be picked out.
SMALLEST_COUNT_SHOWN = 5
OTHER_SERVICES = _("Other services")
NOT_SHOWN = "not shown"


class ShareExperiencePage(NamesNoOrganisation, LinkPage):
    """Tell us about your care: the form, and the receipt with a reference number."""

    introduction = RichTextField(
        _("introduction"), features=["bold", "italic", "link", "ul"], blank=True
    )
    what_happens_next = RichTextField(
        _("what happens next"),
        features=["bold", "italic", "link", "ul", "ol"],
        help_text=_("Shown on the receipt, after someone has shared their experience."),
    )

    content_panels = LinkPage.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("what_happens_next"),
    ]
    search_fields = LinkPage.search_fields + [index.SearchField("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("share your experience page")

    def route(self, request, path_components):
        if path_components == ["received"] and self.live:
            return self, (), {"receipt": True}
        return super().route(request, path_components)

    def serve(self, request, *args, receipt=False, **kwargs):
        # Never kept by a cache: the form carries a CSRF token and the person's words.
        if receipt:
            response = self.serve_receipt(request)
        elif request.method == "POST":
            response = self.receive(request)
        else:
            response = self.render_form(request, ShareExperienceForm())
        add_never_cache_headers(response)
        return response

    def render_form(self, request, form, status=200, refused=""):
        context = self.get_context(request)
        context.update(form=form, refused=refused)
        return TemplateResponse(request, self.get_template(request), context, status=status)

    def receive(self, request):
        form = ShareExperienceForm(request.POST)
        if not form.is_valid():
            return self.render_form(request, form, status=400)
        if form.looks_like_spam():
            # A person who was quick, or whose browser filled the hidden field, loses nothing:
            # the form comes back with their words in it and a new start time.
            data = request.POST.copy()
            data["started"] = form.initial["started"]
            data["leave_empty"] = ""
            return self.render_form(
                request,
                ShareExperienceForm(data),
                status=400,
                refused=_("Please check your answers, then send the form again."),
            )
        address = client_address(request)
        if over_limit("experiences-hour", address, PER_CLIENT_PER_HOUR) or over_limit(
            "experiences-day", address, PER_CLIENT_PER_DAY, period=86400
        ):
            return self.render_form(
                request,
                form,
                status=429,
                refused=_(
                    "We have had a lot of stories from your connection today. Please keep a "
                    "copy of yours and try again tomorrow, or phone us."
                ),
            )
        experience = record_experience(
            form.experience(translation.get_language() or "en"),
            form,
            Site.find_for_request(request),
        )
        receipt = signing.dumps(experience.reference, salt=RECEIPT_SALT)
        return redirect(f"{self.get_url(request)}received/?r={receipt}")

    def serve_receipt(self, request):
        try:
            reference = signing.loads(
                request.GET.get("r", ""), salt=RECEIPT_SALT, max_age=60 * 60 * 24 * 7
            )
        except signing.BadSignature:
            return redirect(self.get_url(request))
        context = self.get_context(request)
        context["reference"] = reference
        return TemplateResponse(request, "experiences/share_experience_received.html", context)


@transaction.atomic
def record_experience(experience, form, site, recorded_by=None):
    """Keep a new experience and its separate answers; flag and alert if it reports harm."""
    safeguarding.flag(experience)
    experience.recorded_by = recorded_by
    experience.save()
    voice = form.whose_voice(experience.quarter) if form is not None else None
    if voice:
        voice.save()
    safeguarding.alert_lead(experience, site)
    return experience


def shown_count(count):
    return count if count >= SMALLEST_COUNT_SHOWN else None


def suppressed(counts):
    """The counts to show: None ("fewer than 5") for each under 5; and when that hides only
    one count of a table whose total is shown, the next smallest is NOT_SHOWN, so the hidden
    one cannot be worked out by subtracting the others from the total."""
    shown = [shown_count(count) for count in counts]
    if shown.count(None) == 1 and len(shown) > 1:
        smallest = min(
            (count, index) for index, count in enumerate(counts) if shown[index] is not None
        )
        shown[smallest[1]] = NOT_SHOWN
    return shown


def counted(rows, names=True):
    """(label, count or None for "fewer than 5", whether the label is a name) for each row,
    the largest first. Names (of organisations, topics) are written in the site's default
    language; the page marks them so."""
    ordered = rows.most_common()
    shown = suppressed([count for _label, count in ordered])
    return [
        (label, count, names and label != OTHER_SERVICES)
        for (label, _count), count in zip(ordered, shown, strict=True)
    ]


class WhatPeopleToldUsPage(NamesNoOrganisation, LinkPage):
    """How many experiences the LINk heard, by organisation, topic and quarter, and the stories
    published with their authors' consent."""

    introduction = RichTextField(
        _("introduction"), features=["bold", "italic", "link", "ul"], blank=True
    )
    content_panels = LinkPage.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["experiences.ExperienceStoryPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("what people told us page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["summary"] = summary()
        context["stories"] = public(
            ExperienceStoryPage.objects.live().child_of(self).select_related("organisation")
        ).order_by("-first_published_at")
        return context


def summary():
    """Counts of every experience heard (stories removed by retention included), in four
    queries whatever their number; never fewer than 5 as a number."""
    experiences = Experience.objects.all()
    by_organisation = Counter(
        {
            (row["organisation__name"] or OTHER_SERVICES): row["n"]
            for row in experiences.values("organisation__name").annotate(n=Count("pk"))
        }
    )
    by_topic = Counter(
        {
            row["topics__name"]: row["n"]
            for row in experiences.filter(topics__isnull=False)
            .values("topics__name")
            .annotate(n=Count("pk"))
        }
    )
    by_quarter = {
        row["quarter"].date() if hasattr(row["quarter"], "date") else row["quarter"]: row["n"]
        for row in experiences.annotate(quarter=TruncQuarter("received_at"))
        .values("quarter")
        .annotate(n=Count("pk"))
    }
    return {
        "total": shown_count(experiences.count()),
        "by_organisation": counted(by_organisation),
        "by_topic": counted(by_topic),
        "by_quarter": list(
            zip(
                sorted(by_quarter),
                suppressed([by_quarter[q] for q in sorted(by_quarter)]),
                strict=True,
            )
        ),
    }


class ExperienceStoryPage(LinkPage):
    """One person's story, de-identified, published with their consent and the steering
    group's approval."""

    experience = models.ForeignKey(
        Experience,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="story_pages",
        editable=False,
    )
    organisation = models.ForeignKey(
        "linksite.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("the service it is about"),
    )
    shared_in = models.PositiveSmallIntegerField(_("year it was shared"), null=True, blank=True)
    story = models.TextField(
        _("the story, de-identified"),
        help_text=_("No names, exact dates or details that could identify anyone."),
    )

    content_panels = LinkPage.content_panels + [
        FieldPanel("organisation"),
        FieldPanel("story"),
    ]
    search_fields = LinkPage.search_fields + [index.SearchField("story")]
    parent_page_types = ["experiences.WhatPeopleToldUsPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("story from what people told us")
        verbose_name_plural = _("stories from what people told us")

    def own_organisations(self):
        return {self.organisation_id} - {None}

    def consent_barrier(self):
        experience = self.experience_id and Experience.objects.filter(pk=self.experience_id).first()
        if not experience:
            return _("A story is published only from an experience whose author agreed to it.")
        if not experience.may_quote:
            return _("The person who shared this experience has not agreed to be quoted.")
        if not experience.deidentified_story:
            return _("The experience has no de-identified version to publish.")
        for detail in (experience.contact_name, experience.contact_email, experience.contact_phone):
            if detail and detail.lower() in self.story.lower():
                return _("The story contains the contact details of the person who shared it.")
        return None

    def clean(self):
        super().clean()
        barrier = self.consent_barrier()
        if barrier:
            raise ValidationError({"story": barrier})

    def publication_barriers(self):
        barrier = self.consent_barrier()
        return [barrier] if barrier else []


def draft_story(experience, parent, user):
    """A draft story page from an experience's de-identified version, for a handler."""
    page = ExperienceStoryPage(
        title=_("What someone told us about %(service)s") % {"service": experience.service_name()},
        experience=experience,
        organisation=experience.organisation,
        shared_in=timezone.localtime(experience.received_at).year,
        story=experience.deidentified_story,
        live=False,
        owner=user,
    )
    parent.add_child(instance=page)
    page.save_revision(user=user, log_action=True)
    return page
