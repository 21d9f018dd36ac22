"""Page-number pagination with a capped page size."""

from rest_framework.pagination import PageNumberPagination


class StandardPagination(PageNumberPagination):
    """25 rows a page by default; `?page_size=` up to 200."""

    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 200
