from django.urls import path

from . import views

app_name = "newsletter"

urlpatterns = [
    path("updates/", views.signup, name="signup"),
    path("updates/check-inbox/", views.check_inbox, name="check-inbox"),
    path("updates/confirm/<str:token>/", views.confirm, name="confirm"),
    path("updates/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
