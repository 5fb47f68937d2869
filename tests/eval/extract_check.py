"""Reads an evaluation extract directory for tests/api/evaluation_extract.test.mjs.

Usage: extract_check.py DIR KEYFILE    prints JSON: the CSV header and rows,
the XLSX sheets' header rows and row counts, every text of every file (the
XLSX unzipped) joined, and the keyed BLAKE2b-256 of given identifiers
recomputed here with hashlib (the linkage scheme, independently).
"""
import csv
import hashlib
import json
import sys
import zipfile

import openpyxl


def main():
    d, keyfile = sys.argv[1], sys.argv[2]
    ids = json.loads(sys.argv[3]) if len(sys.argv) > 3 else []
    key = open(keyfile, "rb").read()
    with open(f"{d}/evaluation.csv", newline="") as fh:
        rows = list(csv.reader(fh))
    with open(f"{d}/dictionary.csv", newline="") as fh:
        dictionary = list(csv.reader(fh))
    wb = openpyxl.load_workbook(f"{d}/evaluation.xlsx", read_only=True)
    sheets = {}
    for ws in wb.worksheets:
        it = ws.iter_rows(values_only=True)
        head = list(next(it))
        sheets[ws.title] = {"header": head, "rows": 1 + sum(1 for _ in it)}
    texts = []
    for name in ("evaluation.csv", "dictionary.csv", "manifest.json"):
        texts.append(open(f"{d}/{name}", encoding="utf-8").read())
    with zipfile.ZipFile(f"{d}/evaluation.xlsx") as z:
        for n in z.namelist():
            texts.append(z.read(n).decode("utf-8", "replace"))
    print(json.dumps({
        "header": rows[0], "rows": rows[1:], "dictionary": dictionary, "sheets": sheets,
        "text": "\n".join(texts),
        "keys": {i: hashlib.blake2b(i.encode(), digest_size=32, key=key).hexdigest() for i in ids},
    }))


if __name__ == "__main__":
    main()
