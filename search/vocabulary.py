"""The words spelling suggestions come from: the live text a search in one language offers.

"Did you mean" needs the words of every live, public title, summary, topic and organisation a
search can find. Reading them all for each search that found nothing cost a read of every
entry; instead they are gathered once per *edition* of the site (linksite/furniture.py: a new
edition starts whenever something is published, unpublished, moved or deleted, or a view
restriction changes, and when a renamed organisation's entries are brought up to date,
search/tasks.py) and kept in the cache, grouped by length, so a word is compared only with
the words that could be near enough to it.
"""

import difflib
import re
from collections import defaultdict

from django.core.cache import cache

from linksite.furniture import FRAGMENT_SECONDS, current_edition

# How alike a word must be to be suggested (difflib's ratio).
CUTOFF = 0.75
SHORTEST = 3  # words shorter than this are neither suggested nor corrected


def words_of(text):
    return (w for w in re.findall(r"\w+", text.lower()) if len(w) >= SHORTEST)


def gather(locale):
    """{length: sorted words} of the live text a search in `locale` offers."""
    from .results import public_entries, readable_in

    entries = public_entries().filter(readable_in(locale))
    vocabulary = set()
    for title, summary in entries.values_list("title", "summary").iterator(chunk_size=2000):
        vocabulary.update(words_of(title))
        vocabulary.update(words_of(summary))
    # Only the names of topics and organisations live pages are about (never a name just
    # typed in the admin).
    for field in ("topics__name", "organisations__name"):
        for name in entries.filter(**{f"{field}__isnull": False}).values_list(
            field, flat=True
        ).distinct():  # fmt: skip
            vocabulary.update(words_of(name))
    by_length = defaultdict(list)
    for word in vocabulary:
        by_length[len(word)].append(word)
    return {length: sorted(words) for length, words in by_length.items()}


def vocabulary(locale):
    """The words of `locale`'s search (as `gather`), kept for this edition of the site."""
    key = f"search:vocabulary:{current_edition()}:{locale.pk}"
    found = cache.get(key)
    if found is None:
        found = gather(locale)
        cache.set(key, found, FRAGMENT_SECONDS)
    return found


def nearest(word, by_length):
    """The word of the vocabulary nearest to `word`, or None. Only words whose length allows
    difflib's ratio to reach CUTOFF are compared (the ratio is at most 2·min/(sum))."""
    size = len(word)
    candidates = [
        candidate
        for length, words in by_length.items()
        if 2 * min(size, length) / (size + length) >= CUTOFF
        for candidate in words
    ]
    close = difflib.get_close_matches(word, candidates, n=1, cutoff=CUTOFF)
    return close[0] if close else None


def suggestion(query, locale):
    """The words asked for, each replaced by the nearest known word when it is not known
    itself; None when that changes nothing."""
    by_length = vocabulary(locale)
    words = query.lower().split()
    suggested = []
    for word in words:
        if len(word) < SHORTEST or word in by_length.get(len(word), ()):
            suggested.append(word)
            continue
        suggested.append(nearest(word, by_length) or word)
    return " ".join(suggested) if suggested != words else None
