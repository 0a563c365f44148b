from django.urls import path

from .views import accounts

urlpatterns = [
    path("register/", accounts.register, name="register"),
    path("register/sent/", accounts.register_sent, name="register-sent"),
    path("register/finish/<str:token>/", accounts.register_finish, name="register-finish"),
    path("home/", accounts.home_for_user, name="home-for-user"),
]
