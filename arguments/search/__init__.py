"""Search that finds: accent- and case-insensitive, French and English stems, over claims,
participants and sources. text.py is the pure part (normalising, stemming, highlighting);
index.py keeps the stored stems and builds the database queries."""
