"""Quotes and who said them: direct, indirect, reported and free indirect speech.

`QuoteLexicon.build(entries)` compiles a language's `quotes` data; `extract_quotes(doc, lex)`
returns `lagebild.model.Quote` records for a tokenised, tagged document with entities.
"""
from lagebild.quotes.extract import extract_quotes
from lagebild.quotes.lexicon import QuoteLexicon

__all__ = ["QuoteLexicon", "extract_quotes"]
