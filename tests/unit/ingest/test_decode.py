from tasks.decode import decode_bytes


def test_clean_utf8_has_no_note():
    d = decode_bytes("Daesh — “quoted”".encode("utf-8"))
    assert d.text == "Daesh — “quoted”" and d.encoding == "utf-8" and d.note is None


def test_bom_is_dropped():
    assert decode_bytes(b"\xef\xbb\xbfHello").text == "Hello"


def test_stray_latin1_byte_in_utf8_is_repaired_and_noted():
    raw = "Prices rose to ".encode() + b"\xa3" + "5bn — a “record”.".encode()
    d = decode_bytes(raw)
    assert d.text == "Prices rose to £5bn — a “record”."
    assert d.encoding == "utf-8" and "1 stray byte" in d.note


def test_mostly_non_utf8_file_is_detected_not_crashed():
    text = "Le ministère a annoncé que les forces syriennes ont libéré la ville. " * 20
    d = decode_bytes(text.encode("cp1252"))
    assert "ministère" in d.text and "libéré" in d.text
    assert d.note and "not UTF-8" in d.note


def test_random_bytes_never_raise():
    d = decode_bytes(bytes(range(256)) * 4)
    assert isinstance(d.text, str) and d.note


from hypothesis import given, settings, strategies as st


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_decode_without_raising(raw):
    d = decode_bytes(raw)
    assert isinstance(d.text, str)
    assert (d.note is None) == _is_utf8(raw.removeprefix(b"\xef\xbb\xbf"))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=500))
def test_valid_utf8_round_trips_exactly(text):
    d = decode_bytes(text.encode("utf-8"))
    assert d.text == text.removeprefix("\ufeff") and d.note is None


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False
