"""The editors' workbench: sources' full texts, kept for editors only, and claims made from
them with their quotations checked against the text (issue 22)."""
