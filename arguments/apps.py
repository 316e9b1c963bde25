from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArgumentsConfig(AppConfig):
    """The app's wiring: its models live in the record, and the features that hand each other
    something (the standing's marks to the map) are joined here, the one place that may
    import every feature."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "arguments"
    verbose_name = _("Argument map")

    def import_models(self):
        # The record holds the models (`arguments.record.models`), not `arguments.models`;
        # the interchange adds its import jobs, the workbench the sources' full texts.
        self.models = self.apps.all_models[self.label]
        self.models_module = import_module(f"{self.name}.record.models")
        import_module(f"{self.name}.interchange.models")
        import_module(f"{self.name}.workbench.models")

    def ready(self):
        from .maps.marks import provide_marks
        from .record import (
            admin,  # noqa: F401 (registers the record with the admin site)
            invalidation,
        )
        from .standing.marks import standing_marks
        from .workbench import admin as workbench_admin  # noqa: F401 (checks claims' quotations)

        provide_marks(standing_marks)
        invalidation.connect()
