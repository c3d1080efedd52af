"""P rules (photos): bundles of real JPEGs (Pillow, with EXIF) and a delivery note, then the sample bundles."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from PIL import Image

import evidence.rules.photos  # noqa: F401  (registers the P rules)
from evidence import Report, check_bundle
from tests.conftest import SAMPLES

DELIVERY_NOTE = """DELIVERY NOTE
Delivery note No.: DN-2026-5512
Consignee: Northfield Outdoor Supply LLC
Goods: 125 cartons vacuum bottles
Delivered on: 2026-11-05
Received in good order, signed by M. Lowell
"""


def _jpeg(size: tuple[int, int] = (1600, 1200), taken: str | None = "2026:11:06 09:14:02") -> bytes:
    image = Image.new("RGB", size, (200, 180, 150))
    exif = Image.Exif()
    exif[0x010F] = "Xiaomi"
    exif[0x0110] = "Redmi Note 13"
    if taken is not None:
        exif.get_ifd(0x8769)[0x9003] = taken
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif, quality=70)
    return buffer.getvalue()


def _check(tmp_path: Path, photos: dict[str, bytes], delivery_note: bool = True) -> Report:
    folder = tmp_path / "bundle"
    (folder / "photos").mkdir(parents=True)
    if delivery_note:
        (folder / "delivery_note.txt").write_text(DELIVERY_NOTE, encoding="utf-8")
    for name, data in photos.items():
        (folder / "photos" / name).write_bytes(data)
    (folder / "claim.toml").write_text('claim = "quality"\n', encoding="utf-8")
    pipeline = tmp_path / "photos.toml"
    pipeline.write_text('claim = "quality"\ndescription = "photo rules"\nselect = ["P"]\n', encoding="utf-8")
    return check_bundle(folder, pipeline_file=pipeline)


def _codes(report: Report) -> list[str]:
    return [f.code for f in report.findings if f.code.startswith("P")]


def test_good_photos_after_delivery_raise_nothing(tmp_path: Path) -> None:
    report = _check(tmp_path, {"dent.jpg": _jpeg(), "carton.jpg": _jpeg(taken="2026:11:05 17:30:00")})
    assert _codes(report) == []


def test_no_photos(tmp_path: Path) -> None:
    report = _check(tmp_path, {})
    assert _codes(report) == ["P001"]
    assert report.findings[0].severity == "major" and report.findings[0].sources


def test_photo_without_capture_date(tmp_path: Path) -> None:
    report = _check(tmp_path, {"dent.jpg": _jpeg(), "from_whatsapp.jpg": _jpeg(taken=None)})
    assert _codes(report) == ["P002"]
    finding = report.findings[0]
    assert "photos/from_whatsapp.jpg" in finding.message and finding.sources[0].path == "photos/from_whatsapp.jpg"


def test_unset_camera_clock_counts_as_undated_not_as_before_delivery(tmp_path: Path) -> None:
    report = _check(tmp_path, {"dent.jpg": _jpeg(taken="2000:01:01 00:00:00")})
    assert _codes(report) == ["P002"]


def test_photo_taken_before_delivery(tmp_path: Path) -> None:
    report = _check(tmp_path, {"dent.jpg": _jpeg(), "loading.jpg": _jpeg(taken="2026:10:20 11:02:00")})
    assert _codes(report) == ["P003"]
    finding = report.findings[0]
    assert "2026-10-20" in finding.message and "2026-11-05" in finding.message
    assert [s.path for s in finding.sources] == ["photos/loading.jpg", "delivery_note.txt"]


def test_no_delivery_date_no_p003(tmp_path: Path) -> None:
    report = _check(tmp_path, {"loading.jpg": _jpeg(taken="2026:10:20 11:02:00")}, delivery_note=False)
    assert _codes(report) == []


def test_low_resolution_photo(tmp_path: Path) -> None:
    report = _check(tmp_path, {"dent.jpg": _jpeg(), "thumb.jpg": _jpeg(size=(800, 600))})
    assert _codes(report) == ["P004"]
    finding = report.findings[0]
    assert "photos/thumb.jpg" in finding.message and "0.48 MP" in finding.message
    assert finding.severity == "minor"


def test_one_megapixel_is_enough(tmp_path: Path) -> None:
    assert _codes(_check(tmp_path, {"dent.jpg": _jpeg(size=(1000, 1000))})) == []


SAMPLE_NAMES = ["off-platform-payment", "scanned-claim", "strong-quality-claim", "weak-quality-claim"]


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_sample_bundles(tmp_path: Path, name: str) -> None:
    expected = json.loads((SAMPLES / "expected" / f"{name}.json").read_text(encoding="utf-8"))
    pipeline = tmp_path / "photos.toml"
    pipeline.write_text('claim = "quality"\ndescription = "photo rules"\nselect = ["P"]\n', encoding="utf-8")
    findings = check_bundle(SAMPLES / name, pipeline_file=pipeline).findings
    mine = {f.code for f in findings if f.code.startswith("P")}
    assert {c for c in expected["findings"] if c.startswith("P")} <= mine
    assert not mine & set(expected["must_not_fire"])
    assert all(f.sources for f in findings)


def test_weak_sample_names_the_photos(tmp_path: Path) -> None:
    pipeline = tmp_path / "photos.toml"
    pipeline.write_text('claim = "quality"\ndescription = "photo rules"\nselect = ["P"]\n', encoding="utf-8")
    findings = check_bundle(SAMPLES / "weak-quality-claim", pipeline_file=pipeline).findings
    cited = {(f.code, f.sources[0].path) for f in findings}
    assert cited == {("P002", "photos/plates_stack.jpg"), ("P003", "photos/IMG_20261012_153010.jpg"),
                     ("P004", "photos/mug_closeup_small.jpg")}
