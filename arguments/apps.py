from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArgumentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "arguments"
    verbose_name = _("Argument map")
