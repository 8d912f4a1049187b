#!/usr/bin/python3
"""Decodes every QR code in a binary PPM (P6) with zxing-cpp, a second decoder besides zbar.

Usage: zxing_decode.py IMAGE.ppm
Prints each symbol's text, UTF-8, one per line; exits 2 when the image is not a P6 PPM and
3 when zxing-cpp or numpy is missing. Debian's python3-zxing-cpp reads numpy arrays, so the
PPM is read here without PIL.
"""
import sys

try:
    import numpy
    import zxingcpp
except ImportError as error:
    print(f"zxing_decode: {error} (install python3-zxing-cpp)", file=sys.stderr)
    sys.exit(3)


def read_ppm(path):
    """The pixels of a binary PPM as a height x width x 3 array, in RGB order."""
    with open(path, "rb") as file:
        data = file.read()
    fields = []
    position = 0
    while len(fields) < 4:
        while data[position:position + 1].isspace():
            position += 1
        if data[position:position + 1] == b"#":
            position = data.index(b"\n", position) + 1
            continue
        end = position
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[position:end])
        position = end
    if fields[0] != b"P6" or fields[3] != b"255":
        print(f"zxing_decode: {path} is not an 8-bit P6 PPM", file=sys.stderr)
        sys.exit(2)
    width, height = int(fields[1]), int(fields[2])
    pixels = numpy.frombuffer(data, dtype=numpy.uint8, count=width * height * 3, offset=position + 1)
    return pixels.reshape((height, width, 3))


def main():
    rgb = read_ppm(sys.argv[1])
    # zxing-cpp takes grayscale or BGR arrays.
    bgr = numpy.ascontiguousarray(rgb[:, :, ::-1])
    for result in zxingcpp.read_barcodes(bgr, formats=zxingcpp.BarcodeFormat.QRCode):
        sys.stdout.buffer.write(result.text.encode("utf-8") + b"\n")


if __name__ == "__main__":
    main()
