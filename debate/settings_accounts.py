"""Account protections: login throttling (django-axes), sign-up and reset-mail limits.

Imported at the end of debate/settings.py, whose helpers are defined by then."""

from datetime import timedelta

from debate.settings import env_int

# Login throttling (django-axes): the site's login, the admin's and POST /api/token/ all go
# through django.contrib.auth.authenticate, so they share one count of failures.
#
# Counted per client address, not per account: an address that keeps guessing, at one
# account or sprayed over many, is refused; nobody can lock a reader out of their own
# account from elsewhere (which a per-username lockout would allow). The price: readers
# behind the same address (one office, one NAT) share the count.
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15))
# A success does not wipe the address's failures (that would let anyone holding one account
# spray four guesses, log in, and start again); only the signed-in account's own failures
# from that address are forgotten (accounts/signals.py).
AXES_RESET_ON_SUCCESS = False
# The address as accounts/client_address.py reads it, behind TRUSTED_PROXY_COUNT proxies.
AXES_CLIENT_IP_CALLABLE = "accounts.client_address.client_address"
# A 429 page in the reader's language, saying how long to wait (with Retry-After).
AXES_LOCKOUT_CALLABLE = "accounts.lockout.locked_out"
AXES_HTTP_RESPONSE_CODE = 429
# No banner on every management command; passwords and names are kept out of the logs.
AXES_VERBOSE = False

# Password-reset mails: at most this many asked from one client address, and at most this
# many sent to one email address, per window (seconds). A reader asking for more is told
# the same as before ("if an account uses this address, a mail is on its way").
PASSWORD_RESET_RATE_LIMIT = (env_int("PASSWORD_RESET_PER_ADDRESS", 5), 3600)
PASSWORD_RESET_EMAIL_LIMIT = (env_int("PASSWORD_RESET_PER_EMAIL", 3), 3600)
# Sign-ups from one client address per window (seconds).
SIGNUP_RATE_LIMIT = (env_int("SIGNUP_PER_ADDRESS", 5), 3600)
