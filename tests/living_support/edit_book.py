"""Types into a district (or team) workbook as an inspection team would,
with openpyxl: a writer independent of dvht that saves formulas without
their cached values.

usage: edit_book.py BOOK.xlsx OUT.xlsx EDITS.json
       edit_book.py --dump BOOK.xlsx
       edit_book.py --sheets BOOK.xlsx   (every sheet's rows, as lists)
       edit_book.py --values BOOK.xlsx   (the same, formulas' cached results)


EDITS: [{"unit": "Phòng Tư pháp", "id": "2a", "team": 9.5 | "9,5", "note": "..."}]
Cells are found by their labels, not by fixed addresses: the unit's sheet
holds "Đơn vị:" with the unit's name to its right (or, on "Chi tiết",
the unit's name in the "Đơn vị" column), the header row holds "Mã",
"Điểm đoàn kiểm tra" and "Ghi chú của đoàn kiểm tra". Prints, per edit,
the sheet and cell written (JSON lines).
"""
import json
import sys

import openpyxl


def header(ws):
    for row in ws.iter_rows(min_row=1, max_row=50):
        labels = {c.value: c.column for c in row if isinstance(c.value, str)}
        if "Mã" in labels and "Điểm đoàn kiểm tra" in labels:
            return row[0].row, labels
    return None, None


def unit_of_sheet(ws):
    for row in ws.iter_rows(min_row=1, max_row=5):
        for i, c in enumerate(row):
            if c.value == "Đơn vị:":
                for d in row[i + 1:]:
                    if d.value not in (None, ""):
                        return str(d.value)
    return None


def find(wb, unit, crit):
    for ws in wb.worksheets:
        hr, labels = header(ws)
        if hr is None:
            continue
        by_row = "Đơn vị" in labels
        if not by_row and unit_of_sheet(ws) != unit:
            continue
        for r in range(hr + 1, ws.max_row + 1):
            code = ws.cell(r, labels["Mã"]).value
            if code in (None, ""):
                break
            if by_row and ws.cell(r, labels["Đơn vị"]).value != unit:
                continue
            if str(code) == crit:
                return ws, r, labels
    raise SystemExit(f"no row {crit} of {unit}")


def dump(book):
    """Every unit's typed team scores and notes, by unit and criterion:
    {"unit": {"id": {"team": value, "note": text}}}, and each unit's
    proposed scores ("proposed": {"id": value}) and maximums."""
    wb = openpyxl.load_workbook(book)
    out = {}
    for ws in wb.worksheets:
        hr, labels = header(ws)
        if hr is None:
            continue
        by_row = "Đơn vị" in labels
        own = None if by_row else unit_of_sheet(ws)
        for r in range(hr + 1, ws.max_row + 1):
            code = ws.cell(r, labels["Mã"]).value
            if code in (None, ""):
                break
            if code in ("total", "class"):
                continue
            unit = ws.cell(r, labels["Đơn vị"]).value if by_row else own
            u = out.setdefault(unit, {"typed": {}, "proposed": {}, "max": {}})
            u["proposed"][code] = ws.cell(r, labels["Điểm đề xuất"]).value
            u["max"][code] = ws.cell(r, labels["Điểm tối đa"]).value
            team = ws.cell(r, labels["Điểm đoàn kiểm tra"]).value
            note = ws.cell(r, labels["Ghi chú của đoàn kiểm tra"]).value
            if team is not None or note is not None:
                u["typed"][code] = {"team": team, "note": note}
    print(json.dumps(out, ensure_ascii=False))


def sheets(book, values=False):
    """{"sheet": [[cell values of a row], ...]} for every sheet, and the
    workbook's custom property "dvht" under "_dvht". With `values`, a
    formula's cached result in place of the formula."""
    wb = openpyxl.load_workbook(book, data_only=values)
    out = {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets}
    props = {p.name: p.value for p in wb.custom_doc_props.props}
    out["_dvht"] = props.get("dvht")
    out["_protected"] = [ws.title for ws in wb.worksheets if ws.protection.sheet]
    out["_paper"] = [ws.page_setup.paperSize for ws in wb.worksheets]
    print(json.dumps(out, ensure_ascii=False, default=str))


def main():
    if sys.argv[1] == "--dump":
        return dump(sys.argv[2])
    if sys.argv[1] == "--sheets":
        return sheets(sys.argv[2])
    if sys.argv[1] == "--values":
        return sheets(sys.argv[2], values=True)
    book, out, edits = sys.argv[1], sys.argv[2], json.load(open(sys.argv[3], encoding="utf-8"))
    wb = openpyxl.load_workbook(book)
    for e in edits:
        ws, r, labels = find(wb, e["unit"], e["id"])
        if "team" in e:
            c = ws.cell(r, labels["Điểm đoàn kiểm tra"])
            c.value = e["team"]
            print(json.dumps({"unit": e["unit"], "id": e["id"], "what": "team",
                              "sheet": ws.title, "cell": c.coordinate}, ensure_ascii=False))
        if "note" in e:
            c = ws.cell(r, labels["Ghi chú của đoàn kiểm tra"])
            c.value = e["note"]
            print(json.dumps({"unit": e["unit"], "id": e["id"], "what": "note",
                              "sheet": ws.title, "cell": c.coordinate}, ensure_ascii=False))
    wb.save(out)


main()
