"""`{% load quotations %}`: `{{ claim.quotation|emphasis }}` shows a quotation with the
emphasis its text has (arguments/record/emphasis.py), never raw Markdown."""

from django import template
from django.utils.safestring import mark_safe

from arguments.record.emphasis import emphasis_html

register = template.Library()


@register.filter
def emphasis(text: str) -> str:
    return mark_safe(emphasis_html(str(text or "")))  # escaped there, tags ours
