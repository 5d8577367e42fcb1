"""Bytes -> text that never crashes a run, and says what it had to do.

Scraped files are mostly UTF-8 with the odd stray single-byte character (a
latin-1 ``£``, a cp1252 curly quote). Those bytes are repaired one by one as
cp1252. A file that is mostly not UTF-8 is decoded whole with the encoding that
charset-normalizer detects.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

import charset_normalizer

#: above this share of invalid bytes the file is not "UTF-8 with strays" but another encoding
_STRAY_LIMIT = 0.01
_CP1252_UNDEFINED = {0x81, 0x8D, 0x8F, 0x90, 0x9D}


def _stray_byte_handler(err: UnicodeDecodeError):
    chunk = err.object[err.start : err.end]
    text = "".join(
        bytes([b]).decode("latin-1") if b in _CP1252_UNDEFINED else bytes([b]).decode("cp1252")
        for b in chunk
    )
    return text, err.end


codecs.register_error("corpus_stray_cp1252", _stray_byte_handler)


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    note: str | None  # None when the bytes were clean UTF-8


def _count_invalid(raw: bytes) -> int:
    count = 0

    def counter(err: UnicodeDecodeError):
        nonlocal count
        count += err.end - err.start
        return "", err.end

    codecs.register_error("corpus_count_invalid", counter)
    raw.decode("utf-8", errors="corpus_count_invalid")
    return count


def _best_guess(raw: bytes):
    """charset-normalizer's best match; on a tie, cp1252 (the web's usual legacy encoding)."""
    matches = list(charset_normalizer.from_bytes(raw))
    if not matches:
        return None
    best = matches[0]
    for m in matches:
        if m.encoding == "cp1252" and m.chaos <= best.chaos + 0.01 and m.coherence >= best.coherence - 0.01:
            return m
    return best


def decode_bytes(raw: bytes) -> Decoded:
    """Decode ``raw``; never raises. A UTF-8 BOM is dropped."""
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    try:
        return Decoded(raw.decode("utf-8"), "utf-8", None)
    except UnicodeDecodeError:
        pass
    invalid = _count_invalid(raw)
    if invalid <= max(8, _STRAY_LIMIT * len(raw)):
        text = raw.decode("utf-8", errors="corpus_stray_cp1252")
        return Decoded(text, "utf-8", f"invalid UTF-8: {invalid} stray byte(s) decoded as cp1252")
    best = _best_guess(raw)
    if best is not None:
        return Decoded(str(best), best.encoding, f"not UTF-8 ({invalid} invalid bytes): detected {best.encoding}")
    text = raw.decode("utf-8", errors="replace")
    return Decoded(text, "unknown", f"not UTF-8 ({invalid} invalid bytes), no encoding detected: replaced")
