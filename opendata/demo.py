"""Demo content for the open data: the Open data page (English, Urdu, Polish and Bengali,
approved like every page), linked from the footer, and its files built from the demo's
records."""

from linksite.demo import child_page, translate_through_workflow

from .downloads import build_open_data
from .models import OpenDataPage

OGL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
INTRODUCTION = (
    "The records behind this website, as files you can download and reuse: every published "
    "report, recommendation, reply, decision, procedure, visit, request and referral, who may "
    "enter and view, and the organisations they name."
)
# As a translator's PO file gives it (wagtail-localize): the link's address is kept apart.
LICENCE = (
    'You may copy, publish and adapt these data freely, for any purpose, under the <a id="a1">'
    "Open Government Licence v3.0</a>. Please say that they come from the LINk."
)
TRANSLATIONS = {
    "ur": {
        "Open data": "کھلا ڈیٹا",
        "open-data": "open-data",
        INTRODUCTION: (
            "اس ویب سائٹ کے پیچھے موجود ریکارڈ، ایسی فائلوں کی صورت میں جنہیں آپ ڈاؤن لوڈ کر کے "
            "دوبارہ استعمال کر سکتے ہیں: ہر شائع شدہ رپورٹ، سفارش، جواب، فیصلہ، طریقۂ کار، دورہ، "
            "درخواست اور حوالہ، کون داخل ہو کر دیکھ سکتا ہے، اور وہ ادارے جن کا ان میں ذکر ہے۔"
        ),
        LICENCE: (
            'آپ یہ ڈیٹا <a id="a1">اوپن گورنمنٹ لائسنس، ورژن 3.0</a> کے تحت کسی بھی مقصد کے لیے '
            "آزادی سے نقل، شائع اور تبدیل کر سکتے ہیں۔ براہ کرم بتائیں کہ یہ لنک سے لیا گیا ہے۔"
        ),
    },
    "pl": {
        "Open data": "Otwarte dane",
        "open-data": "open-data",
        INTRODUCTION: (
            "Dane, na których opiera się ta strona, jako pliki do pobrania i ponownego "
            "wykorzystania: każdy opublikowany raport, zalecenie, odpowiedź, decyzja, procedura, "
            "wizyta, wniosek i skierowanie, osoby upoważnione do wizyt oraz organizacje, które "
            "są w nich wymienione."
        ),
        LICENCE: (
            "Możesz swobodnie kopiować, publikować i przetwarzać te dane w dowolnym celu na "
            'warunkach licencji <a id="a1">Open Government Licence v3.0</a>. Prosimy o podanie, '
            "że pochodzą od LINk."
        ),
    },
    "bn": {
        "Open data": "উন্মুক্ত তথ্য",
        "open-data": "open-data",
        INTRODUCTION: (
            "এই ওয়েবসাইটের পেছনের নথিগুলো, এমন ফাইল হিসেবে যা আপনি ডাউনলোড করে আবার ব্যবহার "
            "করতে পারেন: প্রকাশিত প্রতিটি প্রতিবেদন, সুপারিশ, উত্তর, সিদ্ধান্ত, পদ্ধতি, পরিদর্শন, "
            "অনুরোধ ও রেফারেল, কারা প্রবেশ করে দেখতে পারেন, এবং এগুলোতে যে সংস্থাগুলোর নাম আছে।"
        ),
        LICENCE: (
            '<a id="a1">ওপেন গভর্নমেন্ট লাইসেন্স, সংস্করণ 3.0</a>-এর অধীনে আপনি যেকোনো উদ্দেশ্যে '
            "এই তথ্য অবাধে অনুলিপি, প্রকাশ ও পরিবর্তন করতে পারেন। অনুগ্রহ করে উল্লেখ করুন যে "
            "এগুলো লিংক থেকে নেওয়া।"
        ),
    },
}


def load(demo):
    page = child_page(
        demo.home,
        OpenDataPage,
        "open-data",
        title="Open data",
        show_in_menus=False,
        introduction=f"<p>{INTRODUCTION}</p>",
        licence="<p>" + LICENCE.replace('<a id="a1">', f'<a href="{OGL}">') + "</p>",
    )
    demo.pages["open-data"] = page
    for language, strings in TRANSLATIONS.items():
        demo.pages[f"open-data-{language}"] = translate_through_workflow(page, language, strings)
    # Built now, so the page lists its files at once (the worker builds them again when it
    # runs the task the demo's publishing asked for, with anything the demo added after this).
    build_open_data()
