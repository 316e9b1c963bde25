"""The admin's user pages, with the sign-up form's rules on names when staff create one."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from .forms import AccountCreationForm

User = get_user_model()


class AccountAdmin(UserAdmin):
    add_form = AccountCreationForm


admin.site.unregister(User)
admin.site.register(User, AccountAdmin)
