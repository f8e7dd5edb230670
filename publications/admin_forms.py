"""Editor forms that check a page against its parent and its inline rows, with the error on
the field the editor has to change. Models are imported late: the models import this module."""

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm

from linksite.topic_names import TopicsFieldForm


def live_rows(formset):
    """The inline forms that will be saved: valid, not deleted, not left blank."""
    formset.is_valid()
    return [
        form
        for form in formset.forms
        if getattr(form, "cleaned_data", None)
        and not formset._should_delete_form(form)
        and (form.instance.pk or form.has_changed())
    ]


def deleted_rows(formset):
    return [
        form
        for form in formset.forms
        if form.instance.pk
        and getattr(form, "cleaned_data", None)
        and formset._should_delete_form(form)
    ]


def limit_choices(formset, field_name, queryset):
    """Make every row of `formset` (the blank template row too) choose only from `queryset`."""
    base = formset.form

    class Limited(base):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields[field_name].queryset = queryset

    Limited.__name__ = base.__name__
    formset.form = Limited


def names(organisations):
    return ", ".join(sorted(str(o) for o in organisations))


class ReportPageForm(TopicsFieldForm, WagtailAdminPageForm):
    def clean(self):
        from .models import ReportIndexPage, ResponsePage

        cleaned_data = super().clean()
        if cleaned_data.get("slug") in ReportIndexPage.RESERVED_SLUGS:
            self.add_error(
                "slug",
                _("'%(slug)s' is kept for the report list.") % {"slug": cleaned_data["slug"]},
            )
        document = cleaned_data.get("report_document")
        if document is not None and document.file_extension.lower() != "pdf":
            self.add_error("report_document", _("Attach the report itself as a PDF."))
        if "recipients" not in self.formsets or "recommendations" not in self.formsets:
            return cleaned_data
        replies = (
            ResponsePage.objects.child_of(self.instance).select_related("organisation")
            if self.instance.pk
            else ResponsePage.objects.none()
        )
        replied = {reply.organisation_id: reply for reply in replies}
        sent_to = self.check_recipients(replied)
        self.check_recommendations(sent_to)
        return cleaned_data

    def check_recipients(self, replied):
        sent_to = {}
        report_date = self.cleaned_data.get("report_date")
        for form in live_rows(self.formsets["recipients"]):
            organisation = form.cleaned_data.get("organisation")
            sent_on = form.cleaned_data.get("sent_on")
            if report_date and sent_on and sent_on < report_date:
                form.add_error(
                    "sent_on",
                    _(
                        "The report is dated %(report_date)s: it cannot have been sent before "
                        "that. Check this date and the date of the report."
                    )
                    % {"report_date": date_format(report_date)},
                )
            if organisation is None:
                continue
            if organisation.pk in sent_to:
                form.add_error(
                    "organisation",
                    _("The report is already listed as sent to %(organisation)s.")
                    % {"organisation": organisation},
                )
            sent_to[organisation.pk] = organisation
        for form in deleted_rows(self.formsets["recipients"]):
            reply = replied.get(form.instance.organisation_id)
            if reply is not None and form.instance.organisation_id not in sent_to:
                self.add_error(
                    None,
                    _(
                        "%(organisation)s cannot be removed from 'Sent to': its reply "
                        "'%(reply)s' is recorded under this report."
                    )
                    % {"organisation": form.instance.organisation, "reply": reply.title},
                )
        return sent_to

    def check_recommendations(self, sent_to):
        from .models import RecommendationOutcome

        formset = self.formsets["recommendations"]
        existing = [form.instance.pk for form in formset.forms if form.instance.pk]
        answered = set(
            RecommendationOutcome.objects.filter(recommendation_id__in=existing).values_list(
                "recommendation_id", flat=True
            )
        )
        numbers = set()
        for form in live_rows(formset):
            number = form.cleaned_data.get("number")
            organisation = form.cleaned_data.get("organisation")
            if number is not None:
                if number in numbers:
                    form.add_error(
                        "number",
                        _("Another recommendation is already number %(number)s.")
                        % {"number": number},
                    )
                numbers.add(number)
            if organisation is not None and organisation.pk not in sent_to:
                form.add_error(
                    "organisation",
                    _(
                        "The report is not sent to %(organisation)s. Add it under 'Sent to', "
                        "or address the recommendation to an organisation the report is sent to."
                    )
                    % {"organisation": organisation},
                )
            if (
                form.instance.pk in answered
                and organisation is not None
                and organisation.pk != form.instance.organisation_id
            ):
                form.add_error(
                    "organisation",
                    _("This recommendation has been answered, so who it is addressed to stays."),
                )
        for form in deleted_rows(formset):
            if form.instance.pk in answered:
                self.add_error(
                    None,
                    _(
                        "Recommendation %(number)s cannot be removed: a reply has given its "
                        "outcome. Change the reply first."
                    )
                    % {"number": form.instance.number},
                )


class ResponsePageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        from .models import Recommendation

        super().__init__(*args, **kwargs)
        if self.parent_page is not None and "outcomes" in self.formsets:
            limit_choices(
                self.formsets["outcomes"],
                "recommendation",
                Recommendation.objects.filter(page_id=self.parent_page.pk).select_related(
                    "organisation"
                ),
            )

    def clean(self):
        cleaned_data = super().clean()
        if self.parent_page is None:
            return cleaned_data
        organisation = cleaned_data.get("organisation")
        received_on = cleaned_data.get("received_on")
        if organisation is not None:
            self.check_sender(organisation, received_on)
            if "outcomes" in self.formsets:
                self.check_outcomes(organisation)
        return cleaned_data

    def check_sender(self, organisation, received_on):
        from .models import ReportRecipient, ResponsePage

        recipients = list(
            ReportRecipient.objects.filter(page_id=self.parent_page.pk).select_related(
                "organisation"
            )
        )
        recipient = next((r for r in recipients if r.organisation_id == organisation.pk), None)
        if recipient is None:
            if recipients:
                message = _(
                    "The report was not sent to %(organisation)s, so it cannot have replied. "
                    "It was sent to: %(recipients)s."
                ) % {
                    "organisation": organisation,
                    "recipients": names(r.organisation for r in recipients),
                }
            else:
                message = _(
                    "The report was not sent to %(organisation)s (it has not been sent to any "
                    "organisation yet), so it cannot have replied."
                ) % {"organisation": organisation}
            self.add_error("organisation", message)
            return
        if received_on and received_on < recipient.sent_on:
            self.add_error(
                "received_on",
                _(
                    "The report was sent to %(organisation)s on %(sent_on)s: a reply cannot be "
                    "dated before that."
                )
                % {
                    "organisation": organisation,
                    "sent_on": date_format(recipient.sent_on),
                },
            )
        others = ResponsePage.objects.child_of(self.parent_page).filter(organisation=organisation)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        other = others.first()
        if other is not None:
            self.add_error(
                "organisation",
                _(
                    "A reply from %(organisation)s to this report is already recorded "
                    "('%(title)s'): add to that one instead."
                )
                % {"organisation": organisation, "title": other.title},
            )

    def check_outcomes(self, organisation):
        answered = set()
        for form in live_rows(self.formsets["outcomes"]):
            recommendation = form.cleaned_data.get("recommendation")
            if recommendation is None:
                continue
            if recommendation.organisation_id != organisation.pk:
                form.add_error(
                    "recommendation",
                    _(
                        "Recommendation %(number)s is addressed to %(addressee)s, not to "
                        "%(organisation)s."
                    )
                    % {
                        "number": recommendation.number,
                        "addressee": recommendation.organisation,
                        "organisation": organisation,
                    },
                )
            if recommendation.pk in answered:
                form.add_error(
                    "recommendation",
                    _("Recommendation %(number)s already has an outcome in this reply.")
                    % {"number": recommendation.number},
                )
            answered.add(recommendation.pk)


class WorkPlanItemPageForm(TopicsFieldForm, WagtailAdminPageForm):
    pass


class WorkPlanPageForm(WagtailAdminPageForm):
    def clean(self):
        from .models import WorkPlanPage

        cleaned_data = super().clean()
        year = cleaned_data.get("year_starting")
        if year and self.parent_page is not None:
            others = WorkPlanPage.objects.child_of(self.parent_page).filter(year_starting=year)
            if self.instance.pk:
                others = others.exclude(pk=self.instance.pk)
            if others.exists():
                self.add_error(
                    "year_starting",
                    _("There is already a work plan for %(year)s.")
                    % {"year": WorkPlanPage.label_for(year)},
                )
        return cleaned_data
