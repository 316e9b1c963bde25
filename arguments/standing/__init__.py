"""Who stands, and since when: acceptability semantics on the live map, replayed date by date."""
