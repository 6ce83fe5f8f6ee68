//! A binary snapshot of a large RON data folder, so that a million meetings load in about a
//! second instead of the RON parser's twenty.
//!
//! The snapshot is `.whomet-snapshot` inside the data folder (the loader reads only `*.ron`,
//! so it is never taken for data). It is written after a RON load of at least
//! [`SNAPSHOT_THRESHOLD`] bytes, and by `whomet import`; small folders such as the curated
//! `graph/` never get one. It is keyed by the path, size and modification time of every
//! `.ron` file and by whomet's version, so editing, adding or removing a file (or upgrading
//! whomet) makes the next load read the RON again and rewrite the snapshot. A snapshot that
//! cannot be read is ignored, and one that cannot be written (a read-only folder) is skipped:
//! the RON stays the store of record.
//!
//! It can never give a wrong answer: the key also covers every file's contents (hashed on each
//! load, about a tenth of a second for the L folder, still far below the RON parse), the body
//! carries a checksum, every count and length is checked against the bytes that remain before
//! anything is allocated, a FIFO or other non-regular file in its place is neither read nor
//! replaced, and any doubt means reading the RON files instead.
//!
//! A read command may write it: only into a folder of at least [`SNAPSHOT_THRESHOLD`] bytes of
//! RON (which only `import` or a user who generates data makes), only when that folder is
//! writable, and always atomically through [`crate::store::atomic`]. A user who does not want
//! it can make the folder read-only; deleting it is always safe.
//!
//! Format: a header (magic, key), then actors, sources, affiliations and meetings, each as
//! blocks of records with their byte lengths, so that blocks decode in parallel straight
//! into their places. Strings are length-prefixed UTF-8, dates their notation.

use std::io::Read;
use std::path::Path;
use std::time::UNIX_EPOCH;

use rayon::prelude::*;

use crate::model::{Citation, Dataset, Meeting, Source};
mod decode;
mod encode;

use crate::store::atomic::{ensure_free, AtomicError, Staged};
use crate::store::{load_dir, ron_files, LoadError};
use decode::*;
use encode::*;

/// The snapshot's file name inside the data folder.
pub const SNAPSHOT_FILE: &str = ".whomet-snapshot";

/// RON folders at least this large (in bytes) get a snapshot.
pub const SNAPSHOT_THRESHOLD: u64 = 16 << 20;

const MAGIC: &[u8; 16] = b"whomet-snapshot3";

/// Records per block: enough to amortise the block header, small enough to spread the work.
const BLOCK: usize = 1 << 15;

/// Loads a RON data folder through its snapshot when the snapshot is current, else from the
/// RON (writing a snapshot when the folder is large).
pub fn load_ron_dir(dir: &Path) -> Result<Dataset, LoadError> {
    let listing = list(dir);
    if let Some((key, _)) = &listing {
        if let Some(data) = read(&dir.join(SNAPSHOT_FILE), *key) {
            return Ok(data);
        }
    }
    let data = load_dir(dir)?;
    if let Some((key, size)) = listing {
        if size >= SNAPSHOT_THRESHOLD {
            // Best effort: a folder we cannot write to still loads, only slower.
            let _ = write_with_key(&data, dir, key);
        }
    }
    Ok(data)
}

/// Writes the snapshot of `data`, the records of the RON folder `dir` as it now is on disk,
/// when the folder is large enough to need one; returns whether it did.
pub fn write_if_large(data: &Dataset, dir: &Path) -> std::io::Result<bool> {
    match list(dir) {
        Some((key, size)) if size >= SNAPSHOT_THRESHOLD => {
            write_with_key(data, dir, key).map(|()| true)
        }
        _ => Ok(false),
    }
}

/// Writes the snapshot of `data`, the records of the RON folder `dir` as it now is on disk.
pub fn write(data: &Dataset, dir: &Path) -> std::io::Result<()> {
    let (key, _) = list(dir).ok_or_else(|| std::io::Error::other("cannot list the folder"))?;
    write_with_key(data, dir, key)
}

/// The key of the `.ron` files under `dir` (paths, sizes, modification times and whomet's
/// version, hashed with FNV-1a so it is stable across runs) and their total size.
fn list(dir: &Path) -> Option<(u64, u64)> {
    let files = ron_files(dir).ok()?;
    let mut hash = Fnv::default();
    hash.add(env!("CARGO_PKG_VERSION").as_bytes());
    let mut total = 0;
    // An edit that keeps a file's size and modification time must still change the key.
    let contents: Vec<Option<u64>> = files.par_iter().map(|path| hash_file(path)).collect();
    for (path, content) in files.iter().zip(contents) {
        let meta = std::fs::metadata(path).ok()?;
        let modified = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
        let relative = path.strip_prefix(dir).unwrap_or(path);
        hash.add(relative.to_string_lossy().as_bytes());
        hash.add(&meta.len().to_le_bytes());
        hash.add(&modified.as_nanos().to_le_bytes());
        hash.add(&content?.to_le_bytes());
        total += meta.len();
    }
    Some((hash.0, total))
}

/// A fast 64-bit hash of a file's or the snapshot body's bytes: FNV-1a's step over 8-byte
/// little-endian words (then the tail byte by byte), with the length mixed in. Not
/// cryptographic: it guards against edits and damage, not against an attacker who can
/// already write the data folder.
pub(crate) fn content_hash(bytes: &[u8]) -> u64 {
    let mut hash = ContentHasher::default();
    hash.update(bytes);
    hash.finish()
}

/// [`content_hash`] of a file, read in pieces: reading every file whole to hash it cost as
/// much fresh memory as the whole folder.
fn hash_file(path: &Path) -> Option<u64> {
    let mut file = std::fs::File::open(path).ok()?;
    let mut buffer = vec![0u8; 1 << 18];
    let mut hash = ContentHasher::default();
    loop {
        match file.read(&mut buffer) {
            Ok(0) => return Some(hash.finish()),
            Ok(n) => hash.update(&buffer[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return None,
        }
    }
}

/// [`content_hash`] over bytes given in pieces: the same value as over the pieces joined.
#[derive(Default)]
pub(crate) struct ContentHasher {
    hash: Fnv,
    /// Bytes of a word not yet complete.
    tail: [u8; 8],
    tail_len: usize,
    len: u64,
}

impl ContentHasher {
    /// Adds the next bytes.
    pub(crate) fn update(&mut self, mut bytes: &[u8]) {
        self.len += bytes.len() as u64;
        if self.tail_len > 0 {
            let take = (8 - self.tail_len).min(bytes.len());
            self.tail[self.tail_len..self.tail_len + take].copy_from_slice(&bytes[..take]);
            self.tail_len += take;
            bytes = &bytes[take..];
            if self.tail_len < 8 {
                return;
            }
            self.word(u64::from_le_bytes(self.tail));
            self.tail_len = 0;
        }
        let mut words = bytes.chunks_exact(8);
        for word in &mut words {
            self.word(u64::from_le_bytes(word.try_into().unwrap_or_default()));
        }
        let rest = words.remainder();
        self.tail[..rest.len()].copy_from_slice(rest);
        self.tail_len = rest.len();
    }

    fn word(&mut self, w: u64) {
        self.hash.0 = (self.hash.0 ^ w).wrapping_mul(0x0100_0000_01b3);
        self.hash.0 ^= self.hash.0 >> 29;
    }

    /// The hash of everything added.
    pub(crate) fn finish(mut self) -> u64 {
        let tail = self.tail;
        self.hash.add(&tail[..self.tail_len]);
        self.hash.add(&self.len.to_le_bytes());
        self.hash.0
    }
}

/// 64-bit FNV-1a.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn add(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        // A separator, so that ("ab", "c") and ("a", "bc") differ.
        self.0 = (self.0 ^ 0xff).wrapping_mul(0x0100_0000_01b3);
    }
}

fn write_with_key(data: &Dataset, dir: &Path, key: u64) -> std::io::Result<()> {
    let path = dir.join(SNAPSHOT_FILE);
    // Never replace something that is not a snapshot whomet wrote (a FIFO, a folder, a link).
    if std::fs::symlink_metadata(&path).is_ok_and(|m| !m.file_type().is_file()) {
        return Err(std::io::Error::other("not a regular file; left alone"));
    }
    let mut pieces = Vec::new();
    encode_list(&mut pieces, &data.actors, encode_actor)?;
    encode_list(&mut pieces, &data.sources, encode_source)?;
    encode_list(&mut pieces, &data.affiliations, encode_affiliation)?;
    encode_list(&mut pieces, &data.meetings, encode_meeting)?;
    let mut checksum = ContentHasher::default();
    for piece in &pieces {
        checksum.update(piece);
    }
    let checksum = checksum.finish();
    let io = |e: AtomicError| match e {
        AtomicError::Io { source, .. } => source,
        other => std::io::Error::other(other.to_string()),
    };
    ensure_free(&path, true).map_err(io)?;
    // Written piece by piece: the body joined into one buffer would be a second copy of the
    // snapshot in memory.
    let staged = Staged::new(&path, |out| {
        out.write_all(MAGIC)?;
        out.write_all(&key.to_le_bytes())?;
        out.write_all(&checksum.to_le_bytes())?;
        for piece in &pieces {
            out.write_all(piece)?;
        }
        Ok(())
    })
    .map_err(io)?;
    // Readable by whoever can read the data, like the RON files beside it.
    staged.place(true).map_err(io)
}

/// Magic, key and checksum.
const HEADER: usize = 16 + 8 + 8;

/// Reads the snapshot if it is a regular file, carries `key`, matches its checksum and
/// decodes cleanly.
fn read(path: &Path, key: u64) -> Option<Dataset> {
    // A FIFO here would block the load forever, and a device would never end.
    if !std::fs::symlink_metadata(path).ok()?.file_type().is_file() {
        return None;
    }
    let bytes = std::fs::read(path).ok()?;
    let stored = u64::from_le_bytes(bytes.get(16..24)?.try_into().ok()?);
    (stored == key).then(|| decode(&bytes)).flatten()
}

/// Decodes snapshot bytes whatever their key: `None` for anything that is not a whole,
/// undamaged snapshot of a valid data set. Lengths and counts are checked against the bytes
/// that remain before anything is allocated, so a crafted file cannot exhaust memory.
pub fn decode(bytes: &[u8]) -> Option<Dataset> {
    let mut cursor = Cursor { bytes, at: 0 };
    if cursor.take(MAGIC.len())? != MAGIC {
        return None;
    }
    let _key = cursor.u64()?;
    let checksum = cursor.u64()?;
    if content_hash(bytes.get(HEADER..)?) != checksum {
        return None;
    }
    let actors = decode_list(&mut cursor, placeholder_actor, decode_actor)?;
    let sources = decode_list(&mut cursor, Source::unfilled, decode_source)?;
    let affiliations = decode_list(&mut cursor, placeholder_affiliation, decode_affiliation)?;
    let meetings = decode_list(&mut cursor, Meeting::unfilled, decode_meeting)?;
    let data = Dataset {
        actors,
        sources,
        affiliations,
        meetings,
    };
    valid(&data).then_some(data)
}

/// Every index points at a record, and meetings have two or more participants, as the
/// loader guarantees; a damaged snapshot must not reach code that relies on it.
fn valid(data: &Dataset) -> bool {
    let (actors, sources) = (data.actors.len() as u32, data.sources.len() as u32);
    let cites = |c: &[Citation]| c.iter().all(|c| c.source.0 < sources);
    data.affiliations
        .iter()
        .all(|a| a.actor.0 < actors && a.of.0 < actors && cites(&a.sources))
        && data.meetings.par_iter().all(|m| {
            // As the loader checks: two or more participants, or with sides one or more on
            // sides that exist.
            let needed = if m.sides.is_empty() { 2 } else { 1 };
            m.participants.len() >= needed
                && m.participants.iter().all(|p| p.actor.0 < actors)
                && (m.sides.is_empty()
                    || m.participants
                        .iter()
                        .all(|p| (p.side as usize) < m.sides.len()))
                && cites(&m.sources)
        })
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_hash_in_pieces_is_the_hash_of_the_whole() {
        let bytes: Vec<u8> = (0..1000u32).map(|i| (i * 7 % 251) as u8).collect();
        for cut in [0, 1, 7, 8, 9, 500, 999, 1000] {
            let mut hash = ContentHasher::default();
            hash.update(&bytes[..cut]);
            let next = cut.clamp(3, 1000);
            hash.update(&bytes[cut..next]);
            hash.update(&bytes[next..]);
            assert_eq!(hash.finish(), content_hash(&bytes), "cut at {cut}");
        }
    }

    use std::os::unix::fs::FileTypeExt;

    use super::*;
    use crate::store::write::{write_ron_dir, WriteOptions};
    use crate::store::{load_dataset, DataLocation};

    #[test]
    fn round_trips_and_follows_the_files() {
        let data = load_dataset(&DataLocation::Embedded).unwrap();
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path().join("data");
        write_ron_dir(&data, &dir, WriteOptions::default(), &|_, _| {}).unwrap();
        write(&data, &dir).unwrap();
        let (key, _) = list(&dir).unwrap();
        assert_eq!(read(&dir.join(SNAPSHOT_FILE), key).unwrap(), data);
        assert_eq!(load_ron_dir(&dir).unwrap(), data);

        // A changed file changes the key: the RON is read again, not the stale snapshot.
        let actors = dir.join("actors.ron");
        let text = std::fs::read_to_string(&actors).unwrap();
        std::fs::write(&actors, format!("{text}// edited\n")).unwrap();
        assert_ne!(list(&dir).unwrap().0, key);
        assert!(read(&dir.join(SNAPSHOT_FILE), list(&dir).unwrap().0).is_none());
        assert_eq!(load_ron_dir(&dir).unwrap(), data);

        // A damaged snapshot is ignored.
        write(&data, &dir).unwrap();
        let path = dir.join(SNAPSHOT_FILE);
        let mut bytes = std::fs::read(&path).unwrap();
        let end = bytes.len();
        bytes.truncate(end - 3);
        std::fs::write(&path, bytes).unwrap();
        assert!(read(&path, list(&dir).unwrap().0).is_none());
    }

    #[test]
    fn a_crafted_snapshot_claiming_billions_of_records_is_refused_without_allocating() {
        // Magic, key, a checksum that matches the body, then a list claiming u32::MAX actors
        // in one empty block: before, this grew the process to 23 GB.
        let mut body = Vec::new();
        body.extend_from_slice(&u32::MAX.to_le_bytes());
        body.extend_from_slice(&1u32.to_le_bytes());
        body.extend_from_slice(&u32::MAX.to_le_bytes());
        body.extend_from_slice(&0u64.to_le_bytes());
        let mut bytes = MAGIC.to_vec();
        bytes.extend_from_slice(&0u64.to_le_bytes());
        bytes.extend_from_slice(&content_hash(&body).to_le_bytes());
        bytes.extend_from_slice(&body);
        assert!(decode(&bytes).is_none());
        // A flipped byte anywhere in a real snapshot fails the checksum.
        let data = load_dataset(&DataLocation::Embedded).unwrap();
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path().join("data");
        write_ron_dir(&data, &dir, WriteOptions::default(), &|_, _| {}).unwrap();
        write(&data, &dir).unwrap();
        let mut good = std::fs::read(dir.join(SNAPSHOT_FILE)).unwrap();
        assert_eq!(decode(&good).unwrap(), data);
        let middle = good.len() / 2;
        good[middle] ^= 0x20;
        assert!(decode(&good).is_none());
    }

    #[test]
    fn an_edit_that_keeps_size_and_mtime_is_not_served_stale() {
        let data = load_dataset(&DataLocation::Embedded).unwrap();
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path().join("data");
        write_ron_dir(&data, &dir, WriteOptions::default(), &|_, _| {}).unwrap();
        write(&data, &dir).unwrap();
        let actors = dir.join("actors.ron");
        let modified = std::fs::metadata(&actors).unwrap().modified().unwrap();
        let text = std::fs::read_to_string(&actors).unwrap();
        // Same length: one name changed letter for letter.
        let edited = text.replacen("Kim Jong Un", "Kim Jong Uk", 1);
        assert_eq!(edited.len(), text.len());
        std::fs::write(&actors, &edited).unwrap();
        std::fs::File::options()
            .write(true)
            .open(&actors)
            .unwrap()
            .set_modified(modified)
            .unwrap();
        let loaded = load_ron_dir(&dir).unwrap();
        assert!(loaded.actors.iter().any(|a| a.name == "Kim Jong Uk"));
    }

    #[test]
    fn a_fifo_in_place_of_the_snapshot_is_neither_read_nor_replaced() {
        let data = load_dataset(&DataLocation::Embedded).unwrap();
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path().join("data");
        write_ron_dir(&data, &dir, WriteOptions::default(), &|_, _| {}).unwrap();
        let fifo = dir.join(SNAPSHOT_FILE);
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            return; // no mkfifo on this system: nothing to test
        }
        let (key, _) = list(&dir).unwrap();
        assert!(read(&fifo, key).is_none());
        assert!(write(&data, &dir).is_err());
        assert!(std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo());
        assert_eq!(load_ron_dir(&dir).unwrap(), data);
    }
}
