//! The `months:` part of an item's index.md: for each month, the files published that month or
//! `{ none: … }` saying there was nothing to publish. A key is written as the assessor reads it
//! (`2567-01`, `ม.ค. 2567`, …), so two spellings can name the same month: the second is a
//! finding. A month that cannot be read is a finding and left out; a missing file is a finding
//! and left out of its month, which is still kept.
use super::Cx;
use super::years::ItemIndex;
use crate::content::de::MonthEntryRaw;
use crate::content::model::*;
use crate::diagnostics::{Finding, Text};
use crate::thai::{self, YearMonth};
use std::collections::BTreeMap;

impl Cx {
    pub(super) fn load_months(
        &mut self,
        at: &ItemIndex,
        raw: &BTreeMap<String, MonthEntryRaw>,
    ) -> BTreeMap<YearMonth, MonthEntry> {
        let mut months = BTreeMap::new();
        for (key, entry) in raw {
            // The month's own line (its key, quoted or not), else the line of `months:`.
            let line = at
                .key_line(&format!("  {key}"))
                .or_else(|| at.key_line(&format!("  \"{key}\"")))
                .or_else(|| at.key_line("months"));
            let ym = match thai::parse_month(key) {
                Ok(m) => m,
                Err(e) => {
                    self.findings.push(
                        Finding::error(
                            "month",
                            Text::new(
                                format!("เดือนไม่ถูกต้อง: {}", e.message_th()),
                                format!("invalid month: {}", e.message_en()),
                            ),
                        )
                        .file(at.rel)
                        .line_opt(line)
                        .item(at.code),
                    );
                    continue;
                }
            };
            let parsed = match entry {
                MonthEntryRaw::None(s) => MonthEntry::None(s.clone()),
                MonthEntryRaw::Files(list) => {
                    MonthEntry::Files(self.referenced(list, at.rel, line, at.dir))
                }
            };
            if months.insert(ym, parsed).is_some() {
                self.findings.push(
                    Finding::error(
                        "month",
                        Text::new(
                            format!("เดือน {} ถูกระบุซ้ำ", ym.key()),
                            format!("month {} is listed twice", ym.key()),
                        ),
                    )
                    .file(at.rel)
                    .line_opt(line)
                    .item(at.code),
                );
            }
        }
        months
    }
}
