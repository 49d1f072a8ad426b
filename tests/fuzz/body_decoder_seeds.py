#!/usr/bin/env python3
"""Writes the body_decoder fuzz target's seeds into tests/data/fetch/body_decoder/.

Each seed is the target's input: byte 0 the Content-Encoding's index in k_encodings
(body_decoder_fuzz.cpp), byte 1 the piece size - 1, bytes 2-3 the output limit (big-endian),
then the encoded body. Brotli comes from Debian's libbrotlienc (package libbrotli-dev).
"""
import ctypes
import gzip
import pathlib
import zlib

ENCODINGS = ["", "identity", "gzip", "x-gzip", "deflate", "br", "GZIP ", "gzip, deflate",
             "deflate, gzip", "br, br", "gzip, br, gzip", "zstd"]
FEED = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
        b'<item><title>a</title></item></channel></rss>\n')
OUT = pathlib.Path(__file__).resolve().parent.parent / "data" / "fetch" / "body_decoder"
_ENCODER = ctypes.CDLL("libbrotlienc.so.1")


def br(data):
    out = ctypes.create_string_buffer(len(data) + 1024)
    size = ctypes.c_size_t(len(out))
    ok = _ENCODER.BrotliEncoderCompress(5, 22, 0, ctypes.c_size_t(len(data)), data,
                                        ctypes.byref(size), out)
    assert ok == 1
    return out.raw[:size.value]


def gz(data):
    return gzip.compress(data, mtime=0)


def raw_deflate(data):
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def seed(name, encoding, body, piece=7, limit=65535):
    header = bytes([ENCODINGS.index(encoding), piece - 1, limit >> 8, limit & 255])
    (OUT / name).write_bytes(header + body)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    seed("identity", "identity", FEED)
    seed("gzip", "gzip", gz(FEED))
    seed("gzip_two_members", "gzip", gz(FEED[:40]) + gz(FEED[40:]), piece=1)
    seed("gzip_cut", "gzip", gz(FEED)[:-3])
    seed("gzip_trailing_junk", "gzip", gz(FEED) + b"<html>")
    seed("deflate_zlib", "deflate", zlib.compress(FEED))
    seed("deflate_raw", "deflate", raw_deflate(FEED), piece=1)
    seed("brotli", "br", br(FEED))
    seed("brotli_twice", "br, br", br(br(FEED)))
    seed("stack_gzip_deflate", "gzip, deflate", zlib.compress(gz(FEED)))
    seed("stack_three", "gzip, br, gzip", gz(br(gz(FEED))))
    seed("bomb_limited", "gzip", gz(b"\0" * 1000000), piece=256, limit=4096)
    seed("unknown_coding", "zstd", b"\x28\xb5\x2f\xfd")


if __name__ == "__main__":
    main()
