"""Account protections: login throttling (django-axes), sign-up and reset-mail limits."""
