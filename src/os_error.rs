//! Operating-system errors (`std::io::Error`) said in words a webmaster can act on, in Thai and
//! English. The system's own text ("No such file or directory (os error 2)") is kept only at the
//! end, in parentheses, for whoever has to search for it.
use crate::diagnostics::Text;
use std::io::{Error, ErrorKind};

/// What the program was doing when the error came: it decides between "read" and "write" in
/// the words about permissions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Read,
    Write,
    /// Neither clearly (a rename, a folder listing, a network port).
    Other,
}

/// Why `e` happened, e.g. "ไม่พบไฟล์หรือโฟลเดอร์นี้ (No such file or directory, os error 2)".
pub fn io_text(e: &Error) -> Text {
    reason(e, Op::Other)
}

/// "อ่านไฟล์ไม่ได้: <reason>" / "cannot read the file: <reason>".
pub fn cannot_read(e: &Error) -> Text {
    let r = reason(e, Op::Read);
    Text::new(
        format!("อ่านไฟล์ไม่ได้: {}", r.th),
        format!("cannot read the file: {}", r.en),
    )
}

/// "เขียนไฟล์ไม่ได้: <reason>" / "cannot write: <reason>".
pub fn cannot_write(e: &Error) -> Text {
    let r = reason(e, Op::Write);
    Text::new(
        format!("เขียนไฟล์ไม่ได้: {}", r.th),
        format!("cannot write: {}", r.en),
    )
}

/// The reason for `e` while doing `op`, with the system's text in parentheses at the end.
pub fn reason(e: &Error, op: Op) -> Text {
    let (th, en) = words(e, op);
    let raw = raw(e);
    Text::new(format!("{th} ({raw})"), format!("{en} ({raw})"))
}

/// The system's text without the nested "(os error N)" parentheses: "Permission denied, os
/// error 13".
pub fn raw(e: &Error) -> String {
    let s = e.to_string();
    match s.rfind(" (os error ") {
        Some(i) if s.ends_with(')') => format!("{}, {}", &s[..i], &s[i + 2..s.len() - 1]),
        _ => s,
    }
}

fn words(e: &Error, op: Op) -> (String, String) {
    let s = |th: &str, en: &str| (th.to_string(), en.to_string());
    match e.kind() {
        ErrorKind::NotFound => s(
            "ไม่พบไฟล์หรือโฟลเดอร์นี้ ตรวจชื่อและตำแหน่งให้ถูกต้อง",
            "no such file or folder; check the name and where it is",
        ),
        ErrorKind::PermissionDenied => match op {
            Op::Read => s(
                "ไม่มีสิทธิ์อ่านไฟล์หรือโฟลเดอร์นี้ (หรือมีโปรแกรมอื่นเปิดล็อกไฟล์ไว้)",
                "no permission to read this file or folder (or another program holds it locked)",
            ),
            Op::Write => s(
                "ไม่มีสิทธิ์เขียนไฟล์หรือโฟลเดอร์นี้ (หรือมีโปรแกรมอื่นเปิดไฟล์ไว้ เช่น Excel) ให้ปิดโปรแกรมนั้น หรือเลือกโฟลเดอร์ที่มีสิทธิ์เขียน",
                "no permission to write this file or folder (or another program such as Excel has it open); close it or choose a folder you may write to",
            ),
            Op::Other => s(
                "ไม่มีสิทธิ์อ่าน/เขียนไฟล์หรือโฟลเดอร์นี้",
                "no permission to read or write this file or folder",
            ),
        },
        ErrorKind::AlreadyExists => s(
            "มีไฟล์หรือโฟลเดอร์ชื่อนี้อยู่แล้ว",
            "a file or folder of this name already exists",
        ),
        ErrorKind::IsADirectory => s("ชื่อนี้เป็นโฟลเดอร์ ไม่ใช่ไฟล์", "this name is a folder, not a file"),
        ErrorKind::NotADirectory => s(
            "ส่วนหนึ่งของที่อยู่นี้เป็นไฟล์ ไม่ใช่โฟลเดอร์",
            "part of this path is a file, not a folder",
        ),
        ErrorKind::DirectoryNotEmpty => s("โฟลเดอร์นี้ยังมีไฟล์อยู่", "the folder is not empty"),
        ErrorKind::StorageFull => s(
            "พื้นที่ดิสก์เต็ม ให้ลบไฟล์ที่ไม่ใช้แล้วออกก่อน แล้วลองใหม่",
            "the disk is full; delete files you no longer need and try again",
        ),
        ErrorKind::QuotaExceeded => s(
            "ใช้พื้นที่เกินโควตาที่ได้รับ ให้ลบไฟล์ที่ไม่ใช้แล้วออก หรือติดต่อผู้ดูแลระบบ",
            "the disk quota is used up; delete files you no longer need or ask the administrator",
        ),
        ErrorKind::FileTooLarge => s(
            "ไฟล์ใหญ่เกินกว่าที่ระบบไฟล์นี้รองรับ",
            "the file is too large for this file system",
        ),
        ErrorKind::ReadOnlyFilesystem => s(
            "ดิสก์หรือโฟลเดอร์นี้อ่านได้อย่างเดียว เขียนไม่ได้ (เช่น แฟลชไดรฟ์ที่ล็อกไว้)",
            "this disk or folder is read-only (a locked USB drive, for example)",
        ),
        ErrorKind::InvalidData if e.to_string().contains("UTF-8") => s(
            "ไฟล์ไม่ใช่ข้อความ UTF-8 ให้เปิดไฟล์ในโปรแกรมแก้ไขข้อความแล้วบันทึกใหม่เป็น UTF-8",
            "the file is not UTF-8 text; open it in a text editor and save it again as UTF-8",
        ),
        ErrorKind::InvalidData => s(
            "ข้อมูลในไฟล์ไม่ถูกต้อง (ไฟล์อาจเสีย)",
            "the file's data is invalid (the file may be damaged)",
        ),
        ErrorKind::UnexpectedEof => s(
            "ไฟล์จบก่อนที่ควรจะจบ (ไฟล์อาจเสีย หรือคัดลอกมาไม่ครบ)",
            "the file ends too early (it may be damaged or not completely copied)",
        ),
        ErrorKind::InvalidFilename => s(
            "ชื่อไฟล์ไม่ถูกต้องหรือยาวเกินไป",
            "the file name is invalid or too long",
        ),
        ErrorKind::ResourceBusy | ErrorKind::ExecutableFileBusy => s(
            "มีโปรแกรมอื่นใช้ไฟล์นี้อยู่ ให้ปิดโปรแกรมนั้นแล้วลองใหม่",
            "another program is using this file; close it and try again",
        ),
        ErrorKind::CrossesDevices => s("ย้ายไฟล์ข้ามดิสก์ไม่ได้", "cannot move a file to another disk"),
        ErrorKind::StaleNetworkFileHandle => s(
            "การเชื่อมต่อกับไดรฟ์เครือข่ายขาดไป ให้เชื่อมต่อใหม่แล้วลองอีกครั้ง",
            "the network drive was disconnected; reconnect and try again",
        ),
        ErrorKind::OutOfMemory => s("หน่วยความจำไม่พอ", "out of memory"),
        ErrorKind::AddrInUse => s(
            "พอร์ตนี้ถูกโปรแกรมอื่นใช้อยู่แล้ว",
            "this port is already used by another program",
        ),
        ErrorKind::AddrNotAvailable => {
            s("เครื่องนี้ไม่มีที่อยู่ IP นี้", "this computer has no such IP address")
        }
        ErrorKind::ConnectionRefused => s(
            "เครื่องปลายทางปฏิเสธการเชื่อมต่อ",
            "the other computer refused the connection",
        ),
        ErrorKind::ConnectionReset | ErrorKind::ConnectionAborted | ErrorKind::BrokenPipe => {
            s("การเชื่อมต่อถูกตัดกลางคัน", "the connection was cut")
        }
        ErrorKind::NetworkUnreachable | ErrorKind::HostUnreachable | ErrorKind::NetworkDown => s(
            "เชื่อมต่อเครือข่ายไม่ได้ ตรวจสายแลนหรือ Wi-Fi",
            "the network cannot be reached; check the cable or Wi-Fi",
        ),
        ErrorKind::TimedOut => s("หมดเวลารอ", "timed out"),
        ErrorKind::Unsupported => s(
            "ระบบนี้ไม่รองรับการทำงานนี้",
            "this system does not support the operation",
        ),
        _ => match op {
            Op::Read => s("ระบบขัดข้องระหว่างอ่านไฟล์", "the system failed while reading"),
            Op::Write => s("ระบบขัดข้องระหว่างเขียนไฟล์", "the system failed while writing"),
            Op::Other => s("ระบบขัดข้อง", "the system reported an error"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_found_is_thai_with_the_system_text_last() {
        let e = std::fs::read("/no/such/file/oit-test").unwrap_err();
        let t = cannot_read(&e);
        assert!(t.th.starts_with("อ่านไฟล์ไม่ได้: ไม่พบไฟล์"), "{}", t.th);
        assert!(
            t.th.ends_with("(No such file or directory, os error 2)"),
            "{}",
            t.th
        );
        // No English before the parentheses.
        let before = &t.th[..t.th.rfind('(').unwrap()];
        assert!(!before.contains("No such"), "{}", t.th);
    }

    #[test]
    fn kinds_have_their_own_words() {
        let th = |k: ErrorKind, op| reason(&Error::from(k), op).th;
        assert!(th(ErrorKind::PermissionDenied, Op::Write).contains("ไม่มีสิทธิ์เขียน"));
        assert!(th(ErrorKind::PermissionDenied, Op::Read).contains("ไม่มีสิทธิ์อ่าน"));
        assert!(th(ErrorKind::StorageFull, Op::Write).contains("ดิสก์เต็ม"));
        assert!(th(ErrorKind::AlreadyExists, Op::Other).contains("อยู่แล้ว"));
        assert!(th(ErrorKind::AddrInUse, Op::Other).contains("พอร์ต"));
        assert!(th(ErrorKind::IsADirectory, Op::Read).contains("โฟลเดอร์"));
    }

    #[test]
    fn invalid_utf8_says_save_as_utf8() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.md");
        std::fs::write(&p, b"\xff\xfe t\x00i\x00").unwrap();
        let e = std::fs::read_to_string(&p).unwrap_err();
        let t = cannot_read(&e);
        assert!(t.th.contains("ไม่ใช่ข้อความ UTF-8"), "{}", t.th);
        assert!(t.th.contains("บันทึกใหม่เป็น UTF-8"), "{}", t.th);
    }
}
