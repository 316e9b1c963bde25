"""The map: a view of the debate chosen, folded, laid out by Graphviz and outlined; its page
and its files."""
