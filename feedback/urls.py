from django.urls import path

from . import views

urlpatterns = [path("feedback/<int:page_id>/", views.give_feedback, name="page_feedback")]
