"""The app as `app.py` serves it, but checking and keeping the cheap password hash that
`bench/load.py --password-hash cheap` seeds (1,000 rounds of PBKDF2, as the test suite
uses), instead of moving it to Argon2id at the first sign-in. Only for that benchmark:
it leaves the password check out of what a sign-in costs.

    gunicorn -c gunicorn.conf.py bench.cheap_hash_app:app
"""

from learn import create_app

CHEAP_HASH = "pbkdf2:sha256:1000"

app = create_app({"PASSWORD_HASH_METHOD": CHEAP_HASH})
