"""The reading pages: home, debate, claim, relation, source, participant, search, about."""
