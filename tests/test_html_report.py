"""The HTML report: its summary card on the samples, escaping, determinism and photo thumbnails.

How the pages look in a real browser (screenshots, print to PDF, Chinese glyphs) is
tests/test_browser.py; the batch index is tests/test_batch_html.py.
"""

from __future__ import annotations

import base64
import hashlib
import io
import re
import zipfile
from datetime import date
from functools import cache
from pathlib import Path

import pytest
from PIL import Image

from evidence.bundle import read_member
from evidence.cache import Cache
from evidence.check import check_bundle
from evidence.deadlines import DISPUTE_MILESTONES, deadlines
from evidence.facts import Fact
from evidence.findings import SEVERITY_RANK, Finding
from evidence.kinds import PHOTO, PROFORMA_INVOICE
from evidence.records import Document, Record, Source
from evidence.report import Report
from evidence.summary import next_milestone, top_actions
from evidence.thumbnails import THUMBNAIL_PX, image_to_thumbnail, photo_thumbnails
from evidence.writers.html import report_to_html
from tests.conftest import SAMPLES

AS_OF = date(2026, 11, 23)
DATA_URI = re.compile(r'<img src="data:image/jpeg;base64,([A-Za-z0-9+/=]+)" alt="([^"]*)">')


@cache
def sample_report(name: str) -> Report:
    return check_bundle(SAMPLES / name, as_of=AS_OF, cache=Cache())


def card(page: str) -> str:
    """Given a report page, return its summary card."""
    start = page.index('<header class="card')
    return page[start:page.index("</header>", start)]


def actions(page: str) -> list[str]:
    """Given a report page, return the codes its summary card lists under 'What to do first', in order."""
    return re.findall(r"<small>\(([A-Z]\d{3}) [a-z-]+\)</small></li>", card(page))


def _finding(code: str, severity: str, remedy: str = "") -> Finding:
    return Finding(code, f"name-{code.lower()}", severity, f"message {code}", remedy or f"do {code}",
                   (Source("a.pdf", page=1, line=1),))


# ---------------------------------------------------------------- the summary card on the samples


def test_the_weak_sample_is_blocked_with_a_closed_window_and_its_blocker_first() -> None:
    page = report_to_html(sample_report("weak-quality-claim"))
    summary = card(page)
    assert '<header class="card blocked">' in page
    assert 'Verdict: <span class="verdict">blocked</span>' in summary
    assert "closed 6 days ago <small>(on 2026-11-17)</small>" in summary
    assert actions(page) == ["D001", "D005", "E005"]  # the blocker, then the majors in report order
    # E005 fires twice in this bundle: its one remedy takes one place, not two.
    assert summary.count("E005 name") + summary.count("(E005 ") == 1


def test_the_strong_sample_is_ready_with_twelve_days_left() -> None:
    page = report_to_html(sample_report("strong-quality-claim"))
    summary = card(page)
    assert '<header class="card ready">' in page
    assert "12 days left <small>(closes 2026-12-05)</small>" in summary
    assert actions(page) == ["M006", "M007"]
    assert "No blocker or major gap found" in summary
    assert "day(s)" not in page


def test_the_off_platform_sample_puts_its_blockers_first_and_knows_no_delivery_date() -> None:
    report = sample_report("off-platform-payment")
    page = report_to_html(report)
    assert actions(page) == ["E001", "E002", "E004"]
    assert "unknown <small>(no delivery date found)</small>" in card(page)
    assert "4 blockers, 7 major, 3 minor, 2 info" in card(page)


def test_findings_of_one_code_are_one_entry_with_each_occurrence_and_the_remedy_once() -> None:
    findings = [_finding("M003", "major", "pay on the platform"), _finding("X002", "major"),
                _finding("M003", "major", "pay on the platform"), _finding("D001", "blocker")]
    page = report_to_html(Report(bundle="b", documents=[], findings=findings, as_of=AS_OF), thumbnails={})
    listed = page[page.index("<h2>Findings</h2>"):]
    assert listed.count("<b>M003 name-m003</b>") == 1 and "2 findings" in listed
    assert listed.count("message M003") == 2 and listed.count("pay on the platform") == 1
    assert listed.index("M003") < listed.index("X002")  # an entry stands where its code first does


def test_top_actions_take_one_finding_per_code_most_severe_first() -> None:
    findings = [_finding("M002", "minor"), _finding("E001", "blocker"), _finding("E001", "blocker"),
                _finding("I003", "major"), _finding("E002", "blocker"), _finding("M006", "info")]
    chosen = top_actions(findings)
    assert [f.code for f in chosen] == ["E001", "E002", "I003"]
    assert [f.code for f in top_actions(findings, limit=5)] == ["E001", "E002", "I003", "M002", "M006"]
    assert top_actions([]) == []


@pytest.mark.parametrize("name", ["strong-quality-claim", "weak-quality-claim", "off-platform-payment"])
def test_the_card_lists_the_most_severe_remedies_of_each_sample(name: str) -> None:
    report = sample_report(name)
    page = report_to_html(report)
    listed = actions(page)
    ranks = [SEVERITY_RANK[next(f.severity for f in report.findings if f.code == code)] for code in listed]
    assert ranks == sorted(ranks) and len(set(listed)) == len(listed) == min(3, len({f.code for f in report.findings}))
    worst = min(SEVERITY_RANK[f.severity] for f in report.findings)
    assert ranks[0] == worst


# ---------------------------------------------------------------- dispute milestones and the window


def _dated_report(as_of: date, delivery: date | None, opened: date | None) -> Report:
    return Report("order-5", [], [], {}, [], "quality", as_of, deadlines(delivery, as_of, opened))


def test_the_next_dispute_milestone_is_on_the_card() -> None:
    report = _dated_report(date(2026, 11, 10), date(2026, 11, 1), opened=date(2026, 11, 4))
    milestone = next_milestone(report.deadlines, report.as_of)
    assert milestone is not None and (milestone.day, milestone.on) == (7, date(2026, 11, 11))
    summary = card(report_to_html(report, thumbnails={}))
    assert "Next dispute milestone" in summary
    assert "day 7, 2026-11-11 (in 1 day)" in summary
    assert DISPUTE_MILESTONES[7].split(";")[0] in summary
    assert "21 days left <small>(closes 2026-12-01)</small>" in summary


def test_a_milestone_today_and_milestones_all_passed() -> None:
    today = _dated_report(date(2026, 11, 8), None, opened=date(2026, 11, 4))
    assert "day 4, 2026-11-08 (today)" in card(report_to_html(today, thumbnails={}))
    late = _dated_report(date(2027, 1, 20), None, opened=date(2026, 11, 4))
    assert next_milestone(late.deadlines, late.as_of) is None
    assert "all passed <small>(dispute opened 2026-11-04)</small>" in card(report_to_html(late, thumbnails={}))
    none = _dated_report(date(2026, 11, 8), None, opened=None)
    assert "Next dispute milestone" not in report_to_html(none, thumbnails={})


def test_the_last_day_of_the_window_and_one_day_closed() -> None:
    last = _dated_report(date(2026, 12, 1), date(2026, 11, 1), None)
    assert "last day today <small>(closes 2026-12-01)</small>" in card(report_to_html(last, thumbnails={}))
    closed = _dated_report(date(2026, 12, 2), date(2026, 11, 1), None)
    assert "closed 1 day ago <small>(on 2026-12-01)</small>" in card(report_to_html(closed, thumbnails={}))


# ---------------------------------------------------------------- what the page holds, escaped


HOSTILE = '"><script>alert(1)</script><img src=x onerror=alert(2)>'


def _hostile_report() -> Report:
    pi = Document(path=f"pi{HOSTILE}.pdf", sha256="ab" * 32, size=1, filetype="pdf", reader="pdf")
    photo = Document(path=f"ph{HOSTILE}.jpg", sha256="cd" * 32, size=1, filetype="jpeg", reader="image")
    record = Record(kind=PROFORMA_INVOICE, path=pi.path)
    record.set("document_number", f"PI-{HOSTILE}", Source(pi.path, page=1, line=3))
    shot = Record(kind=PHOTO, path=photo.path)
    shot.set("captured_at", "2026-11-06T08:52:14", Source(photo.path))
    facts = {"supplier_name": Fact("supplier_name", f"ACME {HOSTILE}", [Source(pi.path, page=1, line=2)],
                                   [{"value": f"Other {HOSTILE}", "sources": [Source("c.pdf", page=2, line=4)]}])}
    finding = Finding("S002", "subjective-spec", "major", f"spec says {HOSTILE}", f"Fix {HOSTILE}",
                      (Source(pi.path, page=1, line=9),), count=1234)
    return Report(f"order{HOSTILE}", [pi, photo], [record, shot], facts, [finding], "quality", AS_OF)


def test_everything_from_the_bundle_is_escaped() -> None:
    report = _hostile_report()
    page = report_to_html(report, thumbnails={report.documents[1].path: "data:image/jpeg;base64,AAAA"})
    assert "<script" not in page and "<img src=x" not in page and 'onerror=alert(2)>' not in page
    escaped = "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;"
    for shown_as in (f"pi{escaped}.pdf", f"PI-{escaped}", f"ACME {escaped}", f"but Other {escaped}",
                     f"spec says {escaped}", f"Fix {escaped}", f'alt="ph{escaped}.jpg"'):
        assert shown_as in page, shown_as
    assert '<span class="count">&times; 1,234</span>' in page
    assert 'title="' + "ab" * 32 + '">' + "ab" * 6 + "&hellip;</td>" in page
    assert "taken 2026-11-06 08:52:14" in page


def test_the_page_is_self_contained() -> None:
    page = report_to_html(sample_report("strong-quality-claim"))
    assert "<script" not in page.lower() and "<link" not in page.lower()
    sources = re.findall(r'(?:src|href)="([^"]*)"', page)
    assert sources and all(s.startswith("data:image/jpeg;base64,") for s in sources)
    assert "@media print" in page and "@page" in page and "Noto Sans CJK SC" in page


def test_the_chinese_text_of_the_bilingual_sample_reaches_the_page() -> None:
    page = report_to_html(sample_report("weak-quality-claim"))
    assert "结论 Result: 合格 PASS" in page and "优质" in page


def test_two_renders_are_byte_identical() -> None:
    report = sample_report("strong-quality-claim")
    assert report_to_html(report) == report_to_html(report)
    again = check_bundle(SAMPLES / "strong-quality-claim", as_of=AS_OF, cache=Cache())
    assert report_to_html(again) == report_to_html(report)


# ---------------------------------------------------------------- thumbnails


def test_each_photo_of_a_sample_has_a_small_upright_jpeg_thumbnail() -> None:
    report = sample_report("strong-quality-claim")
    page = report_to_html(report)
    shown = dict((alt, data) for data, alt in DATA_URI.findall(page))
    photos = [d.path for d, r in zip(report.documents, report.records) if r.kind == PHOTO]
    assert sorted(shown) == sorted(photos) and len(photos) == 4
    for data in shown.values():
        with Image.open(io.BytesIO(base64.b64decode(data))) as image:
            assert image.format == "JPEG" and max(image.size) <= THUMBNAIL_PX
            assert len(image.getcolors(1 << 16) or range(1 << 16)) > 50  # a picture, not a blank
    for path in photos:
        assert f"{path}<br><small>taken 2026-11-06 " in page


def _jpeg(size: tuple[int, int], orientation: int | None = None) -> bytes:
    image = Image.new("RGB", size, (200, 40, 40))
    image.paste((20, 20, 200), (0, 0, size[0] // 2, size[1]))
    out = io.BytesIO()
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    image.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def _photo_report(bundle: Path, files: dict[str, bytes]) -> Report:
    documents = [Document(path=name, sha256=hashlib.sha256(data).hexdigest(), size=len(data), filetype="jpeg",
                          reader="image") for name, data in files.items()]
    records = [Record(kind=PHOTO, path=name) for name in files]
    return Report(str(bundle), documents, records, {}, [], "quality", AS_OF)


def test_a_thumbnail_is_turned_upright_by_its_exif_orientation() -> None:
    thumbnail = image_to_thumbnail(_jpeg((800, 400), orientation=6))  # stored sideways: shown 400 wide, 800 high
    assert thumbnail is not None
    with Image.open(io.BytesIO(thumbnail)) as image:
        assert image.size == (THUMBNAIL_PX // 2, THUMBNAIL_PX)
        assert image.getexif().get(0x0112) in (None, 1)
        # turned clockwise: the blue left half is now on top
        assert image.getpixel((image.width // 2, 10))[2] > 150 and image.getpixel((image.width // 2, image.height - 10))[0] > 150


def test_a_broken_or_changed_photo_has_no_thumbnail_and_the_page_still_renders(tmp_path: Path) -> None:
    good, broken = _jpeg((640, 480)), _jpeg((640, 480))[:200] + b"\x00" * 50
    files = {"photos/good.jpg": good, "photos/broken.jpg": broken, "photos/changed.jpg": good}
    bundle = tmp_path / "order"
    for name, data in files.items():
        (bundle / name).parent.mkdir(parents=True, exist_ok=True)
        (bundle / name).write_bytes(data)
    report = _photo_report(bundle, files)
    (bundle / "photos/changed.jpg").write_bytes(_jpeg((640, 481)))  # not the file that was checked any more
    assert sorted(photo_thumbnails(report)) == ["photos/good.jpg"]
    page = report_to_html(report)
    assert len(DATA_URI.findall(page)) == 1
    assert page.count('<div class="none">no preview</div>') == 2
    assert "photos/broken.jpg<br><small>no capture date in the file</small>" in page


def test_thumbnails_come_from_a_zip_bundle_without_writing_anything(tmp_path: Path) -> None:
    photo = _jpeg((500, 300))
    bundle = tmp_path / "order.zip"
    with zipfile.ZipFile(bundle, "w") as archive:
        archive.writestr("order/photos/a.jpg", photo)
        archive.writestr("order/../evil.jpg", photo)
    before = sorted(p.name for p in tmp_path.iterdir())
    report = _photo_report(bundle, {"photos/a.jpg": photo})
    assert list(photo_thumbnails(report)) == ["photos/a.jpg"]
    assert read_member(bundle, "../evil.jpg") is None and read_member(bundle, "photos/missing.jpg") is None
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_a_folder_bundle_member_cannot_leave_the_bundle(tmp_path: Path) -> None:
    (tmp_path / "outside.jpg").write_bytes(_jpeg((10, 10)))
    bundle = tmp_path / "order"
    bundle.mkdir()
    (bundle / "inside.jpg").write_bytes(_jpeg((10, 10)))
    (bundle / "link.jpg").symlink_to(tmp_path / "outside.jpg")
    assert read_member(bundle, "inside.jpg") is not None
    assert read_member(bundle, "../outside.jpg") is None
    assert read_member(bundle, "link.jpg") is None
    assert read_member(bundle, "/etc/passwd") is None
