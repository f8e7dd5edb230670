"""Who may do what with the public's experiences: the Experience handlers group and
administrators read and handle them; editors may also record one heard by phone, on paper or
at an event, without then seeing it or any other."""

from linksite.workflow import EDITORS, in_group

EXPERIENCE_HANDLERS = "Experience handlers"


def is_handler(user):
    if not (user and user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or in_group(user, EXPERIENCE_HANDLERS)


def may_record(user):
    return is_handler(user) or in_group(user, EDITORS)
