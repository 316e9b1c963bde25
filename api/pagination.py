"""Pages of results: `page` and `page_size` (20 by default, at most 100)."""

from rest_framework.pagination import PageNumberPagination


class Pages(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100  # a larger page_size is cut down to this, not refused
