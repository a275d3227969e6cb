//! Forms a webmaster may write for one value: a single id or a list, a file name or a map with a
//! title, a date as text or as a YAML number. Written as visitors so errors keep their line.
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor, value::MapAccessDeserializer};
use std::fmt;

/// Any scalar kept as text (numbers are written back in YAML's spelling). `None` for `null`.
#[derive(Debug, Clone, PartialEq)]
pub enum Scalar {
    Null,
    Text(String),
    Number(f64),
    Bool(bool),
}

impl Scalar {
    pub fn text(&self) -> String {
        match self {
            Scalar::Null => String::new(),
            Scalar::Text(s) => s.clone(),
            Scalar::Number(n) => format!("{n}"),
            Scalar::Bool(b) => b.to_string(),
        }
    }
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Scalar;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a text, a number or nothing")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar::Text(v.to_string()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Scalar, E> {
                Ok(Scalar::Text(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar::Number(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar::Number(v as f64))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar::Number(v))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Scalar, E> {
                Ok(Scalar::Bool(v))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Scalar, E> {
                Ok(Scalar::Null)
            }
            fn visit_none<E: de::Error>(self) -> Result<Scalar, E> {
                Ok(Scalar::Null)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Scalar, D::Error> {
                Scalar::deserialize(d)
            }
        }
        d.deserialize_any(V)
    }
}

/// A date as the webmaster wrote it; parsed by `thai::parse_date` during loading so the error
/// can say which form is accepted.
#[derive(Debug, Clone, PartialEq)]
pub struct DateText(pub String);

impl<'de> Deserialize<'de> for DateText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match Scalar::deserialize(d)? {
            Scalar::Text(s) => Ok(DateText(s)),
            Scalar::Number(n) => Ok(DateText(format!("{n}"))),
            _ => Err(de::Error::custom(
                "expected a date such as 2567-03-31 or 31 มี.ค. 2567",
            )),
        }
    }
}

/// One officer id or a list of them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OneOrMany(pub Vec<String>);

impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = OneOrMany;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an officer id or a list of officer ids")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<OneOrMany, E> {
                Ok(OneOrMany(vec![v.to_string()]))
            }
            fn visit_unit<E: de::Error>(self) -> Result<OneOrMany, E> {
                Ok(OneOrMany::default())
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<OneOrMany, A::Error> {
                let mut out = Vec::new();
                while let Some(s) = seq.next_element::<String>()? {
                    out.push(s);
                }
                Ok(OneOrMany(out))
            }
        }
        d.deserialize_any(V)
    }
}

/// An attachment: `report.pdf` or `{ file: report.pdf, title: …, lang: en, … }`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FileRef {
    pub file: String,
    pub title: Option<String>,
    pub lang: Option<String>,
    pub machine_readable: Option<bool>,
    pub line: Option<String>,
    /// Alternative text, for photos.
    pub alt: Option<String>,
}

/// Lets `FileRef` fields be parsed by the derived impl inside our visitor.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileRefMap {
    file: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    machine_readable: Option<bool>,
    #[serde(default)]
    line: Option<String>,
    #[serde(default)]
    alt: Option<String>,
}

impl From<FileRefMap> for FileRef {
    fn from(m: FileRefMap) -> Self {
        FileRef {
            file: m.file,
            title: m.title,
            lang: m.lang,
            machine_readable: m.machine_readable,
            line: m.line,
            alt: m.alt,
        }
    }
}

struct FileRefVisitor;
impl<'de> Visitor<'de> for FileRefVisitor {
    type Value = FileRef;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a file name or { file: …, title: … }")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<FileRef, E> {
        Ok(FileRef {
            file: v.to_string(),
            ..FileRef::default()
        })
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<FileRef, A::Error> {
        FileRefMap::deserialize(MapAccessDeserializer::new(map)).map(FileRef::from)
    }
}

/// `FileRef` is deserialized through this so the plain-string form works; `#[serde(deserialize_with)]`
/// is not needed at every use site.
pub fn file_ref<'de, D: Deserializer<'de>>(d: D) -> Result<FileRef, D::Error> {
    d.deserialize_any(FileRefVisitor)
}

/// A month of a monthly item: a list of files, one file, or `{ none: "ไม่มี…" }`.
#[derive(Debug, Clone, PartialEq)]
pub enum MonthEntryRaw {
    Files(Vec<FileRef>),
    None(String),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NoneStatement {
    none: String,
}

/// A sequence element that is a file name or a file map.
struct FileRefSeed;
impl<'de> de::DeserializeSeed<'de> for FileRefSeed {
    type Value = FileRef;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<FileRef, D::Error> {
        file_ref(d)
    }
}

impl<'de> Deserialize<'de> for MonthEntryRaw {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = MonthEntryRaw;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of files, or { none: \"ไม่มีการจัดซื้อจัดจ้าง\" }")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<MonthEntryRaw, E> {
                Ok(MonthEntryRaw::Files(vec![FileRef {
                    file: v.to_string(),
                    ..FileRef::default()
                }]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<MonthEntryRaw, A::Error> {
                let mut out = Vec::new();
                while let Some(f) = seq.next_element_seed(FileRefSeed)? {
                    out.push(f);
                }
                Ok(MonthEntryRaw::Files(out))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<MonthEntryRaw, A::Error> {
                NoneStatement::deserialize(MapAccessDeserializer::new(map))
                    .map(|n| MonthEntryRaw::None(n.none))
            }
        }
        d.deserialize_any(V)
    }
}

impl<'de> Deserialize<'de> for FileRef {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        file_ref(d)
    }
}
