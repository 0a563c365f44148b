from django.urls import path

from .views import accounts

urlpatterns = [
    path("register/", accounts.register, name="register"),
    path("home/", accounts.home_for_user, name="home-for-user"),
]
