"""The self-contained HTML report (OUT/report.html): overview, a card per essay with its tags
and evidence quotes, the comparison tables, topics and graphs, all inline.

Example:
    >>> from dangjian_nlp.report import write_report
    >>> write_report(documents, out_dir="out", tables=tables)    # doctest: +SKIP
"""

from dangjian_nlp.report.html import REPORT_NAME, data_uri, document_title, render_report, write_report

__all__ = ["REPORT_NAME", "data_uri", "document_title", "render_report", "write_report"]
