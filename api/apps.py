"""The REST API: the debates to read, and the readers' writes the site's pages allow."""

from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "API"
