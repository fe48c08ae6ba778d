"""A call-back request as a reader fills it in: the form's required fields, valid."""

CALLBACK_URL = "/en-gb/call-back/"
VALID_CALLBACK = {
    "name": "Alex Example",
    "country": "GB",
    "phone_number": "07400 123456",
    "preferred_time": "evening",
    "consent": "on",
}
