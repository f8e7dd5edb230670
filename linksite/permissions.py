"""Model permissions that count only for the people a rule names: vetting records for the
Vetting officers, the public's experiences for their handlers. A permission held any other
way (through another group, or as an administrator when the rule leaves them out) gives
nothing. Each app registers its own policy with `register_permission_policy`."""

from wagtail.permission_policies import ModelPermissionPolicy


class HeldOnlyBy(ModelPermissionPolicy):
    """`may_hold(user)` says who can hold the model's permissions at all; `holders(users)`
    narrows a queryset of users the same way."""

    def __init__(self, model, may_hold, holders):
        super().__init__(model)
        self.may_hold, self.holders = may_hold, holders

    def user_has_permission(self, user, action):
        return self.may_hold(user) and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return self.may_hold(user) and super().user_has_any_permission(user, actions)

    def users_with_any_permission(self, actions):
        return self.holders(super().users_with_any_permission(actions))
