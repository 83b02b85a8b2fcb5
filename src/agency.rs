//! Vietnamese agency names: when two spellings name the same agency.
//!
//! A roster says "Ủy ban nhân dân xã Mỹ An", the form "UBND xã Mỹ An"; a team
//! member's agency is "Phòng GD&ĐT", the unit "Phòng Giáo dục và Đào tạo
//! huyện Thủ Thừa". [`key`] turns a name into a comparison key: folded like
//! every label ([`crate::text::fold_ascii`]: NFC, case, diacritics, spacing),
//! cut into words at spaces and punctuation, the connecting "và" left out,
//! every long form of the abbreviation table replaced by its short form
//! (longest first), and a trailing "huyện …" (the district every unit of a
//! run belongs to) left out. [`same_agency`] compares two keys.
//!
//! The table is data: `templates/abbreviations.toml`, built in
//! ([`Abbreviations::builtin`]); [`Abbreviations::from_toml`] reads another
//! and refuses one whose short and long forms do not give the same key.
//!
//! ```
//! use dvht::agency::{key, same_agency};
//! assert!(same_agency("Ủy ban nhân dân xã Mỹ An", "UBND xã Mỹ An"));
//! assert!(same_agency("Phòng Lao động - TB&XH", "Phòng Lao động – Thương binh và Xã hội"));
//! assert!(same_agency("Phòng GDĐT huyện Thủ Thừa", "Phòng Giáo dục và Đào tạo"));
//! assert!(!same_agency("UBND xã Mỹ An", "UBND xã Mỹ Lạc"));
//! assert_eq!(key("Trường Trung học cơ sở Mỹ An"), "tr thcs my an");
//! ```

use crate::text::fold_ascii;
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// The text of the built-in table.
pub const BUILTIN_TOML: &str = include_str!("../templates/abbreviations.toml");

/// The key of a name under the built-in table (see the module doc).
pub fn key(name: &str) -> String {
    Abbreviations::builtin().key(name)
}

/// Whether two names name the same agency under the built-in table.
/// Symmetric; an empty name (no letters or digits) names no agency.
pub fn same_agency(a: &str, b: &str) -> bool {
    Abbreviations::builtin().same(a, b)
}

/// The abbreviation table, ready to make keys.
#[derive(Debug, Clone)]
pub struct Abbreviations {
    /// First word of a long form → (its words, the short form's words),
    /// longest first.
    phrases: HashMap<String, Vec<Phrase>>,
    /// A short form written without separators ("gddt") → its words.
    shorts: HashMap<String, Vec<String>>,
    drop: HashSet<String>,
    drop_before_number: HashSet<String>,
    strip_trailing: HashSet<String>,
    unless_followed_by: HashSet<String>,
}

/// A long form's words and the short form's words.
type Phrase = (Vec<String>, Vec<String>);

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TableFile {
    #[serde(default)]
    drop: Vec<String>,
    #[serde(default)]
    drop_before_number: Vec<String>,
    #[serde(default)]
    strip_trailing: Vec<String>,
    #[serde(default)]
    unless_followed_by: Vec<String>,
    #[serde(default)]
    entry: Vec<Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    short: Vec<String>,
    long: Vec<String>,
}

/// Longest word a short form written without separators may be cut into
/// short forms ("ldtb" → "ld tb").
const MAX_SPLIT_LEN: usize = 16;

impl Abbreviations {
    /// The built-in table (`templates/abbreviations.toml`).
    pub fn builtin() -> &'static Abbreviations {
        static BUILTIN: OnceLock<Abbreviations> = OnceLock::new();
        BUILTIN.get_or_init(|| match Abbreviations::from_toml(BUILTIN_TOML) {
            Ok(t) => t,
            // A test keeps the built-in table valid; should it ever not be,
            // names are still folded and compared, without abbreviations.
            Err(_) => Abbreviations::empty(),
        })
    }

    fn empty() -> Abbreviations {
        Abbreviations {
            phrases: HashMap::new(),
            shorts: HashMap::new(),
            drop: HashSet::new(),
            drop_before_number: HashSet::new(),
            strip_trailing: HashSet::new(),
            unless_followed_by: HashSet::new(),
        }
    }

    /// Reads a table. Refused (the message names the entry): a TOML error,
    /// an entry without short or long form, a short form that stands for
    /// two different things written without separators, and an entry whose
    /// forms do not all give the same key.
    pub fn from_toml(text: &str) -> Result<Abbreviations, String> {
        let file: TableFile = toml::from_str(text).map_err(|e| e.to_string())?;
        let set = |v: &[String]| v.iter().map(|w| fold_word(w)).collect::<HashSet<_>>();
        let mut t = Abbreviations {
            drop: set(&file.drop),
            drop_before_number: set(&file.drop_before_number),
            strip_trailing: set(&file.strip_trailing),
            unless_followed_by: set(&file.unless_followed_by),
            ..Abbreviations::empty()
        };
        for e in &file.entry {
            let Some(first) = e.short.first() else {
                return Err(format!(
                    "an entry without a short form: long = {:?}",
                    e.long
                ));
            };
            if e.long.is_empty() {
                return Err(format!("the entry {first:?} has no long form"));
            }
            let canonical = t.words(first);
            if canonical.is_empty() {
                return Err(format!("the short form {first:?} has no letters"));
            }
            for s in &e.short {
                let compact: String = t.words(s).concat();
                match t.shorts.get(&compact) {
                    Some(c) if *c != canonical => {
                        return Err(format!(
                            "the short form {s:?} stands for both {:?} and {:?}",
                            c.join(" "),
                            canonical.join(" ")
                        ));
                    }
                    _ => {
                        t.shorts.insert(compact, canonical.clone());
                    }
                }
            }
            for l in &e.long {
                let words = t.words(l);
                let Some(head) = words.first().cloned() else {
                    return Err(format!("the long form {l:?} of {first:?} has no letters"));
                };
                let list = t.phrases.entry(head).or_default();
                if !list.iter().any(|(w, _)| *w == words) {
                    list.push((words, canonical.clone()));
                }
            }
        }
        for list in t.phrases.values_mut() {
            // Longest first; among equals, the table's order (stable sort).
            list.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        }
        for e in &file.entry {
            let keys: Vec<(String, String)> = e
                .short
                .iter()
                .chain(&e.long)
                .map(|n| (n.clone(), t.key(n)))
                .collect();
            if let Some((n, k)) = keys.iter().find(|(_, k)| *k != keys[0].1) {
                return Err(format!(
                    "{:?} reads {:?} but {n:?} reads {k:?}: the forms of one entry must give the same key",
                    keys[0].0, keys[0].1
                ));
            }
        }
        Ok(t)
    }

    /// A name's words: folded, cut at every character that is not a letter
    /// or a digit, the `drop` words left out.
    fn words(&self, name: &str) -> Vec<String> {
        let folded = fold_ascii(name);
        folded
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(fold_word)
            .filter(|w| !self.drop.contains(w))
            .collect()
    }

    /// The key of a name: its words with every long form replaced by its
    /// short form, words typed as short forms without separators cut into
    /// them, and a trailing district qualifier left out; joined by spaces.
    /// Empty for a name without letters or digits.
    pub fn key(&self, name: &str) -> String {
        let words = self.words(name);
        let mut out: Vec<String> = Vec::with_capacity(words.len());
        let mut i = 0;
        while let Some(w) = words.get(i) {
            if self.drop_before_number.contains(w)
                && words
                    .get(i + 1)
                    .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()))
            {
                i += 1;
                continue;
            }
            if let Some((len, short)) = self.phrase_at(&words[i..]) {
                out.extend(short.iter().cloned());
                i += len;
                continue;
            }
            match self.shorts.get(w) {
                Some(short) => out.extend(short.iter().cloned()),
                None => match self.split(w) {
                    Some(parts) => out.extend(parts),
                    None => out.push(w.clone()),
                },
            }
            i += 1;
        }
        self.strip_qualifier(&mut out);
        out.join(" ")
    }

    /// Whether two names give the same, non-empty key.
    pub fn same(&self, a: &str, b: &str) -> bool {
        let ka = self.key(a);
        !ka.is_empty() && ka == self.key(b)
    }

    /// The longest long form starting at `words[0]`: its length in words
    /// and the short form's words.
    fn phrase_at<'a>(&'a self, words: &[String]) -> Option<(usize, &'a [String])> {
        let list = self.phrases.get(words.first()?)?;
        list.iter()
            .find(|(w, _)| words.get(..w.len()) == Some(w.as_slice()))
            .map(|(w, s)| (w.len(), s.as_slice()))
    }

    /// A word that is several short forms typed together ("ldtb", "pgd"),
    /// cut into them: the fewest pieces, the longest first piece among
    /// equals. `None` when it is not made of short forms only.
    fn split(&self, w: &str) -> Option<Vec<String>> {
        let n = w.len();
        if !(3..=MAX_SPLIT_LEN).contains(&n) || !w.bytes().all(|b| b.is_ascii_lowercase()) {
            return None;
        }
        // best[i]: the fewest pieces covering w[i..], and the first piece's end.
        let mut best: Vec<Option<(usize, usize)>> = vec![None; n + 1];
        best[n] = Some((0, n));
        for i in (0..n).rev() {
            for j in (i + 1..=n).rev() {
                let (Some(piece), Some((count, _))) = (w.get(i..j), best[j]) else {
                    continue;
                };
                if self.shorts.contains_key(piece) && best[i].is_none_or(|(c, _)| count + 1 < c) {
                    best[i] = Some((count + 1, j));
                }
            }
        }
        let (count, _) = best[0]?;
        if count < 2 {
            return None;
        }
        let mut out = Vec::new();
        let mut i = 0;
        while i < n {
            let (_, j) = best[i]?;
            out.extend(self.shorts.get(w.get(i..j)?)?.iter().cloned());
            i = j;
        }
        Some(out)
    }

    /// Leaves out a trailing "huyện …" after at least one other word,
    /// unless the word after it makes it part of the name ("Huyện ủy").
    fn strip_qualifier(&self, words: &mut Vec<String>) {
        let at = (1..words.len()).rev().find(|&i| {
            self.strip_trailing.contains(&words[i])
                && !words
                    .get(i + 1)
                    .is_some_and(|n| self.unless_followed_by.contains(n))
        });
        if let Some(i) = at {
            words.truncate(i);
        }
    }
}

/// One word as keys hold it: folded, diacritics removed, the Icelandic eth
/// that old Vietnamese fonts typed for Đ read as d.
fn fold_word(w: &str) -> String {
    let w = fold_ascii(w);
    if w.contains(['ð', 'Ð']) {
        w.replace(['ð', 'Ð'], "d")
    } else {
        w
    }
}

#[cfg(test)]
mod tests;
