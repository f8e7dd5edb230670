"""Urdu and Polish translations of the demo's report list and its enter and view report on
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
}

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
    },
}
