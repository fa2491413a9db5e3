"""URLs of the test forum: machina mounted at /forum/ (data.MOUNT)."""

from django.urls import include, path

urlpatterns = [path("forum/", include("machina.urls"))]
