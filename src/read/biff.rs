//! What calamine drops from an .xls: which number cells are shown as
//! percentages. A small, bounded walk of the OLE container and the BIFF8
//! records that matter (FORMAT, XF, BOUNDSHEET8, and the cells' XF indexes);
//! any oddity gives `None` and the cells stand without flags. Runs after
//! calamine has parsed the same bytes, inside the same wall.

use super::convert::is_percent_format;
use crate::cells::Addr;
use std::collections::{HashMap, HashSet};

const ENDOFCHAIN: u32 = 0xFFFF_FFFE;

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// An OLE compound file, enough to read one stream.
struct Cfb<'a> {
    bytes: &'a [u8],
    shift: u32,
    fat: Vec<u32>,
}

impl<'a> Cfb<'a> {
    fn open(bytes: &'a [u8]) -> Option<Cfb<'a>> {
        let shift = u32::from(u16_at(bytes, 0x1E)?);
        if shift != 9 && shift != 12 {
            return None;
        }
        let size = 1usize << shift;
        let per_sector = size / 4;
        let n_fat = u32_at(bytes, 0x2C)? as usize;
        // Every FAT sector must fit in the file.
        if n_fat > bytes.len() / size + 1 {
            return None;
        }
        let mut fat_sectors: Vec<u32> = (0..109.min(n_fat))
            .filter_map(|i| u32_at(bytes, 0x4C + 4 * i))
            .collect();
        let mut difat = u32_at(bytes, 0x44)?;
        let mut guard = 0usize;
        while fat_sectors.len() < n_fat && difat < ENDOFCHAIN {
            guard += 1;
            if guard > bytes.len() / size + 1 {
                return None;
            }
            let off = (difat as usize + 1).checked_mul(size)?;
            let sector = bytes.get(off..off + size)?;
            for i in 0..per_sector - 1 {
                if fat_sectors.len() < n_fat {
                    fat_sectors.push(u32_at(sector, 4 * i)?);
                }
            }
            difat = u32_at(sector, size - 4)?;
        }
        let mut fat = Vec::with_capacity(fat_sectors.len() * per_sector);
        for s in fat_sectors {
            let off = (s as usize + 1).checked_mul(size)?;
            let sector = bytes.get(off..off + size)?;
            fat.extend(sector.chunks_exact(4).filter_map(|c| u32_at(c, 0)));
        }
        Some(Cfb { bytes, shift, fat })
    }

    fn sector_size(&self) -> usize {
        1usize << self.shift
    }

    /// The bytes of a chain of regular sectors, cut to `len`.
    fn chain(&self, start: u32, len: usize) -> Option<Vec<u8>> {
        let size = self.sector_size();
        let mut out = Vec::new();
        let mut s = start;
        let mut steps = 0usize;
        while s < ENDOFCHAIN && out.len() < len {
            steps += 1;
            if steps > self.fat.len() {
                return None; // a loop
            }
            let off = (s as usize + 1).checked_mul(size)?;
            out.extend_from_slice(self.bytes.get(off..off + size)?);
            s = *self.fat.get(s as usize)?;
        }
        out.truncate(len);
        Some(out)
    }

    /// A stream of the root storage by name (case-insensitive).
    fn stream(&self, names: &[&str]) -> Option<Vec<u8>> {
        let dir_start = u32_at(self.bytes, 0x30)?;
        let cutoff = u32_at(self.bytes, 0x38)? as usize;
        let dir = self.chain(dir_start, self.bytes.len())?;
        let root = dir.get(..128)?;
        for entry in dir.chunks_exact(128) {
            let name_len = usize::from(u16_at(entry, 64)?).min(64);
            let units: Vec<u16> = entry
                .get(..name_len.saturating_sub(2))?
                .chunks_exact(2)
                .filter_map(|c| u16_at(c, 0))
                .collect();
            let name = String::from_utf16_lossy(&units);
            if entry.get(66) != Some(&2) || !names.iter().any(|n| n.eq_ignore_ascii_case(&name)) {
                continue;
            }
            let start = u32_at(entry, 116)?;
            let len = u32_at(entry, 120)? as usize;
            if len > self.bytes.len() {
                return None;
            }
            if len >= cutoff {
                return self.chain(start, len);
            }
            // A small stream lives in the mini stream (the root entry's
            // data), in 64-byte sectors chained by the mini FAT.
            let mini_shift = u32::from(u16_at(self.bytes, 0x20)?);
            if mini_shift != 6 {
                return None;
            }
            let mini = self.chain(
                u32_at(root, 116)?,
                (u32_at(root, 120)? as usize).min(self.bytes.len()),
            )?;
            let n_minifat = u32_at(self.bytes, 0x40)? as usize;
            let minifat_bytes = self.chain(
                u32_at(self.bytes, 0x3C)?,
                n_minifat
                    .checked_mul(self.sector_size())?
                    .min(self.bytes.len()),
            )?;
            let minifat: Vec<u32> = minifat_bytes
                .chunks_exact(4)
                .filter_map(|c| u32_at(c, 0))
                .collect();
            let mut out = Vec::new();
            let mut s = start;
            let mut steps = 0usize;
            while s < ENDOFCHAIN && out.len() < len {
                steps += 1;
                if steps > minifat.len() {
                    return None;
                }
                let off = (s as usize).checked_mul(64)?;
                out.extend_from_slice(mini.get(off..off + 64)?);
                s = *minifat.get(s as usize)?;
            }
            out.truncate(len);
            return Some(out);
        }
        None
    }
}

/// BIFF records of a stream from `at`: (type, data, offset of the record).
fn records(stream: &[u8], mut at: usize) -> impl Iterator<Item = (u16, &[u8], usize)> {
    std::iter::from_fn(move || {
        let typ = u16_at(stream, at)?;
        let len = usize::from(u16_at(stream, at + 2)?);
        let data = stream.get(at + 4..at + 4 + len)?;
        let here = at;
        at += 4 + len;
        Some((typ, data, here))
    })
}

/// An XLUnicodeString (16-bit count) or ShortXLUnicodeString (8-bit) at `at`.
fn unicode_string(data: &[u8], at: usize, short: bool) -> Option<String> {
    let (cch, flags_at) = if short {
        (usize::from(*data.get(at)?), at + 1)
    } else {
        (usize::from(u16_at(data, at)?), at + 2)
    };
    let high = data.get(flags_at)? & 1 == 1;
    let chars = flags_at + 1;
    Some(if high {
        let units: Vec<u16> = data
            .get(chars..chars + 2 * cch)
            .unwrap_or(data.get(chars..).unwrap_or_default())
            .chunks_exact(2)
            .filter_map(|c| u16_at(c, 0))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        data.get(chars..chars + cch)
            .unwrap_or(data.get(chars..).unwrap_or_default())
            .iter()
            .map(|&b| char::from(b))
            .collect()
    })
}

/// Per sheet name, the cells whose number format shows a percentage, at
/// most `max_cells` per sheet. `None` for anything but a BIFF8 workbook
/// read without trouble.
pub fn percent_cells(bytes: &[u8], max_cells: usize) -> Option<HashMap<String, HashSet<Addr>>> {
    let cfb = Cfb::open(bytes)?;
    let wb = cfb.stream(&["Workbook", "Book"])?;
    // Globals: BOF of BIFF8, then FORMAT, XF, BOUNDSHEET8 up to EOF.
    let mut formats: HashMap<u16, String> = HashMap::new();
    let mut xf_formats: Vec<u16> = Vec::new();
    let mut sheets: Vec<(String, usize)> = Vec::new();
    for (i, (typ, data, _)) in records(&wb, 0).enumerate() {
        match typ {
            // BIFF8 only (BOF version 0x0600).
            0x0809 if i == 0 && u16_at(data, 0)? == 0x0600 => {}
            _ if i == 0 => return None,
            0x002F => return None, // FILEPASS
            0x041E => {
                formats.insert(u16_at(data, 0)?, unicode_string(data, 2, false)?);
            }
            0x00E0 => xf_formats.push(u16_at(data, 2)?),
            0x0085 => {
                let pos = u32_at(data, 0)? as usize;
                if data.get(5) == Some(&0) {
                    sheets.push((unicode_string(data, 6, true)?, pos));
                }
            }
            0x000A => break,
            _ => {}
        }
    }
    let percent_xf: Vec<bool> = xf_formats
        .iter()
        .map(|ifmt| match ifmt {
            9 | 10 => true,
            id => formats.get(id).is_some_and(|code| is_percent_format(code)),
        })
        .collect();
    if !percent_xf.iter().any(|p| *p) {
        return Some(HashMap::new());
    }
    let is_pct = |ixfe: u16| percent_xf.get(usize::from(ixfe)).copied().unwrap_or(false);
    let mut out = HashMap::new();
    for (name, pos) in sheets {
        let mut cells = HashSet::new();
        for (typ, data, at) in records(&wb, pos) {
            if cells.len() >= max_cells {
                break;
            }
            match typ {
                0x0809 if at == pos => {}
                _ if at == pos => break, // not a BOF: a bad offset
                0x000A => break,
                // NUMBER, RK, FORMULA: row, col, ixfe.
                0x0203 | 0x027E | 0x0006 if is_pct(u16_at(data, 4)?) => {
                    cells.insert(Addr::new(
                        u32::from(u16_at(data, 0)?),
                        u32::from(u16_at(data, 2)?),
                    ));
                }
                // MULRK: row, first col, (ixfe, rk)*, last col.
                0x00BD => {
                    let row = u32::from(u16_at(data, 0)?);
                    let first = u32::from(u16_at(data, 2)?);
                    let n = data.len().saturating_sub(6) / 6;
                    for k in 0..n {
                        if is_pct(u16_at(data, 4 + 6 * k)?) {
                            cells.insert(Addr::new(row, first + k as u32));
                        }
                    }
                }
                _ => {}
            }
        }
        out.insert(name, cells);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture() -> Vec<u8> {
        let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/read/percent.xls");
        std::fs::read(p).expect("fixture")
    }

    #[test]
    fn percent_cells_of_a_libreoffice_xls() {
        // tests/fixtures/read/percent.xls: tests/read_support's
        // normal_workbook() saved as "Excel 97" by LibreOffice; B4 is 0.95
        // formatted "0%", B7 1200000 formatted "#,##0".
        let p = percent_cells(&fixture(), 100).expect("parsed");
        assert_eq!(p.len(), 2);
        assert_eq!(
            p.get("Tự đánh giá"),
            Some(&HashSet::from([Addr::new(3, 1)]))
        );
        assert_eq!(p.get("Phụ lục 1"), Some(&HashSet::new()));
        assert_eq!(
            percent_cells(&fixture(), 0).expect("parsed")["Tự đánh giá"].len(),
            0
        );
    }

    #[test]
    fn mangled_files_never_panic() {
        let good = fixture();
        let mut x = 0x9E37_79B9_u32;
        for round in 0..3000 {
            let mut b = good.clone();
            for _ in 0..1 + round % 8 {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                let at = x as usize % b.len();
                b[at] = (x >> 8) as u8;
            }
            if round % 50 == 0 {
                b.truncate(x as usize % good.len());
            }
            let _ = percent_cells(&b, 1000);
        }
        assert!(percent_cells(&[], 10).is_none());
        assert!(percent_cells(&good[..512], 10).is_none());
    }
}
