"""Demo content for topics: the topic index at /topics/, in English, Urdu, Polish and
Bengali, and the names of the translated report's topics in those languages.

The topics themselves are the ones the other apps' demo modules put on their reports,
decisions, visits and work plan items; this module adds the page that lists them, and
translates the names of the topics a translated page shows the way a translator would
(wagtail-localize, search/topic_translations.py).
"""

from linksite.demo import child_page, translate_snippet, translate_through_workflow

from .topics import TopicIndexPage

INTRODUCTION = (
    "Everything we have published, by topic: our reports, our decisions, the places we "
    "visit to enter and view, and the work in our work plan."
)

TRANSLATIONS = {
    "ur": {
        "Topics": "موضوعات",
        "topics": "topics",
        INTRODUCTION: (
            "ہم نے جو کچھ شائع کیا ہے، موضوع کے لحاظ سے: ہماری رپورٹیں، ہمارے فیصلے، وہ جگہیں "
            "جہاں ہم داخلہ اور مشاہدہ کے لیے جاتے ہیں، اور ہمارے کام کے منصوبے کا کام۔"
        ),
    },
    "pl": {
        "Topics": "Tematy",
        "topics": "topics",
        INTRODUCTION: (
            "Wszystko, co opublikowaliśmy, według tematów: nasze raporty, nasze decyzje, "
            "placówki, które odwiedzamy w ramach wizyt „wejście i obserwacja”, oraz zadania "
            "z naszego planu pracy."
        ),
    },
    "bn": {
        "Topics": "বিষয়",
        "topics": "topics",
        INTRODUCTION: (
            "আমরা যা কিছু প্রকাশ করেছি, বিষয় অনুযায়ী: আমাদের প্রতিবেদন, আমাদের সিদ্ধান্ত, যেসব "
            "জায়গায় আমরা প্রবেশ ও পর্যবেক্ষণের জন্য যাই, এবং আমাদের কর্মপরিকল্পনার কাজ।"
        ),
    },
}

# The names of the topics on the translated report (publications/demo_translations.py).
TOPIC_NAMES = {
    "ur": {"Care homes": "کیئر ہومز", "mealtimes": "کھانے کے اوقات", "dignity": "وقار"},
    "pl": {"Care homes": "Domy opieki", "mealtimes": "posiłki", "dignity": "godność"},
    "bn": {"Care homes": "কেয়ার হোম", "mealtimes": "খাবারের সময়", "dignity": "মর্যাদা"},
}


def load(demo):
    index = child_page(
        demo.home,
        TopicIndexPage,
        "topics",
        title="Topics",
        show_in_menus=True,
        introduction=f"<p>{INTRODUCTION}</p>",
    )
    demo.pages["topics"] = index
    for language, strings in TRANSLATIONS.items():
        demo.pages[f"topics-{language}"] = translate_through_workflow(index, language, strings)
    from .topic_translations import TopicName, default_locale

    english = {name.name: name for name in TopicName.objects.filter(locale=default_locale())}
    for language, names in TOPIC_NAMES.items():
        for name in names:
            translate_snippet(english[name], language, names)
