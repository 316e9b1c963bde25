"""Citing and following: a claim's, relation's or map view's citation (plain text, BibTeX,
CSL-JSON) naming the revision it was read at, the pages showing an item as it was at a
revision, Atom feeds, and the cards (Open Graph, Twitter) shared links preview with."""
