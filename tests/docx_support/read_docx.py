"""Reads .docx files with python-docx (an independent reader) and prints
what the tests check, as JSON: the text of every paragraph (tables
flattened in document order), every table's rows and whether its
first row repeats on each page, each section's page size,
margins, first-page and header settings, the document's default fonts, any
font a run names, the core properties' dates and the zip entries' dates.

Usage: python3 read_docx.py FILE.docx...  (one JSON object per file, in an
array, on standard output).
"""
import json
import sys
import zipfile

import docx
from docx.oxml.ns import qn
from docx.shared import Emu

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def mm(v):
    return None if v is None else round(Emu(v).mm, 1)


def para_text(p):
    return "".join(t.text or "" for t in p.iter(W + "t"))


def body_lines(body):
    """Paragraph texts in document order, table cells included."""
    out = []
    for el in body.iterchildren():
        if el.tag == W + "p":
            out.append(para_text(el))
        elif el.tag == W + "tbl":
            for p in el.iter(W + "p"):
                out.append(para_text(p))
    return out


def tables(doc):
    out = []
    for t in doc.tables:
        rows = []
        for r in t.rows:
            rows.append(["\n".join(p.text for p in c.paragraphs) for c in r.cells])
        out.append(rows)
    return out


def heading_repeats(doc):
    """Per table: whether its first row repeats on every page (w:tblHeader)."""
    out = []
    for t in doc.tables:
        tr = t._tbl.find(qn("w:tr"))
        pr = None if tr is None else tr.find(qn("w:trPr"))
        out.append(pr is not None and pr.find(qn("w:tblHeader")) is not None)
    return out


def kept_together(doc):
    """Per table: whether every paragraph of every row but the last is
    kept with the next (the table is not split across pages)."""
    out = []
    for t in doc.tables:
        rows = t._tbl.findall(qn("w:tr"))
        paras = [p for r in rows[:-1] for p in r.iter(qn("w:p"))]
        out.append(bool(paras) and all(
            p.pPr is not None and p.pPr.find(qn("w:keepNext")) is not None for p in paras))
    return out


def fonts(doc):
    styles = doc.styles.element
    rfonts = styles.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr") + "/" + qn("w:rFonts"))
    default = {} if rfonts is None else {k.split("}")[1]: v for k, v in rfonts.attrib.items()}
    sz = styles.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr") + "/" + qn("w:sz"))
    size = None if sz is None else int(sz.get(qn("w:val"))) / 2
    named = set()
    for part in [doc.part] + [s.header.part for s in doc.sections]:
        for rf in part.element.iter(W + "rFonts"):
            for k, v in rf.attrib.items():
                if not k.endswith("Theme") and not k.endswith("hint"):
                    named.add(v)
    # Fonts named by styles too (a style could bring another face in).
    for rf in styles.iter(W + "rFonts"):
        for k, v in rf.attrib.items():
            if not k.endswith("Theme") and not k.endswith("hint"):
                named.add(v)
    return default, size, sorted(named)


def section_info(s):
    hdr = s.header
    instr = " ".join(t.text or "" for t in hdr._element.iter(W + "instrText"))
    fld = [f.get(W + "instr") for f in hdr._element.iter(W + "fldSimple")]
    first = s.first_page_header
    return {
        "width_mm": mm(s.page_width),
        "height_mm": mm(s.page_height),
        "top_mm": mm(s.top_margin),
        "bottom_mm": mm(s.bottom_margin),
        "left_mm": mm(s.left_margin),
        "right_mm": mm(s.right_margin),
        "orientation": str(s.orientation),
        "different_first_page": bool(s.different_first_page_header_footer),
        "header_page_field": "PAGE" in instr or any("PAGE" in (f or "") for f in fld),
        "first_header_text": "" if first.is_linked_to_previous and not s.different_first_page_header_footer
        else "".join(p.text for p in first.paragraphs),
        "page_number_start": (lambda e: None if e is None else e.get(qn("w:start")))(
            s._sectPr.find(qn("w:pgNumType"))
        ),
    }


def read(path):
    doc = docx.Document(path)
    default, size, named = fonts(doc)
    with zipfile.ZipFile(path) as z:
        dates = sorted({"%04d-%02d-%02d %02d:%02d:%02d" % i.date_time for i in z.infolist()})
    cp = doc.core_properties
    return {
        "file": path,
        "lines": body_lines(doc.element.body),
        "tables": tables(doc),
        "heading_repeats": heading_repeats(doc),
        "kept_together": kept_together(doc),
        "sections": [section_info(s) for s in doc.sections],
        "default_fonts": default,
        "default_size_pt": size,
        "named_fonts": named,
        "created": cp.created.isoformat() if cp.created else None,
        "zip_dates": dates,
    }


if __name__ == "__main__":
    print(json.dumps([read(p) for p in sys.argv[1:]], ensure_ascii=False))
