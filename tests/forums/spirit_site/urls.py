"""URLs of the Spirit corpus forum: Spirit at the site root."""

import spirit.urls
from django.urls import include, path

urlpatterns = [path("", include(spirit.urls))]
