"""What a page going live is "about", as subscription scopes: the kind of list it appears
in, the report whose replies it is, its topics and its organisations."""

from django.utils.translation import gettext_lazy as _

from linksite.visibility import public

KIND_SCOPES = {
    "reportpage": ("reports", _("New reports")),
    "decisionpage": ("decisions", _("The decision log")),
}


def scopes_of(page):
    """The scopes a live page matches."""
    page = page.specific
    model = page._meta.model_name
    scopes = set()
    if model in KIND_SCOPES:
        scopes.add(KIND_SCOPES[model][0])
    if model == "responsepage":
        scopes.add(f"replies:{page.get_parent().pk}")
    if model not in KIND_SCOPES and model != "responsepage":
        return scopes  # other pages (standard pages, the work plan) have no alerts
    topics = getattr(page, "topics", None)
    if topics is not None:
        scopes |= {f"topic:{tag.slug}" for tag in topics.all()}
    finder = getattr(page, "concerned_organisations", None)
    if finder is not None:
        scopes |= {f"organisation:{pk}" for pk in finder().values_list("pk", flat=True)}
    return scopes


def label_of(scope):
    """A person's words for a scope, or None when it names nothing that exists."""
    from linksite.models import Organisation

    kind, _sep, value = scope.partition(":")
    if not value:
        for known, label in KIND_SCOPES.values():
            if known == scope:
                return str(label)
        return None
    if kind == "topic":
        from taggit.models import Tag

        tag = Tag.objects.filter(slug=value).first()
        return str(_("Topic: %(name)s") % {"name": tag.name}) if tag else None
    if not value.isdigit():
        return None
    if kind == "organisation":
        organisation = Organisation.objects.filter(pk=int(value)).first()
        return str(_("Reports about %(name)s") % {"name": organisation}) if organisation else None
    if kind == "replies":
        from wagtail.models import Page

        report = public(Page.objects.live()).filter(pk=int(value)).first()
        return str(_("Replies to '%(title)s'") % {"title": report.title}) if report else None
    return None
