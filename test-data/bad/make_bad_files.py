#!/usr/bin/env python3
"""Writes the bad-input corpus of Webb Steps (plain Python, no FITS library).

Each file is broken in one way that users meet; JwstProductBadInputTest expects one clear error
naming the file for each. Run from this folder: python3 make_bad_files.py
"""
import gzip
import struct

BLOCK = 2880


def card(key, value=None, comment=""):
    if value is None:
        text = key.ljust(80)
    else:
        if isinstance(value, bool):
            v = ("T" if value else "F").rjust(20)
        elif isinstance(value, str):
            v = ("'" + value.ljust(8) + "'").ljust(20)
        else:
            v = str(value).rjust(20)
        text = (key.ljust(8) + "= " + v + (" / " + comment if comment else "")).ljust(80)
    return text[:80].encode("ascii")


def header(cards, end=True):
    raw = b"".join(cards) + (card("END") if end else b"")
    return raw + b" " * (-len(raw) % BLOCK)


def primary(extra=()):
    return header([card("SIMPLE", True), card("BITPIX", 8), card("NAXIS", 0), card("EXTEND", True),
                   card("TELESCOP", "JWST"), card("INSTRUME", "NIRCAM"), card("EXP_TYPE", "NRC_IMAGE")]
                  + list(extra))


def image_ext(name, shape, bitpix=-32, bzero=None, values=None, end=True):
    cards = [card("XTENSION", "IMAGE"), card("BITPIX", bitpix), card("NAXIS", len(shape))]
    cards += [card("NAXIS%d" % (i + 1), n) for i, n in enumerate(reversed(shape))]
    cards += [card("PCOUNT", 0), card("GCOUNT", 1)]
    if bzero is not None:
        cards += [card("BZERO", bzero)]
    cards += [card("EXTNAME", name)]
    n = 1
    for s in shape:
        n *= s
    size = n * abs(bitpix) // 8
    data = bytes(size) if values is None else values
    return header(cards, end) + data + b"\0" * (-len(data) % BLOCK)


def floats(n, start=0.0):
    return struct.pack(">%df" % n, *[start + i for i in range(n)])


def write(name, data):
    with open(name, "wb") as f:
        f.write(data)


good_rate = primary() + image_ext("SCI", (10, 8), values=floats(80)) + image_ext("ERR", (10, 8)) \
    + image_ext("DQ", (10, 8), bitpix=32, bzero=2147483648)

write("not_fits.fits", b"This is a text file that a user renamed to .fits\n" * 20)
write("empty.fits", b"")
write("truncated_data.fits", good_rate[:BLOCK * 2 + 100])
write("truncated_header.fits", good_rate[:BLOCK + 800])
write("primary_only.fits", header([card("SIMPLE", True), card("BITPIX", -32), card("NAXIS", 2),
                                   card("NAXIS1", 8), card("NAXIS2", 10)]) + floats(80) + b"\0" * (BLOCK - 320))
write("no_sci.fits", primary() + image_ext("ERR", (10, 8)) + image_ext("DQ", (10, 8), bitpix=32, bzero=2147483648))
bad_bitpix = image_ext("SCI", (10, 8)).replace(card("BITPIX", -32), card("BITPIX", 24))
write("bitpix_24.fits", primary() + bad_bitpix)
write("shape_mismatch.fits", primary() + image_ext("SCI", (10, 8)) + image_ext("ERR", (10, 9)))
table = header([card("XTENSION", "BINTABLE"), card("BITPIX", 8), card("NAXIS", 2), card("NAXIS1", 4),
                card("NAXIS2", 2), card("PCOUNT", 0), card("GCOUNT", 1), card("TFIELDS", 1),
                card("TFORM1", "J"), card("EXTNAME", "SCI")]) + bytes(8) + b"\0" * (BLOCK - 8)
write("sci_is_table.fits", primary() + table)
write("damaged.fits.gz", gzip.compress(good_rate)[:200])
write("groupdq_int16.fits", primary() + image_ext("SCI", (1, 2, 10, 8)) + image_ext("GROUPDQ", (1, 2, 10, 8), bitpix=16))
write("sci_1d.fits", primary() + image_ext("SCI", (80,)))
no_naxis1 = image_ext("SCI", (10, 8)).replace(card("NAXIS1", 8), card("COMMENT"))
write("missing_naxis1.fits", primary() + no_naxis1)
