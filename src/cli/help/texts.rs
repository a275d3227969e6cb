//! The help's words: every command's about text and examples, and every argument's help, in
//! Thai and English. Tests in help/mod.rs require both languages for every command and argument.
/// Texts of one command: (path, about th, about en, examples th, examples en). The path is the
/// names below `oit` joined with spaces; "" is `oit` itself.
pub(super) type CommandText = (
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
);

pub(super) const COMMANDS: &[CommandText] = &[
    (
        "",
        "สร้างและตรวจเว็บไซต์เปิดเผยข้อมูลสาธารณะ (OIT) ของสถานีตำรวจตามเกณฑ์ ITA",
        "Build and check the open-data (OIT) websites of Thai police stations against the ITA criteria",
        &[
            "oit new content --station สถานีตำรวจภูธรสอง",
            "oit check --content content",
            "oit build --content content --out public",
        ],
        &[
            "oit new content --station สถานีตำรวจภูธรสอง",
            "oit check --content content --lang en",
            "oit build --content content --out public --lang en",
        ],
    ),
    (
        "build",
        "สร้างเว็บไซต์จากโฟลเดอร์เนื้อหา",
        "Build the static website from a content folder",
        &[
            "oit build",
            "oit build --content content --out public --base-url https://song.phrae.police.go.th/",
            "oit build --sites stations --out public --strict",
        ],
        &[
            "oit build",
            "oit build --content content --out public --base-url https://song.phrae.police.go.th/",
            "oit build --sites stations --out public --strict",
        ],
    ),
    (
        "check",
        "ตรวจเนื้อหาตามเกณฑ์ OIT ของปีงบประมาณ",
        "Check the content against the OIT criteria of its fiscal year(s)",
        &[
            "oit check --content content",
            "oit check --by-officer --report รายงาน.html",
            "oit check --as-of 2567-05-01 --format json > ผลการตรวจ.json",
        ],
        &[
            "oit check --content content --lang en",
            "oit check --by-officer --report report.html",
            "oit check --as-of 2024-05-01 --format json > report.json",
        ],
    ),
    (
        "export",
        "เขียนไฟล์สำหรับส่งให้ระบบอื่น",
        "Write machine files for other systems",
        &[
            "oit export itap --content content --out itap",
            "oit export itap --base-url https://song.phrae.police.go.th/",
        ],
        &[
            "oit export itap --content content --out itap",
            "oit export itap --base-url https://song.phrae.police.go.th/",
        ],
    ),
    (
        "export itap",
        "แบบฟอร์มส่งข้อมูลในระบบ ITAP: รหัสข้อ ชื่อข้อ มี/ไม่มี URL และคำอธิบายของแต่ละข้อ (.xlsx, .csv, .html)",
        "The ITAP submission sheet: code, title, มี/ไม่มี, URL and explanation per item (.xlsx, .csv, .html)",
        &[
            "oit export itap --content content --out itap",
            "oit export itap --base-url https://song.phrae.police.go.th/ --year 2567",
        ],
        &[
            "oit export itap --content content --out itap",
            "oit export itap --base-url https://song.phrae.police.go.th/ --year 2567",
        ],
    ),
    (
        "new",
        "เริ่มเว็บไซต์ของสถานีใหม่: สร้าง site.yaml พร้อมคำอธิบาย และโฟลเดอร์สำหรับทุกข้อของเกณฑ์",
        "Start a new station: site.yaml with comments and a folder per item of the criteria",
        &[
            "oit new lampang --station สถานีตำรวจภูธรเมืองลำปาง",
            "oit new lampang --station สถานีตำรวจภูธรเมืองลำปาง --logo ตราสถานี.png",
        ],
        &[
            "oit new lampang --station สถานีตำรวจภูธรเมืองลำปาง",
            "oit new lampang --station สถานีตำรวจภูธรเมืองลำปาง --logo emblem.png",
        ],
    ),
    (
        "new-year",
        "เริ่มปีงบประมาณถัดไปจากปีปัจจุบัน (คงรายชื่อเจ้าหน้าที่และข้อความไว้ แต่ไม่คัดลอกไฟล์)",
        "Start the next fiscal year from the current one (officers and text kept, files not)",
        &[
            "oit new-year 2571",
            "oit new-year 2571 --content content --criteria police-station-2571.yaml",
        ],
        &[
            "oit new-year 2571",
            "oit new-year 2571 --content content --criteria police-station-2571.yaml",
        ],
    ),
    (
        "serve",
        "แสดงตัวอย่างเว็บไซต์บนเครื่องนี้ สร้างใหม่และโหลดหน้าเว็บซ้ำเมื่อไฟล์เปลี่ยน",
        "Preview the site on this computer; rebuilds and reloads the browser when files change",
        &[
            "oit serve --open",
            "oit serve --content content --port 8080",
        ],
        &[
            "oit serve --open",
            "oit serve --content content --port 8080",
        ],
    ),
    (
        "edit",
        "แก้ไขข้อมูลของสถานีในเบราว์เซอร์ (อัปเดตรายเดือนโดยไม่ต้องแก้ไฟล์ YAML) เปิดได้เฉพาะบนเครื่องนี้",
        "Edit the station in the browser (the monthly update without touching YAML), on this computer only",
        &["oit edit", "oit edit --content content --port 8080"],
        &["oit edit", "oit edit --content content --port 8080"],
    ),
    (
        "criteria",
        "เกณฑ์การประเมิน สำหรับผู้ประสานงาน ITA: ดูรายการ แสดง สร้างสำเนา ตรวจ และเปรียบเทียบ",
        "Criteria sets, for ITA coordinators: list, show, new, check, diff",
        &[
            "oit criteria list",
            "oit criteria show police-station --year 2570 --format html > เกณฑ์-2570.html",
            "oit criteria new police-station-2571.yaml --from police-station --year 2571",
        ],
        &[
            "oit criteria list",
            "oit criteria show police-station --year 2570 --format html > criteria-2570.html",
            "oit criteria new police-station-2571.yaml --from police-station --year 2571",
        ],
    ),
    (
        "criteria list",
        "เกณฑ์ทุกชุดที่มีในโปรแกรม ปีที่ใช้ได้ และสถานะ (ตรวจกับคู่มือแล้ว หรือยกมาจากปีก่อน)",
        "Every built-in criteria set, the years it serves, verified or carried forward",
        &["oit criteria list"],
        &["oit criteria list --lang en"],
    ),
    (
        "criteria show",
        "แสดงเกณฑ์หนึ่งชุดเป็นเอกสาร: ทุกข้อ สิ่งที่ผู้ประเมินตรวจ และกฎแต่ละข้อ สำหรับอ่านทวนกับคู่มือ",
        "One set as a readable document: every item, what the assessor looks for, each rule",
        &[
            "oit criteria show police-station-2567",
            "oit criteria show police-station --year 2570 --format md > เกณฑ์-2570.md",
        ],
        &[
            "oit criteria show police-station-2567 --lang en",
            "oit criteria show police-station --year 2570 --format md > criteria-2570.md",
        ],
    ),
    (
        "criteria new",
        "เขียนสำเนาเกณฑ์ที่แก้ไขได้ พร้อมคำอธิบายทุกหัวข้อ ลงไฟล์",
        "Write an editable copy of a set, with a guide to every key, to FILE",
        &["oit criteria new police-station-2571.yaml --from police-station --year 2571"],
        &["oit criteria new police-station-2571.yaml --from police-station --year 2571"],
    ),
    (
        "criteria check",
        "ตรวจไฟล์เกณฑ์: บอกไฟล์และบรรทัดของทุกปัญหา (ใช้ได้ = 0, ใช้ไม่ได้ = 2)",
        "Check a criteria file: file:line for every problem; exit 0 when usable, 2 when not",
        &["oit criteria check police-station-2571.yaml"],
        &["oit criteria check police-station-2571.yaml --lang en"],
    ),
    (
        "criteria diff",
        "เปรียบเทียบเกณฑ์สองชุด: ข้อที่เพิ่ม ข้อที่ถูกนำออก และข้อที่เปลี่ยน (ต่างกัน = 1)",
        "What changed from set A to set B: items added, removed and changed (exit 1 when they differ)",
        &["oit criteria diff police-station police-station-2571.yaml --year 2571"],
        &["oit criteria diff police-station-2567 police-station-2570"],
    ),
    (
        "completions",
        "พิมพ์สคริปต์เติมคำสั่งอัตโนมัติ (completion) ของเชลล์",
        "Print the shell's completion script",
        &[
            "oit completions bash > ~/.local/share/bash-completion/completions/oit",
            "oit completions zsh > ~/.zfunc/_oit",
            "oit completions fish > ~/.config/fish/completions/oit.fish",
        ],
        &[
            "oit completions bash > ~/.local/share/bash-completion/completions/oit",
            "oit completions zsh > ~/.zfunc/_oit",
            "oit completions fish > ~/.config/fish/completions/oit.fish",
        ],
    ),
];

/// Help of one argument: (command path, or "*" for every command; id; th; en).
pub(super) type ArgText = (&'static str, &'static str, &'static str, &'static str);

pub(super) const ARGS: &[ArgText] = &[
    (
        "*",
        "lang",
        "ภาษาของข้อความและคำอธิบายนี้",
        "Language of messages and of this help",
    ),
    ("*", "help", "แสดงคำอธิบายนี้", "Print help"),
    ("*", "version", "แสดงรุ่นของโปรแกรม", "Print version"),
    // build
    (
        "build",
        "content",
        "โฟลเดอร์เนื้อหา (ค่าเริ่มต้น: โฟลเดอร์นี้ถ้ามี site.yaml ไม่เช่นนั้น ./content)",
        "Content folder (default: this folder when it has site.yaml, else ./content)",
    ),
    (
        "build",
        "example",
        "สร้างสถานีตัวอย่างที่มากับโปรแกรม (สภ.สอง จ.แพร่) แทนโฟลเดอร์เนื้อหา",
        "Build the example station built into oit (Song police station, Phrae) instead of a content folder",
    ),
    (
        "build",
        "out",
        "โฟลเดอร์ผลลัพธ์ จะถูกแทนที่เมื่อสร้างเว็บไซต์สำเร็จเท่านั้น",
        "Output folder, replaced only when the build succeeds",
    ),
    (
        "build",
        "base_url",
        "ที่อยู่สาธารณะของเว็บไซต์ เช่น https://song.phrae.police.go.th/ (ใช้กับ URL แบบเต็มเท่านั้น)",
        "Public address of the site, e.g. https://song.phrae.police.go.th/ (for absolute URLs only)",
    ),
    (
        "build",
        "theme",
        "โฟลเดอร์ธีมที่มี templates/ และ static/ ใช้แทนธีมที่มากับโปรแกรม",
        "A theme folder whose templates/ and static/ override the built-in theme",
    ),
    (
        "build",
        "criteria",
        "เกณฑ์ของปีงบประมาณปัจจุบัน: รหัสเกณฑ์ที่มากับโปรแกรม หรือไฟล์เกณฑ์",
        "Criteria for the current fiscal year: a built-in id or a file",
    ),
    (
        "build",
        "strict",
        "ไม่เผยแพร่ถ้ายังไม่ผ่านเกณฑ์ข้อใดข้อหนึ่ง (สำหรับ CI)",
        "Refuse to publish when any rule of the criteria fails (for CI)",
    ),
    (
        "build",
        "as_of",
        "ตรวจเสมือนว่าวันนี้คือวันที่ที่ระบุ เช่น 2567-05-01",
        "Check as if today were this date, e.g. 2024-05-01",
    ),
    (
        "build",
        "sites",
        "สร้างทุกสถานี (โฟลเดอร์ที่มี site.yaml) ในโฟลเดอร์นี้ ไปไว้ที่ OUT/<สถานี>/ พร้อมหน้ารวมทุกสถานีและ report.json รวม",
        "Build every station folder (with a site.yaml) below this folder into OUT/<station>/, plus an index of all stations and a combined report.json",
    ),
    (
        "build",
        "no_cache",
        "สร้างใหม่ทั้งหมด ไม่ใช้สิ่งที่จำไว้จากการสร้างครั้งก่อน (โฟลเดอร์ public.oit-cache ข้างผลลัพธ์) แล้วจำใหม่สำหรับครั้งต่อไป",
        "Build everything again, as if there were no cache of the last build (public.oit-cache beside the output); a new cache is written for the next build",
    ),
    // check
    (
        "check",
        "content",
        "โฟลเดอร์เนื้อหา (ค่าเริ่มต้น: โฟลเดอร์นี้ถ้ามี site.yaml ไม่เช่นนั้น ./content)",
        "Content folder (default: this folder when it has site.yaml, else ./content)",
    ),
    (
        "check",
        "criteria",
        "เกณฑ์ของปีงบประมาณปัจจุบัน: รหัสเกณฑ์ที่มากับโปรแกรม (เช่น police-station-2567) หรือไฟล์เกณฑ์",
        "Criteria for the current fiscal year: a built-in id (e.g. police-station-2567) or a file",
    ),
    (
        "check",
        "as_of",
        "ตรวจเสมือนว่าวันนี้คือวันที่ที่ระบุ (ใช้ตัดสินว่าเดือนใดถึงกำหนดแล้ว) ค่าเริ่มต้นคือวันนี้",
        "Check as if today were this date (decides which months are due); default today",
    ),
    (
        "check",
        "year",
        "ตรวจเฉพาะปีงบประมาณนี้ (พ.ศ.) เช่น 2567",
        "Only this fiscal year (BE), e.g. 2567",
    ),
    ("check", "format", "รูปแบบของผลการตรวจ", "Output format"),
    (
        "check",
        "by_officer",
        "จัดกลุ่มผลการตรวจตามเจ้าหน้าที่ผู้รับผิดชอบ",
        "Group findings by responsible officer",
    ),
    (
        "check",
        "report",
        "เขียนรายงาน HTML ไฟล์เดียวสำหรับผู้บังคับบัญชาลงในไฟล์นี้ด้วย",
        "Also write a self-contained HTML report for supervisors to this file",
    ),
    (
        "check",
        "sites",
        "ตรวจทุกสถานีในโฟลเดอร์นี้ (สถานีละหนึ่งบรรทัด หรือ JSON เมื่อใช้ --format json)",
        "Check every station folder below this folder (one line per station; JSON with --format json)",
    ),
    (
        "check",
        "external",
        "ทดลองเปิดลิงก์ภายนอกทุกลิงก์ (e-Service, สื่อสังคมออนไลน์, แบบสำรวจ) ผ่านเครือข่ายด้วย",
        "Also try every external link (e-services, social pages, survey) over the network",
    ),
    (
        "check",
        "timeout",
        "จำนวนวินาทีที่รอลิงก์ภายนอกแต่ละลิงก์",
        "Seconds to wait for one external link",
    ),
    // export itap
    (
        "export itap",
        "content",
        "โฟลเดอร์เนื้อหา (ค่าเริ่มต้น: โฟลเดอร์นี้ถ้ามี site.yaml ไม่เช่นนั้น ./content)",
        "Content folder (default: this folder when it has site.yaml, else ./content)",
    ),
    (
        "export itap",
        "base_url",
        "ที่อยู่สาธารณะของเว็บไซต์ (ถ้าไม่ระบุจะใช้ base_url ใน site.yaml) ถ้าไม่มีทั้งสองแห่งจะไม่ใส่ URL",
        "Public address of the site (else site.yaml's base_url); without one no URL is written",
    ),
    (
        "export itap",
        "year",
        "ปีงบประมาณ (พ.ศ.) ค่าเริ่มต้นคือปีใน site.yaml",
        "Fiscal year (BE); default: site.yaml's",
    ),
    (
        "export itap",
        "out",
        "โฟลเดอร์สำหรับไฟล์ทั้งสามไฟล์",
        "Folder for the three files",
    ),
    (
        "export itap",
        "as_of",
        "ตรวจเสมือนว่าวันนี้คือวันที่ที่ระบุ ค่าเริ่มต้นคือวันนี้",
        "Check as if today were this date; default today",
    ),
    // new
    ("new", "dir", "โฟลเดอร์ที่จะสร้าง", "Folder to create"),
    (
        "new",
        "station",
        "ชื่อสถานีภาษาไทย เช่น สถานีตำรวจภูธรสอง",
        "Station name in Thai, e.g. สถานีตำรวจภูธรสอง",
    ),
    ("new", "year", "ปีงบประมาณ (พ.ศ.)", "Fiscal year (BE)"),
    (
        "new",
        "criteria",
        "เกณฑ์: รหัสเกณฑ์ที่มากับโปรแกรม หรือไฟล์เกณฑ์ (ค่าเริ่มต้น: เกณฑ์ของปีนั้นที่มากับโปรแกรม)",
        "Criteria: a built-in id or a file (default: the built-in one of the year)",
    ),
    (
        "new",
        "logo",
        "ตราสัญลักษณ์ของสถานี (PNG, JPG หรือ SVG) คัดลอกไว้ในโฟลเดอร์ ใช้ที่หัวเว็บไซต์ ไอคอน และภาพเมื่อแชร์ลิงก์",
        "The station's emblem (PNG, JPG or SVG), copied into the folder: the header crest, the icon and the picture of shared links",
    ),
    (
        "new",
        "force",
        "เขียนทับไฟล์ที่มีอยู่แล้ว",
        "Overwrite files that already exist",
    ),
    // new-year
    (
        "new-year",
        "year",
        "ปีงบประมาณใหม่ (พ.ศ.) เช่น 2568",
        "The new fiscal year (BE), e.g. 2568",
    ),
    (
        "new-year",
        "content",
        "โฟลเดอร์เนื้อหา (ค่าเริ่มต้น: โฟลเดอร์นี้ถ้ามี site.yaml ไม่เช่นนั้น ./content)",
        "Content folder (default: this folder when it has site.yaml, else ./content)",
    ),
    (
        "new-year",
        "criteria",
        "เกณฑ์ของปีใหม่: รหัสเกณฑ์ที่มากับโปรแกรม หรือไฟล์เกณฑ์ (ค่าเริ่มต้น: เกณฑ์ของปีนั้นที่มากับโปรแกรม)",
        "Criteria of the new year: a built-in id or a file (default: the built-in one of the year)",
    ),
    (
        "new-year",
        "force",
        "เขียนทับหน้าของปีใหม่ที่มีอยู่แล้ว",
        "Overwrite item pages of the new year that already exist",
    ),
    // serve
    (
        "serve",
        "content",
        "โฟลเดอร์เนื้อหา (ค่าเริ่มต้น: โฟลเดอร์นี้ถ้ามี site.yaml ไม่เช่นนั้น ./content)",
        "Content folder (default: this folder when it has site.yaml, else ./content)",
    ),
    (
        "serve",
        "theme",
        "โฟลเดอร์ธีมที่ใช้แทนธีมที่มากับโปรแกรม",
        "A theme folder overriding the built-in theme",
    ),
    (
        "serve",
        "port",
        "หมายเลขพอร์ต (0 คือให้เลือกพอร์ตที่ว่างเอง)",
        "Port (0 picks a free one)",
    ),
    (
        "serve",
        "bind",
        "ที่อยู่ที่รอรับการเชื่อมต่อ เปลี่ยนเฉพาะเมื่อต้องให้เครื่องอื่นเปิดดูตัวอย่างได้ด้วย",
        "Address to listen on. Only change it if other computers must see the preview",
    ),
    ("serve", "open", "เปิดเบราว์เซอร์ให้ด้วย", "Open the browser"),
    // edit
    (
        "edit",
        "content",
        "โฟลเดอร์เนื้อหา (ค่าเริ่มต้น: โฟลเดอร์นี้ถ้ามี site.yaml ไม่เช่นนั้น ./content)",
        "Content folder (default: this folder when it has site.yaml, else ./content)",
    ),
    (
        "edit",
        "port",
        "หมายเลขพอร์ต (0 คือให้เลือกพอร์ตที่ว่างเอง)",
        "Port (0 picks a free one)",
    ),
    (
        "edit",
        "no_open",
        "ไม่ต้องเปิดเบราว์เซอร์ (ลิงก์ยังพิมพ์ไว้ในหน้าต่างคำสั่ง)",
        "Do not start the browser (the address is printed either way)",
    ),
    // criteria
    (
        "criteria show",
        "id",
        "รหัสเกณฑ์ในโปรแกรม (เช่น police-station-2567, police-station) หรือไฟล์เกณฑ์",
        "A built-in id (police-station-2567, police-station) or a criteria file",
    ),
    (
        "criteria show",
        "year",
        "ปีงบประมาณ (พ.ศ.) ที่จะใช้ (ค่าเริ่มต้น: ปีปัจจุบัน หรือปีของไฟล์)",
        "Fiscal year (BE) to apply it to (default: the current one, or the file's own)",
    ),
    ("criteria show", "format", "รูปแบบเอกสาร", "Output format"),
    (
        "criteria new",
        "file",
        "ไฟล์ที่จะเขียน เช่น police-station-2571.yaml",
        "The file to write, e.g. police-station-2571.yaml",
    ),
    (
        "criteria new",
        "from",
        "เกณฑ์ต้นแบบ: รหัสเกณฑ์ในโปรแกรม หรือไฟล์",
        "The set to copy: a built-in id or a file",
    ),
    (
        "criteria new",
        "year",
        "ทำสำเนาสำหรับปีงบประมาณนี้ปีเดียว (แทนตัวแทนปีด้วยปีจริง)",
        "Make the copy for this fiscal year (BE) alone (year tokens replaced)",
    ),
    (
        "criteria new",
        "force",
        "เขียนทับไฟล์ที่มีอยู่แล้ว",
        "Overwrite FILE if it exists",
    ),
    ("criteria check", "file", "ไฟล์เกณฑ์", "The criteria file"),
    (
        "criteria diff",
        "a",
        "เกณฑ์ชุดเดิม: รหัสเกณฑ์หรือไฟล์",
        "The old set: an id or a file",
    ),
    (
        "criteria diff",
        "b",
        "เกณฑ์ชุดใหม่: รหัสเกณฑ์หรือไฟล์",
        "The new set: an id or a file",
    ),
    (
        "criteria diff",
        "year",
        "ปีงบประมาณ (พ.ศ.) ที่ใช้กับทั้งสองชุด",
        "Fiscal year (BE) to apply both to",
    ),
    // completions
    ("completions", "shell", "เชลล์ที่ใช้", "The shell"),
];

pub(super) const HELP_COMMAND: (&str, &str) = (
    "แสดงคำอธิบายของโปรแกรม หรือของคำสั่งที่ระบุ",
    "Print this message or the help of the given subcommand(s)",
);
