"""Urdu, Polish and Bengali translations of the demo's report list and its enter and view report on
Willow Court (a translated report needs its parent, the report list, in the same language).

Keyed by the English source string, as a translator's PO file is; the demo fills them in
through wagtail-localize and takes each translation through the approval workflow. The slug
stays the English one, so the report has the same address in every language.
"""

REPORTS = {
    "ur": {
        "Reports": "رپورٹیں",
        "reports": "reports",
        "What we found when we listened to people and visited services, what we recommended, "
        "and whether the organisations we wrote to replied in time.": (
            "جب ہم نے لوگوں کی بات سنی اور خدمات کا دورہ کیا تو ہمیں کیا معلوم ہوا، ہم نے کیا "
            "سفارشات کیں، اور جن اداروں کو ہم نے لکھا انہوں نے وقت پر جواب دیا یا نہیں۔"
        ),
    },
    "pl": {
        "Reports": "Raporty",
        "reports": "reports",
        "What we found when we listened to people and visited services, what we recommended, "
        "and whether the organisations we wrote to replied in time.": (
            "Czego dowiedzieliśmy się, słuchając ludzi i odwiedzając placówki, co zaleciliśmy "
            "i czy organizacje, do których napisaliśmy, odpowiedziały na czas."
        ),
    },
    "bn": {
        "Reports": "প্রতিবেদন",
        "reports": "reports",
        "What we found when we listened to people and visited services, what we recommended, "
        "and whether the organisations we wrote to replied in time.": (
            "মানুষের কথা শুনে এবং সেবাগুলো পরিদর্শন করে আমরা কী জানতে পেরেছি, আমরা কী সুপারিশ "
            "করেছি, এবং যেসব সংস্থাকে আমরা লিখেছি তারা সময়মতো উত্তর দিয়েছে কি না।"
        ),
    },
}

RECOMMENDATION_1 = "Offer residents a choice of meal at the time it is served, not the day before."
RECOMMENDATION_2 = (
    "Make sure everyone who needs help with eating gets it before their food goes cold, if need "
    "be by staggering lunch."
)
RECOMMENDATION_3 = (
    "Repair the call bells in the first floor lounge and check every call bell each week."
)

WILLOW_COURT_REPORT = {
    "ur": {
        "Enter and view visit: Willow Court care home": (
            "داخلہ اور مشاہدہ کا دورہ: وِلو کورٹ کیئر ہوم"
        ),
        "enter-and-view-willow-court": "enter-and-view-willow-court",
        "Residents are treated kindly, but mealtimes are rushed and some wait too long for help.": (
            "رہائشیوں کے ساتھ مہربانی سے پیش آیا جاتا ہے، لیکن کھانے کے اوقات میں جلدی کی جاتی "
            "ہے اور کچھ لوگوں کو مدد کے لیے بہت دیر تک انتظار کرنا پڑتا ہے۔"
        ),
        "What we did": "ہم نے کیا کیا",
        "Two authorised representatives visited the communal areas of Willow Court, a care "
        "home for 42 older people, on a weekday over lunch. We spoke with residents, relatives "
        "and staff. We did not enter residents' rooms.": (
            "ہمارے دو مجاز نمائندوں نے ہفتے کے ایک عام دن دوپہر کے کھانے کے وقت وِلو کورٹ کے "
            "مشترکہ حصوں کا دورہ کیا۔ وِلو کورٹ 42 بزرگ افراد کے لیے ایک کیئر ہوم ہے۔ ہم نے "
            "رہائشیوں، ان کے رشتہ داروں اور عملے سے بات کی۔ ہم رہائشیوں کے کمروں میں نہیں گئے۔"
        ),
        "What we found": "ہم نے کیا دیکھا",
        "Staff knew residents well and spoke to them kindly. The home was clean. Lunch was "
        "served quickly and several residents who needed help with eating waited until their "
        "food had gone cold.": (
            "عملہ رہائشیوں کو اچھی طرح جانتا تھا اور ان سے نرمی اور مہربانی سے بات کرتا تھا۔ "
            "کیئر ہوم صاف ستھرا تھا۔ دوپہر کا کھانا جلدی جلدی پیش کیا گیا، اور کئی رہائشی جنہیں "
            "کھانا کھانے میں مدد کی ضرورت تھی، اس وقت تک انتظار کرتے رہے جب تک ان کا کھانا ٹھنڈا "
            "نہ ہو گیا۔"
        ),
        "They are lovely here, but dinner is a rush.": (
            "یہاں سب بہت اچھے ہیں، لیکن کھانے کے وقت بہت جلدی ہوتی ہے۔"
        ),
        "a resident": "ایک رہائشی",
        "Mum's call bell in the lounge has not worked for weeks.": (
            "لاؤنج میں امی کی مدد بلانے والی گھنٹی کئی ہفتوں سے کام نہیں کر رہی۔"
        ),
        "a relative": "ایک رشتہ دار",
        RECOMMENDATION_1: (
            "رہائشیوں کو کھانے کا انتخاب اسی وقت دیں جب کھانا پیش کیا جائے، ایک دن پہلے نہیں۔"
        ),
        RECOMMENDATION_2: (
            "یقینی بنائیں کہ جس کسی کو کھانا کھانے میں مدد کی ضرورت ہو، اسے کھانا ٹھنڈا ہونے سے "
            "پہلے مدد ملے، چاہے اس کے لیے دوپہر کا کھانا باری باری پیش کرنا پڑے۔"
        ),
        RECOMMENDATION_3: (
            "پہلی منزل کے لاؤنج میں مدد بلانے والی گھنٹیاں ٹھیک کریں، اور ہر ہفتے ہر گھنٹی کی "
            "جانچ کریں۔"
        ),
    },
    "pl": {
        "Enter and view visit: Willow Court care home": (
            "Wizyta „wejście i obserwacja”: dom opieki Willow Court"
        ),
        "enter-and-view-willow-court": "enter-and-view-willow-court",
        "Residents are treated kindly, but mealtimes are rushed and some wait too long for help.": (
            "Mieszkańcy są traktowani życzliwie, ale posiłki podaje się w pośpiechu, a niektórzy "
            "zbyt długo czekają na pomoc."
        ),
        "What we did": "Co zrobiliśmy",
        "Two authorised representatives visited the communal areas of Willow Court, a care "
        "home for 42 older people, on a weekday over lunch. We spoke with residents, relatives "
        "and staff. We did not enter residents' rooms.": (
            "Dwie upoważnione osoby reprezentujące LINk odwiedziły części wspólne Willow Court, "
            "domu opieki dla 42 osób starszych, w dzień powszedni w porze obiadu. Rozmawialiśmy "
            "z mieszkańcami, ich bliskimi i personelem. Nie wchodziliśmy do pokoi mieszkańców."
        ),
        "What we found": "Co zauważyliśmy",
        "Staff knew residents well and spoke to them kindly. The home was clean. Lunch was "
        "served quickly and several residents who needed help with eating waited until their "
        "food had gone cold.": (
            "Personel dobrze znał mieszkańców i zwracał się do nich życzliwie. W domu było "
            "czysto. Obiad podano szybko, a kilkoro mieszkańców, którzy potrzebowali pomocy przy "
            "jedzeniu, czekało tak długo, że ich posiłek zdążył wystygnąć."
        ),
        "They are lovely here, but dinner is a rush.": (
            "Wszyscy są tu kochani, ale obiad to zawsze pośpiech."
        ),
        "a resident": "mieszkaniec domu",
        "Mum's call bell in the lounge has not worked for weeks.": (
            "Dzwonek przywoławczy mamy w salonie nie działa od tygodni."
        ),
        "a relative": "członek rodziny",
        RECOMMENDATION_1: (
            "Dawać mieszkańcom wybór posiłku w chwili, gdy jest podawany, a nie dzień wcześniej."
        ),
        RECOMMENDATION_2: (
            "Zadbać o to, by każdy, kto potrzebuje pomocy przy jedzeniu, otrzymał ją, zanim "
            "posiłek wystygnie, w razie potrzeby podając obiad w kilku turach."
        ),
        RECOMMENDATION_3: (
            "Naprawić dzwonki przywoławcze w salonie na pierwszym piętrze i co tydzień "
            "sprawdzać każdy dzwonek."
        ),
    },
    "bn": {
        "Enter and view visit: Willow Court care home": (
            "প্রবেশ ও পর্যবেক্ষণ পরিদর্শন: উইলো কোর্ট কেয়ার হোম"
        ),
        "enter-and-view-willow-court": "enter-and-view-willow-court",
        "Residents are treated kindly, but mealtimes are rushed and some wait too long for help.": (
            "বাসিন্দাদের সঙ্গে সদয় আচরণ করা হয়, কিন্তু খাবারের সময় তাড়াহুড়ো হয় এবং কেউ কেউ "
            "সাহায্যের জন্য অনেকক্ষণ অপেক্ষা করেন।"
        ),
        "What we did": "আমরা কী করেছি",
        "Two authorised representatives visited the communal areas of Willow Court, a care "
        "home for 42 older people, on a weekday over lunch. We spoke with residents, relatives "
        "and staff. We did not enter residents' rooms.": (
            "আমাদের দুজন অনুমোদিত প্রতিনিধি এক কর্মদিবসে দুপুরের খাবারের সময় উইলো কোর্টের "
            "সাধারণ জায়গাগুলো পরিদর্শন করেছেন। উইলো কোর্ট 42 জন বয়স্ক মানুষের একটি কেয়ার হোম। "
            "আমরা বাসিন্দা, তাঁদের আত্মীয়স্বজন ও কর্মীদের সঙ্গে কথা বলেছি। আমরা বাসিন্দাদের "
            "ঘরে ঢুকিনি।"
        ),
        "What we found": "আমরা কী দেখেছি",
        "Staff knew residents well and spoke to them kindly. The home was clean. Lunch was "
        "served quickly and several residents who needed help with eating waited until their "
        "food had gone cold.": (
            "কর্মীরা বাসিন্দাদের ভালোভাবে চেনেন এবং তাঁদের সঙ্গে সদয়ভাবে কথা বলেন। হোমটি "
            "পরিষ্কার ছিল। দুপুরের খাবার তাড়াতাড়ি পরিবেশন করা হয়েছিল, আর খেতে সাহায্য লাগে "
            "এমন কয়েকজন বাসিন্দা খাবার ঠান্ডা হয়ে যাওয়া পর্যন্ত অপেক্ষা করেছেন।"
        ),
        "They are lovely here, but dinner is a rush.": (
            "এখানে সবাই খুব ভালো, কিন্তু খাওয়ার সময় খুব তাড়াহুড়ো হয়।"
        ),
        "a resident": "একজন বাসিন্দা",
        "Mum's call bell in the lounge has not worked for weeks.": (
            "লাউঞ্জে মায়ের ডাকার ঘণ্টাটি কয়েক সপ্তাহ ধরে কাজ করছে না।"
        ),
        "a relative": "একজন আত্মীয়",
        RECOMMENDATION_1: ("খাবার পরিবেশনের সময়েই বাসিন্দাদের খাবার বেছে নেওয়ার সুযোগ দিন, আগের দিন নয়।"),
        RECOMMENDATION_2: (
            "খেতে যাঁদের সাহায্য লাগে, তাঁরা যেন খাবার ঠান্ডা হওয়ার আগেই সাহায্য পান তা "
            "নিশ্চিত করুন, প্রয়োজনে দুপুরের খাবার পালা করে পরিবেশন করে।"
        ),
        RECOMMENDATION_3: (
            "প্রথম তলার লাউঞ্জের ডাকার ঘণ্টাগুলো মেরামত করুন এবং প্রতি সপ্তাহে প্রতিটি ঘণ্টা পরীক্ষা করুন।"
        ),
    },
}
