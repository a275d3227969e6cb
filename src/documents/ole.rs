//! Legacy Office files (.doc, .xls, .ppt) and password-protected new ones are OLE compound
//! files. Instead of following the sector chains, the directory is found by scanning the
//! 128-byte slots where directory entries can lie and recognising the few names that matter:
//! cheap, bounded, and a wrong guess only costs a less precise label.

/// The OLE magic number.
pub(crate) const MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// What an OLE compound file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OleKind {
    Doc {
        encrypted: bool,
    },
    Xls {
        encrypted: bool,
    },
    /// A password-protected .docx/.xlsx/.pptx: the real file is an encrypted stream inside.
    EncryptedPackage,
    /// PowerPoint 97-2003, Outlook messages, ...
    Other,
}

/// A directory entry found by the scan.
struct Entry {
    name: String,
    start: u32,
    size: u64,
}

/// Classifies an OLE file from its bytes (the whole file, or as much as was read).
pub(crate) fn inspect(data: &[u8]) -> OleKind {
    if data.len() < 512 || data[..8] != MAGIC {
        return OleKind::Other;
    }
    let sector: usize = match u16::from_le_bytes([data[0x1E], data[0x1F]]) {
        12 => 4096,
        _ => 512,
    };
    let entries = scan_directory(data, sector);
    let find = |n: &str| entries.iter().find(|e| e.name == n);
    if find("EncryptedPackage").is_some() {
        return OleKind::EncryptedPackage;
    }
    if let Some(e) = find("WordDocument") {
        // FIB: wIdent 0xA5EC, then flags at 0x0A where bit 8 is fEncrypted.
        let encrypted = stream_start(data, sector, e).is_some_and(|s| {
            s.len() >= 12
                && s[0..2] == [0xEC, 0xA5]
                && u16::from_le_bytes([s[10], s[11]]) & 0x0100 != 0
        });
        return OleKind::Doc { encrypted };
    }
    if let Some(e) = find("Workbook").or_else(|| find("Book")) {
        // BIFF: the BOF record, then a FILEPASS record (0x002F) right after it when encrypted.
        let encrypted = stream_start(data, sector, e).is_some_and(|s| {
            if s.len() < 8 || u16::from_le_bytes([s[0], s[1]]) & 0x00FF != 0x09 {
                return false;
            }
            let next = 4 + usize::from(u16::from_le_bytes([s[2], s[3]]));
            s.get(next..next + 2).is_some_and(|t| t == [0x2F, 0x00])
        });
        return OleKind::Xls { encrypted };
    }
    OleKind::Other
}

/// Directory entries: 128 bytes each, UTF-16LE name (64 bytes), its byte length including the
/// terminator at 64, the object type at 66 (1 storage, 2 stream, 5 root), first sector at 116
/// and size at 120. Directory sectors start at a multiple of the sector size after the header,
/// so every candidate slot is a multiple of 128 from offset 512.
fn scan_directory(data: &[u8], sector: usize) -> Vec<Entry> {
    let mut out = Vec::new();
    let mut at = sector;
    while at + 128 <= data.len() {
        let slot = &data[at..at + 128];
        at += 128;
        let name_len = usize::from(u16::from_le_bytes([slot[64], slot[65]]));
        if !(4..=64).contains(&name_len) || name_len % 2 != 0 || !matches!(slot[66], 1 | 2 | 5) {
            continue;
        }
        let units: Vec<u16> = slot[..name_len - 2]
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        if slot[name_len - 2..name_len] != [0, 0]
            || units.iter().any(|&u| u < 0x20 && u != 5 && u != 1)
        {
            continue;
        }
        let name = String::from_utf16_lossy(&units);
        let start = u32::from_le_bytes([slot[116], slot[117], slot[118], slot[119]]);
        let size = u64::from_le_bytes(slot[120..128].try_into().unwrap_or([0; 8])) & 0xFFFF_FFFF;
        out.push(Entry { name, start, size });
        if out.len() > 10_000 {
            break;
        }
    }
    out
}

/// The first sector of a stream, when it lives in the regular sectors (streams under 4096
/// bytes live in the mini stream, which this does not follow).
fn stream_start<'a>(data: &'a [u8], sector: usize, e: &Entry) -> Option<&'a [u8]> {
    if e.size < 4096 || e.start >= 0xFFFF_FFFA {
        return None;
    }
    let off = (e.start as usize).checked_add(1)?.checked_mul(sector)?;
    data.get(off..off.checked_add(sector)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minimal OLE image: header sector, one directory sector, one stream sector.
    fn ole_with(name: &str, stream: &[u8]) -> Vec<u8> {
        let mut d = vec![0u8; 512 * 3];
        d[..8].copy_from_slice(&MAGIC);
        d[0x1E] = 9;
        let entry = &mut d[512..640];
        let units: Vec<u16> = name.encode_utf16().collect();
        for (i, u) in units.iter().enumerate() {
            entry[i * 2..i * 2 + 2].copy_from_slice(&u.to_le_bytes());
        }
        entry[64..66].copy_from_slice(&(((units.len() + 1) * 2) as u16).to_le_bytes());
        entry[66] = 2;
        entry[116..120].copy_from_slice(&1u32.to_le_bytes());
        entry[120..124].copy_from_slice(&8192u32.to_le_bytes());
        d[1024..1024 + stream.len()].copy_from_slice(stream);
        d
    }

    #[test]
    fn recognises_streams() {
        let fib = [0xEC, 0xA5, 0xC1, 0, 0, 0, 0, 0, 0, 0, 0x00, 0x01];
        assert_eq!(
            inspect(&ole_with("WordDocument", &fib)),
            OleKind::Doc { encrypted: true }
        );
        assert_eq!(
            inspect(&ole_with("WordDocument", &fib[..10])),
            OleKind::Doc { encrypted: false }
        );
        let bof = [0x09, 0x08, 4, 0, 0, 6, 5, 0, 0x2F, 0x00, 0, 0];
        assert_eq!(
            inspect(&ole_with("Workbook", &bof)),
            OleKind::Xls { encrypted: true }
        );
        assert_eq!(
            inspect(&ole_with("Book", &bof[..8])),
            OleKind::Xls { encrypted: false }
        );
        assert_eq!(
            inspect(&ole_with("EncryptedPackage", &[])),
            OleKind::EncryptedPackage
        );
        assert_eq!(
            inspect(&ole_with("PowerPoint Document", &[])),
            OleKind::Other
        );
        assert_eq!(inspect(&MAGIC), OleKind::Other);
    }
}
