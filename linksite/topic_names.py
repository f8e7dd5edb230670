"""Topic names that can have a page: each topic (a `taggit.Tag`) has a slug to be reached at.

A name of only punctuation (")>", pasted from markup) slugifies to nothing, and a topic page
cannot be reached at an empty slug. The editor refuses such a name on the topics field; a tag
made some other way (the shell, an import, an old database) is given a slug from the code
points of its name, so every tag has one.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from taggit.models import Tag


def slug_of(name):
    """The slug taggit gives a topic called `name`, which may be empty."""
    return Tag().slugify(name)


def fallback_slug(name):
    """A slug for a name with no letters or digits: its code points, e.g. "topic-29-3e"."""
    return ("topic-" + "-".join(f"{ord(c):x}" for c in name))[:100].rstrip("-")


def give_the_tag_a_slug(sender, instance, **kwargs):
    """pre_save of a Tag: never store an empty slug."""
    if not instance.slug:
        instance.slug = fallback_slug(instance.name or "")


class TopicsFieldForm:
    """Mixin for the page forms with a `topics` field: each topic must have letters or
    digits in its name."""

    def clean_topics(self):
        topics = self.cleaned_data.get("topics") or []
        unnamed = [name for name in topics if not slug_of(name)]
        if unnamed:
            raise ValidationError(
                _(
                    "A topic needs letters or digits in its name: %(topics)s has none. Remove "
                    "it or write the words it stands for."
                )
                % {"topics": ", ".join(f"“{name}”" for name in unnamed)},
                code="unnamed_topic",
            )
        return topics
