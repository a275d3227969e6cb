//! Who may use the editor: only the browser `oit edit` opened, on this computer.
//!
//! The server binds 127.0.0.1 alone, but that is not enough: any web page the webmaster visits
//! can make the browser send requests to 127.0.0.1, and a DNS-rebinding site can even read the
//! answers. So, as Jupyter does, every run has a random token, given once in the URL the editor
//! opens and then kept in a `SameSite=Strict` cookie; the `Host` header must be the loopback
//! address and port (a rebinding site's requests carry its own name); and anything that changes
//! files must be a POST whose `Origin` is the editor itself.
use crate::serve::http::Request;

/// The cookie that carries the token after the first visit.
pub const COOKIE: &str = "oit_edit";

pub struct Guard {
    pub token: String,
    pub port: u16,
}

/// Why a request was refused; said in Thai first, for the person who opened a stale link.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// `Host` is not 127.0.0.1 or localhost with the editor's port.
    Host,
    /// No token, or the wrong one.
    Token,
    /// A change that is not a POST.
    Method,
    /// A POST from another origin (or with none).
    Origin,
}

impl Refusal {
    pub fn status(&self) -> u16 {
        match self {
            Refusal::Method => 405,
            _ => 403,
        }
    }
    pub fn message(&self) -> &'static str {
        match self {
            Refusal::Host => {
                "ที่อยู่นี้ใช้เปิดโปรแกรมแก้ไขไม่ได้ ให้เปิดจากลิงก์ที่ oit edit พิมพ์ไว้ (http://127.0.0.1:…) \
                 / this address cannot reach the editor: open the link oit edit printed"
            }
            Refusal::Token => {
                "ลิงก์นี้หมดอายุหรือไม่ถูกต้อง ให้เปิดลิงก์ใหม่ที่ oit edit พิมพ์ไว้ในหน้าต่างคำสั่ง \
                 (ลิงก์เปลี่ยนทุกครั้งที่เริ่มโปรแกรม) / this link is stale or wrong: open the link oit edit printed \
                 (it changes every run)"
            }
            Refusal::Method => {
                "การแก้ไขต้องส่งจากแบบฟอร์มในโปรแกรมแก้ไข / changes are only accepted from the editor's forms"
            }
            Refusal::Origin => {
                "คำขอนี้ไม่ได้มาจากหน้าโปรแกรมแก้ไข จึงไม่บันทึก / this request did not come from the editor's own pages, so nothing was saved"
            }
        }
    }
}

impl Guard {
    pub fn new(port: u16) -> Result<Guard, String> {
        let token = super::write::random_hex(24).map_err(|e| {
            format!("สุ่มรหัสผ่านของโปรแกรมแก้ไขไม่ได้ / cannot make the editor's token: {e}")
        })?;
        Ok(Guard { token, port })
    }

    /// Whether `request` may be answered; `changes` says it would write files.
    pub fn admit(&self, request: &Request, changes: bool) -> Result<(), Refusal> {
        let host = request.header("host").unwrap_or("");
        let allowed = [
            format!("127.0.0.1:{}", self.port),
            format!("localhost:{}", self.port),
        ];
        if !allowed.iter().any(|a| a.eq_ignore_ascii_case(host)) {
            return Err(Refusal::Host);
        }
        if !self.has_token(request) {
            return Err(Refusal::Token);
        }
        if changes {
            if request.method != "POST" {
                return Err(Refusal::Method);
            }
            let origin = request.header("origin").unwrap_or("");
            if !allowed.iter().any(|a| origin == format!("http://{a}")) {
                return Err(Refusal::Origin);
            }
        }
        Ok(())
    }

    /// The token in the cookie, or in the URL (the first visit).
    fn has_token(&self, request: &Request) -> bool {
        let from_cookie = request
            .headers
            .iter()
            .filter(|(n, _)| n == "cookie")
            .flat_map(|(_, v)| v.split(';'))
            .filter_map(|c| c.trim().split_once('='))
            .any(|(k, v)| k == COOKIE && same(v, &self.token));
        from_cookie
            || request
                .query("token")
                .is_some_and(|t| same(&t, &self.token))
    }

    /// The header that stores the token for later requests.
    pub fn cookie_header(&self) -> String {
        format!(
            "Set-Cookie: {COOKIE}={}; Path=/; HttpOnly; SameSite=Strict\r\n",
            self.token
        )
    }
}

/// Compares in time independent of where the texts differ.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |d, (x, y)| d | (x ^ y)) == 0
}
