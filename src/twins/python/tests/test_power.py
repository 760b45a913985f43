import hashlib

from twins.power import power, summary


def test_summary_is_bit_length_and_sha256_of_little_endian_bytes():
    # 2**2 = 4: 3 bits, one byte 0x04.
    assert summary(4) == f"bits=3;sha256={hashlib.sha256(bytes([4])).hexdigest()[:16]}"
    # 256 = 0x0100: little-endian bytes 00 01.
    assert summary(256) == f"bits=9;sha256={hashlib.sha256(bytes([0, 1])).hexdigest()[:16]}"


def test_power_matches_the_exact_bit_length_formula():
    import math
    for i in (3, 1000, 150_000):
        bits = int(power(i).split(";")[0][5:])
        assert bits == math.floor(i * math.log2(i)) + 1
