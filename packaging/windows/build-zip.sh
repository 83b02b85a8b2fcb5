#!/usr/bin/env bash
# Builds dvht-<version>-windows-x86_64.zip, the download for Windows users:
#
#   packaging/windows/build-zip.sh [--year YYYY] [--out DIR]
#
# The zip holds one folder, dvht-<version>-windows-x86_64/, with
#   dvht.exe                        the program (x86_64-pc-windows-gnu; imports only
#                                   system DLLs of Windows 10/11; symbols stripped)
#   mau-tu-danh-gia-<YYYY>.xlsx     the blank form for the year (default: this year)
#   bieu-mau-vi-du/                 the 26 sample forms of samples/
#   doan-kiem-tra.toml, van-ban.toml  the teams file and the names on the documents, to edit
#   HUONG-DAN.txt                   the Vietnamese guide (UTF-8 with BOM, CRLF: Notepad)
# and is written to DIR (default target/dist/). The same sources and year
# give the same bytes (entries sorted, dated SOURCE_DATE_EPOCH or 2020-01-01).
#
# Needs: rustup target x86_64-pc-windows-gnu, Debian's gcc-mingw-w64-x86-64
# (the linker, see .cargo/config.toml), python3 (zipfile). The blank form is
# written by the Linux build of the same sources (cargo build), whose output
# is byte for byte the Windows one (.ci/windows-under-wine checks it).
set -euo pipefail
cd "$(dirname "$0")/../.."

year=$(date +%Y)
out=target/dist
while [ $# -gt 0 ]; do
  case "$1" in
    --year) year="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    *) echo "usage: $0 [--year YYYY] [--out DIR]" >&2; exit 2 ;;
  esac
done

target=x86_64-pc-windows-gnu
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)
name="dvht-${version}-windows-x86_64"

echo "== building dvht.exe ($target, release)"
cargo build --release --locked --target "$target" --quiet
exe="target/$target/release/dvht.exe"
echo "== building the Linux dvht (writes the blank form)"
cargo build --locked --quiet
linux=target/debug/dvht

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
dir="$stage/$name"
mkdir -p "$dir/bieu-mau-vi-du"
cp "$exe" "$dir/dvht.exe"
x86_64-w64-mingw32-strip "$dir/dvht.exe"
# strip stamps the PE header with the time: the build's date instead
# (SOURCE_DATE_EPOCH, or the zip's fixed date), and the header's checksum
# computed again, so the same sources give the same dvht.exe.
python3 - "$dir/dvht.exe" <<'PY'
import os, struct, sys
path = sys.argv[1]
b = bytearray(open(path, "rb").read())
pe = struct.unpack_from("<I", b, 0x3C)[0]
assert b[pe:pe + 4] == b"PE\0\0", "not a PE file"
struct.pack_into("<I", b, pe + 8, int(os.environ.get("SOURCE_DATE_EPOCH", "1577836800")))
csum_at = pe + 24 + 64  # the optional header's CheckSum
struct.pack_into("<I", b, csum_at, 0)
total = 0
padded = bytes(b) + (b"\0" if len(b) % 2 else b"")
for i in range(0, len(padded), 2):
    if csum_at <= i < csum_at + 4:
        continue
    total += padded[i] | (padded[i + 1] << 8)
    total = (total & 0xFFFF) + (total >> 16)
total = (total & 0xFFFF) + (total >> 16)
struct.pack_into("<I", b, csum_at, (total + len(b)) & 0xFFFFFFFF)
open(path, "wb").write(b)
PY
"$linux" template --year "$year" -o "$dir/mau-tu-danh-gia-$year.xlsx" 2>/dev/null
cp samples/*.xlsx "$dir/bieu-mau-vi-du/"
# The files a clerk edits in Notepad: CRLF, so that every Notepad shows lines.
for f in doan-kiem-tra.toml van-ban.toml; do
  sed 's/\r*$/\r/' "templates/$f" > "$dir/$f"
done
# The guide: the year and version filled in, CRLF, with a BOM so that every
# Notepad opens it as UTF-8.
python3 - "$dir/HUONG-DAN.txt" "$year" "$version" <<'PY'
import sys
path, year, version = sys.argv[1:]
text = open("packaging/windows/HUONG-DAN.txt", encoding="utf-8").read()
text = text.replace("{YEAR}", year).replace("{VERSION}", version)
with open(path, "w", encoding="utf-8-sig", newline="\r\n") as f:
    f.write(text)
PY

if [ -e "$dir/bcryptprimitives.dll" ]; then
  echo "the Wine-only stub must never be shipped" >&2
  exit 1
fi

mkdir -p "$out"
zip="$out/$name.zip"
python3 - "$stage" "$name" "$zip" <<'PY'
import os, sys, time, zipfile
stage, name, zip_path = sys.argv[1:]
epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "1577836800"))  # 2020-01-01
stamp = time.gmtime(max(epoch, 315532800))[:6]                 # zip dates start in 1980
files = []
for root, _, names in os.walk(os.path.join(stage, name)):
    for n in names:
        files.append(os.path.relpath(os.path.join(root, n), stage))
tmp = zip_path + ".tmp"
with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    for rel in sorted(files):
        info = zipfile.ZipInfo(rel.replace(os.sep, "/"), date_time=stamp)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        with open(os.path.join(stage, rel), "rb") as f:
            z.writestr(info, f.read())
os.replace(tmp, zip_path)
PY
echo "$zip"
