"""Urdu, Polish and Bengali translations of the demo's home page (with the LINk's name, area and
host, linksite/identity.py), and Urdu and Polish ones of its "Get involved" page.

Keyed by the English source string, as a translator's PO file is; the demo fills them in
through wagtail-localize and takes each translation through the approval workflow.
"""

HOME = {
    "ur": {
        "Aldermoor LINk": "ایلڈرمور لنک",
        "home": "home",
        "the Borough of Aldermoor": "بورو آف ایلڈرمور",
        "Aldermoor Community Voice Trust": "ایلڈرمور کمیونٹی وائس ٹرسٹ",
        "Aldermoor LINk is the independent local watchdog for health and social care in the "
        "Borough of Aldermoor. We find out what people think of local services and make sure "
        "those who plan and run them listen.": (
            "ایلڈرمور لنک، بورو آف ایلڈرمور میں صحت اور سماجی نگہداشت پر نظر رکھنے والا ایک "
            "آزاد مقامی ادارہ ہے۔ ہم معلوم کرتے ہیں کہ لوگ مقامی خدمات کے بارے میں کیا سوچتے "
            "ہیں، اور اس بات کو یقینی بناتے ہیں کہ ان خدمات کی منصوبہ بندی کرنے والے اور انہیں "
            "چلانے والے لوگوں کی بات سنیں۔"
        ),
        "Anyone who lives or works in Aldermoor can take part. Tell us about care you or "
        "someone you look after has received, come to an open meeting, or train to visit care "
        "services as an authorised representative.": (
            "ایلڈرمور میں رہنے یا کام کرنے والا ہر شخص حصہ لے سکتا ہے۔ ہمیں اس نگہداشت کے بارے "
            "میں بتائیں جو آپ کو یا آپ کے زیرِ نگہداشت کسی فرد کو ملی ہے، ہماری کھلی میٹنگ میں "
            "آئیں، یا مجاز نمائندے کے طور پر نگہداشت کی جگہوں کا دورہ کرنے کی تربیت حاصل کریں۔"
        ),
    },
    "pl": {
        "Aldermoor LINk": "Aldermoor LINk",
        "home": "home",
        "the Borough of Aldermoor": "gmina Aldermoor",
        "Aldermoor Community Voice Trust": "Aldermoor Community Voice Trust",
        "Aldermoor LINk is the independent local watchdog for health and social care in the "
        "Borough of Aldermoor. We find out what people think of local services and make sure "
        "those who plan and run them listen.": (
            "Aldermoor LINk to niezależna lokalna organizacja, która czuwa nad opieką zdrowotną "
            "i społeczną w gminie Aldermoor. Pytamy mieszkańców, co myślą o lokalnych usługach, "
            "i dbamy o to, by ci, którzy je planują i prowadzą, słuchali ich głosu."
        ),
        "Anyone who lives or works in Aldermoor can take part. Tell us about care you or "
        "someone you look after has received, come to an open meeting, or train to visit care "
        "services as an authorised representative.": (
            "Może do nas dołączyć każdy, kto mieszka lub pracuje w Aldermoor. Mogą Państwo "
            "opowiedzieć nam o opiece, jaką otrzymali Państwo lub osoba, którą się Państwo "
            "opiekują, przyjść na otwarte spotkanie albo przejść szkolenie i odwiedzać placówki "
            "opieki jako upoważniony przedstawiciel."
        ),
    },
    "bn": {
        "Aldermoor LINk": "অ্যাল্ডারমুর লিংক",
        "home": "home",
        "the Borough of Aldermoor": "বরো অফ অ্যাল্ডারমুর",
        "Aldermoor Community Voice Trust": "অ্যাল্ডারমুর কমিউনিটি ভয়েস ট্রাস্ট",
        "Aldermoor LINk is the independent local watchdog for health and social care in the "
        "Borough of Aldermoor. We find out what people think of local services and make sure "
        "those who plan and run them listen.": (
            "অ্যাল্ডারমুর লিংক বরো অফ অ্যাল্ডারমুরে স্বাস্থ্য ও সামাজিক সেবার ওপর নজর রাখা একটি "
            "স্বাধীন স্থানীয় সংস্থা। স্থানীয় সেবা নিয়ে মানুষ কী ভাবেন তা আমরা জেনে নিই, এবং "
            "যাঁরা এই সেবার পরিকল্পনা করেন ও চালান তাঁরা যেন সে কথা শোনেন তা নিশ্চিত করি।"
        ),
        "Anyone who lives or works in Aldermoor can take part. Tell us about care you or "
        "someone you look after has received, come to an open meeting, or train to visit care "
        "services as an authorised representative.": (
            "অ্যাল্ডারমুরে যিনি থাকেন বা কাজ করেন, তিনিই অংশ নিতে পারেন। আপনি বা আপনার দেখাশোনায় "
            "থাকা কেউ যে সেবা পেয়েছেন সে সম্পর্কে আমাদের জানান, আমাদের খোলা সভায় আসুন, অথবা "
            "অনুমোদিত প্রতিনিধি হিসেবে সেবাকেন্দ্র পরিদর্শনের প্রশিক্ষণ নিন।"
        ),
    },
}


GET_INVOLVED = {
    "ur": {
        "Get involved": "شامل ہوں",
        "get-involved": "get-involved",
        "Ways to take part, from one comment to becoming a visitor.": (
            "حصہ لینے کے طریقے: ایک رائے دینے سے لے کر نگہداشت کی جگہوں کا دورہ کرنے والا "
            "رضاکار بننے تک۔"
        ),
        "You can take part as much or as little as you like. Tell us about your experience of "
        "care, join a meeting, or volunteer.": (
            "آپ اپنی مرضی کے مطابق کم یا زیادہ حصہ لے سکتے ہیں۔ ہمیں نگہداشت کے اپنے تجربے کے "
            "بارے میں بتائیں، کسی میٹنگ میں شامل ہوں، یا رضاکار بنیں۔"
        ),
        "Tell us about your care": "ہمیں اپنی نگہداشت کے بارے میں بتائیں",
        "It takes five minutes and you do not have to give your name.": (
            "اس میں پانچ منٹ لگتے ہیں، اور آپ کو اپنا نام بتانے کی ضرورت نہیں۔"
        ),
        "Email us your experience": "اپنا تجربہ ہمیں ای میل کریں",
    },
    "pl": {
        "Get involved": "Dołącz do nas",
        "get-involved": "get-involved",
        "Ways to take part, from one comment to becoming a visitor.": (
            "Jak można się zaangażować: od jednej uwagi po odwiedzanie placówek opieki."
        ),
        "You can take part as much or as little as you like. Tell us about your experience of "
        "care, join a meeting, or volunteer.": (
            "Mogą Państwo angażować się w takim zakresie, w jakim chcą. Prosimy opowiedzieć nam "
            "o swoich doświadczeniach z opieką, przyjść na spotkanie lub zostać wolontariuszem."
        ),
        "Tell us about your care": "Prosimy opowiedzieć nam o swojej opiece",
        "It takes five minutes and you do not have to give your name.": (
            "To zajmie pięć minut i nie trzeba podawać nazwiska."
        ),
        "Email us your experience": "Napisz do nas e-mail",
    },
}
