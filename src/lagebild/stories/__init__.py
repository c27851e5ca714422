"""Stories: articles grouped by the real-world story they report, and per story every fact
lined up across its articles (who reports it, with what evidence and according to whom, who
leaves it out, where versions conflict).

    grouping   online grouping with stable story ids
    facts      sentences and figures aligned across a story's articles
    conflicts  figures, dates and sources that differ between articles
    contract   the comparison contract's dicts (schemas/compare.json)
    render     the table a person reads
    service    what Store.stories(), Store.compare() and the CLI call
"""
from lagebild.stories.grouping import Article, GroupingSettings, group_articles
from lagebild.stories.service import compare, list_stories

__all__ = ["Article", "GroupingSettings", "compare", "group_articles", "list_stories"]
