"""What prepare_photo accepts and refuses, judged by content."""

import io

import pytest
from PIL import Image

from portal.photos.validation import PhotoRefused, check_name, prepare_photo

from .images import HTML, SVG, bomb_png, jpeg_with_gps, png

LIMITS = {"max_bytes": 5 * 1024 * 1024, "max_pixels": 40_000_000, "max_side": 2048}


def _prepare(data: bytes, **limits):
    return prepare_photo(io.BytesIO(data), **{**LIMITS, **limits})


def test_jpeg_is_reencoded_without_exif_and_resized():
    prepared = _prepare(jpeg_with_gps((3000, 2000)))
    image = Image.open(io.BytesIO(prepared.data))
    assert image.format == "JPEG"
    assert (prepared.width, prepared.height) == image.size == (2048, 1365)
    assert len(image.getexif()) == 0
    assert b"PhoneMaker" not in prepared.data
    assert "exif" not in image.info


def test_transparent_png_becomes_an_opaque_jpeg():
    prepared = _prepare(png(mode="RGBA"))
    image = Image.open(io.BytesIO(prepared.data))
    assert image.format == "JPEG" and image.mode == "RGB" and image.size == (64, 48)


@pytest.mark.parametrize("payload", [SVG, HTML, b"%PDF-1.4 not an image", b"GIF89a broken"])
def test_non_images_are_refused_whatever_they_claim(payload):
    with pytest.raises(PhotoRefused, match="not a photo we can read"):
        _prepare(payload)


def test_pixel_bombs_are_refused_before_decoding():
    with pytest.raises(PhotoRefused, match="too big to process"):
        _prepare(bomb_png(3000), max_pixels=1_000_000)


def test_pillow_bomb_guard_is_a_refusal_not_a_warning(monkeypatch):
    # Between 1x and 2x Pillow's limit it only warns; that must refuse too.
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1_000_000)
    with pytest.raises(PhotoRefused, match="too big to process"):
        _prepare(bomb_png(1200), max_pixels=10**9)
    with pytest.raises(PhotoRefused, match="too big to process"):
        _prepare(bomb_png(3000), max_pixels=10**9)


def test_oversized_files_are_refused_without_reading_them_whole():
    stream = io.BytesIO(b"\xff" * 200_000)
    with pytest.raises(PhotoRefused, match="too large"):
        prepare_photo(stream, **{**LIMITS, "max_bytes": 100_000})
    assert stream.tell() == 100_001


def test_empty_file_is_refused():
    with pytest.raises(PhotoRefused, match="empty"):
        _prepare(b"")


@pytest.mark.parametrize("name", ["../../etc/passwd.jpg", "..\\boot.ini", "a/b.jpg", "x\x00.jpg"])
def test_path_traversal_names_are_refused(name):
    with pytest.raises(PhotoRefused, match="file name is not allowed"):
        check_name(name)


@pytest.mark.parametrize("name", ["IMG_2024.JPG", "photo (1).png", "عکس.jpg", "նկար.webp"])
def test_ordinary_names_pass(name):
    check_name(name)
