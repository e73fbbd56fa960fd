"""Open report.html in headless Chromium: the DOM after the scripts ran, and a screenshot.

Skips only when no Chromium binary exists (the lead's .ci/run installs one where missing).
"""

from __future__ import annotations

import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from dangjian_nlp.report import document_title, write_report
from dangjian_nlp.tables import build_tables

import dangjian_test_small_corpus as small_corpus  # loaded by the conftest

pytestmark = pytest.mark.browser

WINDOW = (1280, 2000)


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    pytest.skip("no Chromium binary on PATH")


def run_chromium(url: str, profile: Path, *extra: str) -> subprocess.CompletedProcess:
    command = [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
               "--hide-scrollbars", f"--user-data-dir={profile}", *extra, url]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


class Texts(HTMLParser):
    """Text of the elements with a given class, and the ids present."""

    def __init__(self, css_class: str):
        super().__init__()
        self.css_class, self.depth, self.found, self.ids = css_class, 0, [], set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        if self.depth:
            self.depth += 1
        elif self.css_class in (attributes.get("class") or "").split():
            self.depth = 1
            self.found.append("")

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.found[-1] += data


@pytest.fixture(scope="module")
def report(tmp_path_factory, real_documents):
    """report.html of the 24 real seed essays, with tables, topics and a graph image."""
    folder = tmp_path_factory.mktemp("browser")
    graph = folder / "graph"
    graph.mkdir()
    (graph / "measures.png").write_bytes(small_corpus.tiny_png(320, 160))
    tables = build_tables(real_documents)
    path = write_report(real_documents, out_dir=folder, tables=tables, topics=small_corpus.TOPICS, graph_dir=graph)
    return path, real_documents, tables


def test_dom_has_every_essay_and_the_key_elements(report, tmp_path):
    path, documents, tables = report
    result = run_chromium(path.resolve().as_uri(), tmp_path / "profile", "--dump-dom")
    assert result.returncode == 0, result.stderr[-2000:]
    dom = result.stdout
    parser = Texts("doc-title")
    parser.feed(dom)
    assert parser.found == [document_title(d) for d in sorted(documents, key=lambda d: d.id)]
    assert {"overview", "documents", "tables", "topics", "graph", "card-filter", "toggle-evidence"} <= parser.ids
    assert all(f"doc-{d.id}" in parser.ids for d in documents)
    # the script ran: the counter is empty in the file and filled in from the cards it found
    assert f'<span id="card-count">{len(documents)} / {len(documents)}</span>' in dom
    assert dom.count('<table class="data">') == len(tables)
    for table in tables.values():
        assert f"<caption>{table.title}</caption>" in dom


def near(rgb, target, tolerance=6):
    """Colour equality up to what colour management and anti-aliasing may shift."""
    return all(abs(a - b) <= tolerance for a, b in zip(rgb, target))


def test_screenshot_is_a_readable_page(report, tmp_path):
    from PIL import Image

    path, _, _ = report
    shot = tmp_path / "report.png"
    result = run_chromium(path.resolve().as_uri(), tmp_path / "profile", f"--screenshot={shot}",
                          f"--window-size={WINDOW[0]},{WINDOW[1]}")
    assert result.returncode == 0, result.stderr[-2000:]
    image = Image.open(shot).convert("RGB")
    assert image.size == WINDOW
    # the red masthead is at the top …
    assert near(image.getpixel((10, 10)), (0xB7, 0x1C, 0x1C))
    # … and the page below it is not blank: many colours (text, bars, chips) on the light background
    body = image.crop((0, 120, WINDOW[0], WINDOW[1]))
    colours = body.getcolors(maxcolors=1 << 20)
    assert len(colours) > 200
    dark = sum(count for count, (r, g, b) in colours if r + g + b < 200)
    assert dark > 2000, "hardly any text drawn"
    problem_red = sum(count for count, rgb in colours if near(rgb, (0xC0, 0x39, 0x2B)))
    measure_blue = sum(count for count, rgb in colours if near(rgb, (0x1F, 0x61, 0x8D)))
    assert problem_red > 500 and measure_blue > 500, "label bars and chips missing"
