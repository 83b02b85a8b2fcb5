# How EXPECTED in tests/samples.rs was computed, independently of dvht:
# python3 tests/expected_samples.py  (run from the repository root; needs only the standard library)
# Independent computation of the expected final scores of samples/*.xlsx,
# from the cells of the files (zip + XML), by the rules of docs/DOMAIN.md.
import zipfile, re, glob, os
from fractions import Fraction as F
import xml.etree.ElementTree as ET
NS = {'m': 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'}
IDS = ["1","1a","1b","1c","2","2a","2b","2c","2d","3","3a","3a1","3a2","3a3","3a4","3a5","3a6","3a7","3a8","3b","3c"]
MAX = dict(zip(IDS,[30,10,10,10,30,10,5,10,5,40,25,3,3,3,3,3,3,3,4,10,5]))
GROUPS = {"1":["1a","1b","1c"],"2":["2a","2b","2c","2d"],"3":["3a","3b","3c"],"3a":["3a%d"%i for i in range(1,9)]}
LEAVES = [i for i in IDS if i not in GROUPS]
STEP = {"2a":5,"2b":10,"2c":5,"2d":10}
def cells(path):
    z = zipfile.ZipFile(path)
    ss = []
    root = ET.fromstring(z.read('xl/sharedStrings.xml'))
    for si in root.findall('m:si', NS):
        ss.append(''.join(t.text or '' for t in si.iter('{%s}t' % NS['m'])))
    sh = ET.fromstring(z.read('xl/worksheets/sheet1.xml'))
    out = {}
    for c in sh.iter('{%s}c' % NS['m']):
        v = c.find('m:v', NS)
        if v is None or v.text is None: continue
        t = c.get('t')
        out[c.get('r')] = ss[int(v.text)] if t == 's' else (v.text if t in ('str','e') else F(v.text))
    return out
def num(x):
    if isinstance(x, F): return x
    if isinstance(x, str):
        try: return F(x.replace(',', '.'))
        except Exception: return None
    return None
res = []
for path in sorted(glob.glob('samples/*.xlsx')):
    c = cells(path)
    T = c.get('C5')
    fin = {}
    for k, id in enumerate(IDS):
        if id in GROUPS: continue
        row = 9 + k
        ev = c.get('D%d' % row); s = num(c.get('F%d' % row))
        comp = None
        if ev is not None:
            if id in STEP:
                C = ev
                if isinstance(T, F) and T > 0 and T.denominator == 1 and isinstance(C, F) and C.denominator == 1 and 0 <= C <= T:
                    short = 100 * (T - C) / T   # exact rational
                    steps = 0
                    while short >= STEP[id] * (steps + 1): steps += 1
                    comp = max(F(0), MAX[id] - F(1, 2) * steps)
            elif id == '1c':
                if isinstance(ev, F) and ev.denominator == 1 and 0 <= ev <= 4: comp = max(F(0), 10 - 2 * ev)
            elif id == '3c':
                if isinstance(ev, F) and ev.denominator == 1 and ev >= 0: comp = min(F(5), ev)
            else:
                comp = {'Có': F(MAX[id]), 'Không': F(0)}.get(ev)
        if comp is None and s is not None and 0 <= s <= MAX[id]: comp = s
        fin[id] = comp
    def g(id):
        if id not in GROUPS: return fin[id]
        vals = [g(k) for k in GROUPS[id] if g(k) is not None]
        return sum(vals, F(0)) if vals else None
    total = sum((g(t) for t in ["1","2","3"] if g(t) is not None), F(0))
    band = "Tốt" if total >= 85 else "Khá" if total >= 70 else "Trung bình" if total >= 50 else "Chưa đạt"
    fmt = lambda x: "-" if x is None else (str(x.numerator) if x.denominator == 1 else str(float(x)))
    name = os.path.basename(path)[:-5]
    res.append('    ("%s", "%s", "%s", "%s"),' % (name, ' '.join(fmt(fin[i]) for i in LEAVES), fmt(total), band))
print('\n'.join(res))
