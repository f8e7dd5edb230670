"""How each site language writes a date (Django's FORMAT_MODULE_PATH): one place for all.

Every date on the site is written with the language's `DATE_FORMAT` (`|date` in templates,
`date_format(value)` in code), never a format string of its own: Polish needs the month in
the genitive ("1 czerwca 2025", Django's `E`), English reads "1 June 2025". Urdu and Bengali
keep Western digits, as their catalogues' translators chose, with the month in their script.
"""
