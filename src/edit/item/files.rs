//! A listed file (an attachment or a month's file) as the form leaves it, and as YAML: the
//! keys the form edits (file, title, language, line of work) plus whatever else the entry
//! says by hand (`alt`, `machine_readable`), kept as written.
use super::super::yaml_patch::Value;
use crate::content::Attachment;

#[derive(Clone, Debug, PartialEq)]
pub(super) struct Listed {
    pub file: String,
    pub title: String,
    pub lang: String,
    pub line: Option<String>,
    /// The entry was a bare file name (`- report.pdf`): kept so when nothing else is said.
    bare: bool,
    /// `lang:` was written (even as `th`, the default).
    lang_written: bool,
    /// Other keys of the entry, in the order written.
    extra: Vec<(String, Value)>,
}

impl Listed {
    /// The entry of `a`, with the hand-written YAML of it when there is one (`raw`).
    pub fn of(a: &Attachment, raw: Option<&serde_json::Value>) -> Listed {
        let mut l = Listed::new(&a.file, &a.title, &a.lang, a.line.clone());
        match raw {
            Some(serde_json::Value::String(_)) => l.bare = true,
            Some(serde_json::Value::Object(m)) => {
                l.lang_written = m.contains_key("lang");
                l.extra = m
                    .iter()
                    .filter(|(k, _)| !matches!(k.as_str(), "file" | "title" | "lang" | "line"))
                    .map(|(k, v)| (k.clone(), json_value(v)))
                    .collect();
            }
            _ => {}
        }
        l
    }

    pub fn new(file: &str, title: &str, lang: &str, line: Option<String>) -> Listed {
        Listed {
            file: file.to_string(),
            title: title.to_string(),
            lang: lang.to_string(),
            line,
            bare: false,
            lang_written: false,
            extra: Vec::new(),
        }
    }

    /// What the check reads of it is what `a` says.
    pub fn same_as(&self, a: &Attachment) -> bool {
        self.file == a.file && self.title == a.title && self.lang == a.lang && self.line == a.line
    }

    pub fn to_value(&self) -> Value {
        let default_title = self.file.rsplit('/').next().unwrap_or(&self.file);
        if self.bare
            && self.extra.is_empty()
            && self.title == default_title
            && self.lang == "th"
            && self.line.is_none()
        {
            return Value::Str(self.file.clone());
        }
        let mut m = vec![("file".to_string(), Value::Str(self.file.clone()))];
        if !self.title.is_empty() && self.title != default_title {
            m.push(("title".to_string(), Value::Str(self.title.clone())));
        }
        if self.lang_written || self.lang != "th" {
            m.push(("lang".to_string(), Value::Str(self.lang.clone())));
        }
        if let Some(line) = self.line.as_ref().filter(|l| !l.is_empty()) {
            m.push(("line".to_string(), Value::Str(line.clone())));
        }
        m.extend(self.extra.iter().cloned());
        Value::Map(m)
    }
}

/// Whether the form's list says what the item's list says.
pub(super) fn same_list(new: &[Listed], current: &[Attachment]) -> bool {
    new.len() == current.len() && new.iter().zip(current).all(|(l, a)| l.same_as(a))
}

/// YAML as parsed → a value to write again.
pub(super) fn json_value(v: &serde_json::Value) -> Value {
    match v {
        serde_json::Value::String(s) => Value::Str(s.clone()),
        serde_json::Value::Array(a) => Value::List(a.iter().map(json_value).collect()),
        serde_json::Value::Object(m) => {
            Value::Map(m.iter().map(|(k, v)| (k.clone(), json_value(v))).collect())
        }
        serde_json::Value::Null => Value::Raw("null".into()),
        other => Value::Raw(other.to_string()),
    }
}
