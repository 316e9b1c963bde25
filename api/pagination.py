"""Pages of results: `page` and `page_size` (20 by default, at most 100). The count of the
whole list is kept per generation of what it shows (api/caching.py), not taken per request."""

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.utils.functional import cached_property
from rest_framework.pagination import PageNumberPagination


class CountedPaginator(Paginator):
    """A paginator whose count (a COUNT(*) over the whole list) is kept under `count_key`
    with the list's SQL: the same list at the same revision is counted once."""

    def __init__(self, object_list, per_page, count_key: str | None = None):
        super().__init__(object_list, per_page)
        self.count_key = count_key

    @cached_property
    def count(self) -> int:
        if self.count_key is None:
            return super().count
        try:
            sql, params = self.object_list.query.sql_with_params()
        except EmptyResultSet:  # a filter that matches nothing by construction (pk__in=[])
            return 0
        key = self.count_key(sql, params)
        count = cache.get(key)
        if count is None:
            count = super().count
            cache.set(key, count, settings.MAP_CACHE_SECONDS)
        return count


class Pages(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100  # a larger page_size is cut down to this, not refused
    count_key = None  # set by the view: a function of the list's SQL and parameters

    def django_paginator_class(self, queryset, page_size):
        return CountedPaginator(queryset, page_size, self.count_key)
