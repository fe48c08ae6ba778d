from django.urls import path

from . import views

urlpatterns = [
    path("region/", views.choose_region, name="choose_region"),
    path("call-back/", views.CallbackView.as_view(), name="callback"),
    path("call-back/thanks/", views.callback_thanks, name="callback_thanks"),
    path("get-help/", views.get_help, name="get_help"),
    path("cover-your-tracks/", views.cover_your_tracks, name="cover_your_tracks"),
]
