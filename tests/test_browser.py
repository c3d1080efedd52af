"""The HTML pages in a real browser: headless Chromium screenshots them and prints them to PDF.

Each sample's report and the batch index are written by `evidence batch --format html`, then
- screenshotted: the picture must not be blank (many colours, much that is not white);
- printed on Letter and on A4: the page count must be what the content needs (the summary
  card, with the verdict and the things to do first, all on page 1);
- for the bilingual sample, every Chinese character in the PDF must be drawn with a CJK font
  (no empty boxes), and the report's Chinese text must be found in the PDF's text.

Chromium is the Debian package `chromium` (.ci/run installs it, with fonts-noto-cjk); the test
skips only where no Chromium can be found. Chromium starts with no network and a fresh profile.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pypdfium2
import pytest
from click.testing import CliRunner
from PIL import Image

from evidence.cli import main
from tests.conftest import SAMPLES

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars"]
BUNDLES = ["strong-quality-claim", "weak-quality-claim", "off-platform-payment", "scanned-claim"]
BILINGUAL = "weak-quality-claim"
#: Pages each sample's report prints to, on Letter and on A4, as measured with Debian bookworm's
#: chromium 156 and fonts-noto-cjk. Text added to a report may move it by a page: allowed. More
#: than that means the print layout broke (or the report grew: look at the PDF, then update).
EXPECTED_PAGES = {
    "strong-quality-claim": {"letter": 6, "a4": 6},
    "weak-quality-claim": {"letter": 7, "a4": 7},
    "off-platform-payment": {"letter": 9, "a4": 8},
    "scanned-claim": {"letter": 5, "a4": 5},
}
PAGE_SLACK = 1
PAPER_POINTS = {"letter": (612, 792), "a4": (595, 842)}
IDEOGRAPH = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
#: Font names (as a PDF embeds them) that carry Chinese glyphs.
CJK_FONT = re.compile(r"CJK|WenQuanYi|MicroHei|ZenHei|SourceHan|HanSans|YaHei|PingFang|SimSun|SimHei|Hiragino", re.I)


def _chromium() -> str | None:
    found = os.environ.get("EVIDENCE_CHROMIUM") or next(filter(None, map(shutil.which, CHROMIUM_NAMES)), None)
    return found or ("/usr/bin/chromium" if Path("/usr/bin/chromium").is_file() else None)


CHROMIUM = _chromium()
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium found (Debian: apt-get install chromium)")


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The samples' reports and their index, as `evidence batch --format html` writes them."""
    out = tmp_path_factory.mktemp("pages") / "reports"
    result = CliRunner().invoke(main, ["batch", str(SAMPLES), "--format", "html", "--output", str(out),
                                       "--as-of", "2026-11-23", "--workers", "2"])
    assert result.exit_code == 1, result.output  # two samples are blocked
    assert sorted(p.name for p in out.iterdir()) == sorted(["index.html", *(f"{b}.html" for b in BUNDLES)])
    return out


def _run_chromium(tmp_path: Path, page: Path, *args: str) -> None:
    profile = tmp_path / f"profile-{len(list(tmp_path.iterdir()))}"
    command = [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args, page.as_uri()]
    done = subprocess.run(command, capture_output=True, timeout=180, check=False)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")[-2000:]


def screenshot(tmp_path: Path, page: Path, size: str = "1280,1600") -> Image.Image:
    png = tmp_path / f"{page.stem}.png"
    _run_chromium(tmp_path, page, f"--screenshot={png}", f"--window-size={size}")
    with Image.open(png) as image:
        return image.convert("RGB")


def print_to_pdf(tmp_path: Path, page: Path, paper: str) -> Path:
    """Print `page` on `paper` (letter or a4): a copy of the page that names its paper size, as a
    printer dialog would choose it."""
    sized = tmp_path / f"{page.stem}-{paper}.html"
    html = page.read_text(encoding="utf-8")
    sized.write_text(html.replace("</head>", f"<style>@page {{ size: {paper}; }}</style></head>", 1), encoding="utf-8")
    pdf = tmp_path / f"{page.stem}-{paper}.pdf"
    _run_chromium(tmp_path, sized, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    return pdf


def assert_not_blank(image: Image.Image) -> None:
    small = image.resize((image.width // 4, image.height // 4))
    colours = small.getcolors(1 << 20) or []
    not_white = sum(count for count, rgb in colours if min(rgb) < 235)
    assert len(colours) > 200, f"only {len(colours)} colours: a blank or broken page"
    assert not_white > 0.04 * small.width * small.height, "almost nothing but white"


def page_texts(pdf: Path) -> list[str]:
    """Given a PDF, return each page's text, on one line (a word hyphenated at a line's end joined)."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        texts = [page.get_textpage().get_text_range() for page in document]
    finally:
        document.close()
    return [re.sub(r"\s+", " ", text.replace("\ufffe\r\n", "-").replace("\ufffe", "-")) for text in texts]


@pytest.mark.parametrize("bundle", BUNDLES)
def test_a_sample_report_renders_and_prints(bundle: str, pages: Path, tmp_path: Path) -> None:
    page = pages / f"{bundle}.html"
    assert_not_blank(screenshot(tmp_path, page))
    for paper, expected in EXPECTED_PAGES[bundle].items():
        pdf = print_to_pdf(tmp_path, page, paper)
        texts = page_texts(pdf)
        assert abs(len(texts) - expected) <= PAGE_SLACK, f"{bundle} prints on {len(texts)} {paper} pages, not {expected}"
        with pdfplumber.open(pdf) as document:
            width, height = document.pages[0].width, document.pages[0].height
        assert (round(width), round(height)) == PAPER_POINTS[paper]
        assert "Verdict:" in texts[0] and "What to do first" in texts[0]  # the summary card is all on page 1
        assert "Checked by evidence as of 2026-11-23" in texts[-1]  # nothing cut off the end


def test_the_bilingual_sample_prints_its_chinese_with_a_cjk_font(pages: Path, tmp_path: Path) -> None:
    page = pages / f"{BILINGUAL}.html"
    runs = re.findall(f"{IDEOGRAPH.pattern}+", page.read_text(encoding="utf-8"))
    assert {"结论", "合格", "优质"} <= set(runs)
    pdf = print_to_pdf(tmp_path, page, "a4")
    with pdfplumber.open(pdf) as document:
        chars = [c for p in document.pages for c in p.chars if IDEOGRAPH.match(c["text"])]
    assert len(chars) == sum(len(run) for run in runs)
    assert all(CJK_FONT.search(c["fontname"]) for c in chars), sorted({c["fontname"] for c in chars})
    text = "".join(page_texts(pdf)).replace(" ", "")
    assert all(run in text for run in runs), [run for run in runs if run not in text]


def test_the_batch_index_renders_and_prints_on_one_page(pages: Path, tmp_path: Path) -> None:
    index = pages / "index.html"
    assert_not_blank(screenshot(tmp_path, index, "1280,700"))
    texts = page_texts(print_to_pdf(tmp_path, index, "letter"))
    assert len(texts) == 1
    assert all(f"samples/{bundle}" in texts[0].replace(" ", "") for bundle in BUNDLES)  # long paths wrap
    assert "2 blocked, 0 weak, 2 ready, 0 error" in texts[0]
