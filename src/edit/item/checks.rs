//! The fields of an item's form that are checked before anything is written: dates (in
//! check's words), months marked "ไม่มี", facts that are dates.
use super::super::form::Form;
use super::Errors;

pub(super) fn read_dates(
    form: &Form,
    errors: &mut Errors,
) -> (Option<jiff::civil::Date>, Option<jiff::civil::Date>) {
    let mut one = |key: &str| {
        let text = form.text(key);
        if text.is_empty() {
            return None;
        }
        match crate::thai::parse_date(&text) {
            Ok(d) => Some(d),
            Err(e) => {
                errors.insert(key.to_string(), e.message_th());
                None
            }
        }
    };
    (one("updated"), one("as_of"))
}

/// A fact that is a date must read as one (an empty field removes the fact).
pub(super) fn check_facts(form: &Form, errors: &mut Errors) {
    for (name, value) in form.fields.iter().filter(|(n, _)| n.starts_with("fact.")) {
        let value = value.trim();
        if super::links::is_date_key(&name["fact.".len()..])
            && !value.is_empty()
            && let Err(e) = crate::thai::parse_date(value)
        {
            errors.insert(name.clone(), e.message_th());
        }
    }
}

pub(super) fn check_months(crit: &crate::criteria::Criteria, form: &Form, errors: &mut Errors) {
    for ym in crit.months() {
        let key = ym.key();
        if form.checked(&format!("month.{key}.none")) {
            if form.text(&format!("month.{key}.reason")).is_empty() {
                errors.insert(
                    format!("month.{key}.reason"),
                    "เลือก \"เดือนนี้ไม่มี\" แล้วต้องบอกเหตุผล เช่น ไม่มีการจัดซื้อจัดจ้าง".into(),
                );
            }
            if form.uploads(&format!("month.{key}.files")).next().is_some() {
                errors.insert(
                    format!("month.{key}.files"),
                    "เดือนเดียวกันเลือกได้อย่างเดียว: แนบไฟล์ หรือ แจ้งว่าไม่มี".into(),
                );
            }
        }
    }
}
