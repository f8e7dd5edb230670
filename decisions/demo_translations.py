"""Urdu and Polish translations of the demo's enter and view page.

Keyed by the English source string, as a translator's PO file is; the demo fills them in
through wagtail-localize and takes each translation through the approval workflow. The slug
stays the English one, so the page has the same address in every language.
"""

ENTER_AND_VIEW = {
    "ur": {
        "Enter and view": "داخلہ اور مشاہدہ",
        "enter-and-view": "enter-and-view",
        "The law lets us send authorised representatives to enter and view places where "
        "health and social care is given, to see and hear for ourselves. Here is who may do so "
        "for us, and where we are going.": (
            "قانون ہمیں اجازت دیتا ہے کہ ہم اپنے مجاز نمائندوں کو ان جگہوں میں داخل ہو کر دیکھنے "
            "کے لیے بھیجیں جہاں صحت اور سماجی نگہداشت فراہم کی جاتی ہے، تاکہ ہم خود دیکھ اور سن "
            "سکیں۔ یہاں بتایا گیا ہے کہ ہماری طرف سے کون یہ دورے کر سکتا ہے، اور ہم کہاں جا رہے "
            "ہیں۔"
        ),
    },
    "pl": {
        "Enter and view": "Wejście i obserwacja",
        "enter-and-view": "enter-and-view",
        "The law lets us send authorised representatives to enter and view places where "
        "health and social care is given, to see and hear for ourselves. Here is who may do so "
        "for us, and where we are going.": (
            "Prawo pozwala nam wysyłać upoważnionych przedstawicieli do miejsc, w których "
            "świadczona jest opieka zdrowotna i społeczna, abyśmy sami mogli zobaczyć i usłyszeć, "
            "jak tam jest. Tutaj piszemy, kto może to robić w naszym imieniu i dokąd się "
            "wybieramy."
        ),
    },
}
