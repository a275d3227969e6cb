//! The one diagnostic type shared by loading, checking and building: a `Finding` says what is
//! wrong (in Thai and English), where (file, line), for which item and month, how to fix it and
//! who is responsible.
use serde::Serialize;
use std::fmt;
use std::path::{Path, PathBuf};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize, Default,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    #[default]
    Error,
    Warning,
}

/// Output language of messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Th,
    En,
}

/// A text in both languages; every user-facing message is one of these.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, Default)]
pub struct Text {
    pub th: String,
    pub en: String,
}

impl Text {
    pub fn new(th: impl Into<String>, en: impl Into<String>) -> Self {
        Text {
            th: th.into(),
            en: en.into(),
        }
    }
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Th => &self.th,
            Lang::En => &self.en,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub severity: Severity,
    /// Machine-readable rule id, e.g. `yaml`, `unknown-officer`, `monthly`.
    pub rule: String,
    pub item: Option<String>,
    pub month: Option<String>,
    /// Path relative to the content root, with `/` separators.
    pub file: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: Text,
    pub hint: Option<Text>,
    /// Officer ids responsible for fixing it.
    pub officers: Vec<String>,
}

impl Finding {
    pub fn error(rule: &str, message: Text) -> Self {
        Finding {
            severity: Severity::Error,
            rule: rule.to_string(),
            item: None,
            month: None,
            file: None,
            line: None,
            column: None,
            message,
            hint: None,
            officers: Vec::new(),
        }
    }
    pub fn warning(rule: &str, message: Text) -> Self {
        Finding {
            severity: Severity::Warning,
            ..Finding::error(rule, message)
        }
    }
    pub fn file(mut self, path: &Path) -> Self {
        self.file = Some(display_path(path));
        self
    }
    pub fn at(mut self, line: usize, column: Option<usize>) -> Self {
        self.line = Some(line);
        self.column = column;
        self
    }
    pub fn line_opt(mut self, line: Option<usize>) -> Self {
        self.line = line;
        self
    }
    pub fn item(mut self, code: &str) -> Self {
        self.item = Some(code.to_string());
        self
    }
    pub fn hint(mut self, hint: Text) -> Self {
        self.hint = Some(hint);
        self
    }
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:col` or what is known of it.
    pub fn location(&self) -> Option<String> {
        let file = self.file.as_deref()?;
        Some(match (self.line, self.column) {
            (Some(l), Some(c)) => format!("{file}:{l}:{c}"),
            (Some(l), None) => format!("{file}:{l}"),
            _ => file.to_string(),
        })
    }

    /// One finding as the terminal shows it.
    pub fn render(&self, lang: Lang) -> String {
        let label = match (self.severity, lang) {
            (Severity::Error, Lang::Th) => "ข้อผิดพลาด",
            (Severity::Warning, Lang::Th) => "คำเตือน",
            (Severity::Error, Lang::En) => "error",
            (Severity::Warning, Lang::En) => "warning",
        };
        let mut out = String::new();
        if let Some(loc) = self.location() {
            out.push_str(&loc);
            out.push_str(": ");
        }
        out.push_str(label);
        if let Some(item) = &self.item {
            out.push_str(&format!(" [{item}]"));
        }
        out.push_str(": ");
        out.push_str(self.message.get(lang));
        if let Some(hint) = &self.hint {
            let h = match lang {
                Lang::Th => "วิธีแก้",
                Lang::En => "hint",
            };
            out.push_str(&format!("\n  {h}: {}", hint.get(lang)));
        }
        out
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

/// Paths in messages use `/` on every platform so snapshots and JSON stay stable.
pub fn display_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// Ordered so output is stable: by file, line, item, then message.
pub fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        (&a.file, a.line, &a.item, &a.month, &a.message.en).cmp(&(
            &b.file,
            b.line,
            &b.item,
            &b.month,
            &b.message.en,
        ))
    });
}

/// Keeps the owned path type in one place for callers building findings from `PathBuf`s.
pub fn rel(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}
