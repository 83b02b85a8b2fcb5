#!/usr/bin/env python3
"""Seeds of the xlsx_vs_calamine fuzz target: sheet XML, NUL, shared
strings, NUL, styles (fuzz/harness.rs: xlsx_around)."""
import os
import zipfile

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..')
os.chdir(root)
out = 'fuzz/seeds/xlsx_vs_calamine'
NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
def sheet(dim, data, extra=''):
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{NS}"><dimension ref="{dim}"/><sheetData>{data}</sheetData>{extra}</worksheet>').encode()
STRINGS = ('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="%s" count="4" uniqueCount="4"><si><t>Điểm &amp; số</t></si><si><r><rPr><b/></rPr><t xml:space="preserve">Tự </t></r><r><t>chấm</t></r><rPh sb="0" eb="1"><t>X</t></rPh></si><si><t>  trimmed  </t></si><si/></sst>' % NS).encode()
STYLES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="%s"><numFmts count="2"><numFmt numFmtId="164" formatCode="0.0%%"/><numFmt numFmtId="165" formatCode="dd/mm/yyyy"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="2"><border/><border><left style="thin"/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="6"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="9" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>' % NS).encode()
seeds = {
 'rules': sheet('A1:F8',
   '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>'
   '<row r="2"><c r="A2"><v>9.5</v></c><c r="B2" t="n"><v>1200000</v></c><c r="C2" t="b"><v>1</v></c><c r="D2" t="e"><v>#DIV/0!</v></c><c r="E2" t="inlineStr"><is><t>Có &lt;x&gt;</t></is></c><c r="F2" t="str"><f>"a"&amp;"b"</f><v>ab</v></c></row>'
   '<row r="3"><c r="A3"><f>SUM(A1:A2)</f></c><c r="B3"><f t="shared" ref="B3:D3" si="0">A3+1</f></c><c r="C3"><f t="shared" si="0"/></c><c r="D3"><f t="shared" si="0"/><v></v></c><c r="E3" t="str"><f>""</f><v></v></c></row>'
   '<row r="5"><c><v>1</v></c><c><v>2</v></c><c r="E5"><v>3</v></c><c><v>4</v></c></row><row><c><v>7</v></c></row>'
   '<row r="8"><c r="A8" s="0"/><c r="B8" t="inlineStr"><is><t>   </t></is></c><c r="C8"><v>-0.125</v></c><c r="D8"><v>1E-3</v></c></row>') + b'\0' + STRINGS,
 'styles': sheet('A1:D3',
   '<row r="1"><c r="A1" s="1"><v>0.95</v></c><c r="B1" s="2"><v>0.95</v></c><c r="C1" s="2"/><c r="D1" s="1"/></row>'
   '<row r="2"><c r="A2" s="3"><v>1</v></c><c r="B2" s="4"><v>45291</v></c><c r="C2" s="5"><v>45291.5</v></c><c r="D2" s="7"><v>2</v></c></row>'
   '<row r="3"><c r="A3" s="1" t="s"><v>0</v></c></row>',
   '<mergeCells count="2"><mergeCell ref="A5:C5"/><mergeCell ref="D6:D8"/></mergeCells>') + b'\0' + STRINGS + b'\0' + STYLES,
 'merges': sheet('A1:C9', '<row r="1"><c r="A1" t="inlineStr"><is><t>PHỤ LỤC 2</t></is></c></row>',
   '<mergeCells count="3"><mergeCell ref="A1:C1"/><mergeCell ref="A8:B9"/><mergeCell ref="C3"/></mergeCells>'),
 'date-type': sheet('A1', '<row r="1"><c r="A1" t="d"><v>2023-12-31</v></c></row>'),
 'escape': sheet('A1', '<row r="1"><c r="A1" t="str"><f>"x"</f><v>a_x000D_b</v></c></row>'),
 'unknown': sheet('A1', '<row r="1"><c r="A1"><v>1</v><extLst/></c></row>'),
 'bad-ref': sheet('A1', '<row r="1"><c r="1A"><v>1</v></c></row>'),
 'empty': b'',
}
z = zipfile.ZipFile('templates/mau-tu-danh-gia-2023.xlsx')
sst, sty = z.read('xl/sharedStrings.xml'), z.read('xl/styles.xml')
for i in (1, 2, 3):
    seeds[f'template-sheet{i}'] = z.read(f'xl/worksheets/sheet{i}.xml') + b'\0' + sst + b'\0' + sty
for name, data in seeds.items():
    open(os.path.join(out, name), 'wb').write(data)
    print(name, len(data))
