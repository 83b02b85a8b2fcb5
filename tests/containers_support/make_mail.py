#!/usr/bin/env python3
"""Builds the mailboxes, messages and archives of tests/containers.rs with
Python's own email, mailbox and zipfile packages (a writer independent of
dvht's reader).

    make_mail.py FORMS OUT

FORMS holds the forms written by the test (tu-phap.xlsx, noi-vu-cu.xlsx,
noi-vu-moi.xlsx, my-phu.xlsx, my-an.xlsx, long-thanh.xlsx, y-te.xlsx);
OUT receives thu-tu-phap.eml, hop-thu.mbox and tai-ve.zip.
"""
import email.policy
import email.utils
import io
import mailbox
import os
import sys
import zipfile
from email.message import EmailMessage

forms, out = sys.argv[1], sys.argv[2]
XLSX = ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def form(name):
    with open(os.path.join(forms, name), "rb") as f:
        return f.read()


def message(sender, subject, date, attachments):
    m = EmailMessage(policy=email.policy.SMTP)
    m["From"] = sender
    m["To"] = "Phòng GD&ĐT <pgddt@thuthua.gov.vn>"
    m["Subject"] = subject
    m["Date"] = date
    m.set_content("Kính gửi Phòng GD&ĐT,\nĐơn vị gửi biểu mẫu tự đánh giá.\n")
    for filename, data, kind in attachments:
        # Non-ASCII names are written as RFC 2231 parameters
        # (filename*=utf-8''...), the body as base64.
        m.add_attachment(data, maintype=kind[0], subtype=kind[1], filename=filename)
    return m


def zip_of(entries):
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(2023, 12, 2, 9, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.flag_bits |= 0x800  # names in UTF-8
            z.writestr(info, data)
    return b.getvalue()


eml = message(
    "Phòng Tư pháp <tuphap@thuthua.gov.vn>",
    "Gửi biểu mẫu tự đánh giá ĐVHT năm 2023",
    "Mon, 04 Dec 2023 08:00:00 +0700",
    [("Biểu mẫu tự đánh giá - Phòng Tư pháp.xlsx", form("tu-phap.xlsx"), XLSX)],
)
with open(os.path.join(out, "thu-tu-phap.eml"), "wb") as f:
    f.write(eml.as_bytes())

box = mailbox.mbox(os.path.join(out, "hop-thu.mbox"))
box.lock()
box.add(message(
    "Phòng Nội vụ <noivu@thuthua.gov.vn>",
    "Biểu mẫu ĐVHT",
    "Fri, 01 Dec 2023 15:30:00 +0700",
    [("Nội vụ.xlsx", form("noi-vu-cu.xlsx"), XLSX)],
))
box.add(message(
    "UBND xã Mỹ Lạc <mylac@thuthua.gov.vn>",
    "Xin gia hạn nộp biểu mẫu",
    "Sat, 02 Dec 2023 10:00:00 +0700",
    [],
))
box.add(message(
    "Phòng Nội vụ <noivu@thuthua.gov.vn>",
    "Gửi lại biểu mẫu ĐVHT (đã sửa)",
    "Wed, 06 Dec 2023 09:15:00 +0700",
    [("Nội vụ (gửi lại).xlsx", form("noi-vu-moi.xlsx"), XLSX),
     ("Công văn.pdf", b"%PDF-1.4 scan", ("application", "pdf"))],
))
inner = zip_of([("my-phu.xlsx", form("my-phu.xlsx"))])
box.add(message(
    "Trường THCS Mỹ Phú <myphu@thuthua.edu.vn>",
    "Hồ sơ ĐVHT (nén)",
    "Tue, 05 Dec 2023 07:45:00 +0700",
    [("Hồ sơ Mỹ Phú.zip",
      zip_of([("Biểu mẫu/Mỹ Phú.xlsx", form("my-phu.xlsx")), ("lop-trong.zip", inner)]),
      ("application", "zip"))],
))
box.add(message(
    "Phòng Y tế <yte@thuthua.gov.vn>",
    "Biểu mẫu (hai bản giống nhau)",
    "Tue, 05 Dec 2023 16:00:00 +0700",
    [("y-te.xlsx", form("y-te.xlsx"), XLSX), ("y-te (1).xlsx", form("y-te.xlsx"), XLSX)],
))
box.flush()
box.unlock()

deeper = zip_of([("sau-nua.xlsx", form("long-thanh.xlsx"))])
with open(os.path.join(out, "tai-ve.zip"), "wb") as f:
    f.write(zip_of([
        ("UBND xã Mỹ An.xlsx", form("my-an.xlsx")),
        ("Long Thạnh.zip", zip_of([("Long Thạnh.xlsx", form("long-thanh.xlsx")),
                                   ("sau-nua.zip", deeper)])),
        ("ghi-chu.txt", "Tải về từ hộp thư".encode()),
    ]))
