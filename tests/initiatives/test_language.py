"""Vietnamese by default whatever the browser says; English from the switch."""


def test_vietnamese_even_for_an_english_browser(client, db):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Đăng nhập" in page and 'lang="vi"' in page


def test_english_from_the_language_switch(client, db):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/").content.decode()
    assert "Log in" in page and 'lang="en"' in page
