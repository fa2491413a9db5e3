"""URLs of the pybbm corpus forum: pybb at the site root."""

from django.conf.urls import include, url

urlpatterns = [url(r"^", include("pybb.urls", namespace="pybb"))]
