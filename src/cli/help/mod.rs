//! `--help` in Thai (the default) or English (`--lang en`): every command's text, argument help and examples.
//!
//! Clap's derive doc comments are fixed at compile time, so the built command tree is walked and
//! each text is set from the tables below, keyed by the command's path and the argument's id.
mod texts;

use clap::{Arg, Command};
use std::ffi::OsString;
use texts::{ARGS, COMMANDS, CommandText, HELP_COMMAND};

/// The language of the help, chosen before clap parses anything.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum HelpLang {
    Th,
    En,
}

/// `--lang en` or `--lang=en` among the arguments (before a `--`) means English; else Thai.
pub(super) fn lang_of(args: impl IntoIterator<Item = OsString>) -> HelpLang {
    let mut lang = HelpLang::Th;
    let mut args = args.into_iter().skip(1);
    while let Some(a) = args.next() {
        let value = match a.to_str() {
            Some("--") => break,
            Some("--lang") => args.next(),
            Some(s) => match s.strip_prefix("--lang=") {
                Some(v) => Some(OsString::from(v)),
                None => continue,
            },
            None => continue,
        };
        lang = match value.as_ref().and_then(|v| v.to_str()) {
            Some("en") => HelpLang::En,
            _ => HelpLang::Th,
        };
    }
    lang
}

/// `cmd` built (help flags and the `help` command added, global options copied to every
/// command), then given the texts of `lang`.
pub(super) fn localize(mut cmd: Command, lang: HelpLang) -> Command {
    cmd.build();
    walk(&mut cmd, "", lang);
    cmd
}

fn pick(lang: HelpLang, th: &'static str, en: &'static str) -> &'static str {
    match lang {
        HelpLang::Th => th,
        HelpLang::En => en,
    }
}

fn command_text(path: &str) -> Option<&'static CommandText> {
    COMMANDS.iter().find(|c| c.0 == path)
}

/// The (th, en) help of argument `id` of the command at `path`.
fn arg_text(path: &str, id: &str) -> Option<(&'static str, &'static str)> {
    ARGS.iter()
        .find(|a| a.0 == path && a.1 == id)
        .or_else(|| ARGS.iter().find(|a| a.0 == "*" && a.1 == id))
        .map(|a| (a.2, a.3))
}

fn walk(cmd: &mut Command, path: &str, lang: HelpLang) {
    let mut c = std::mem::take(cmd);
    if let Some(&(_, th, en, ex_th, ex_en)) = command_text(path) {
        let (heading, examples) = match lang {
            HelpLang::Th => ("ตัวอย่าง:", ex_th),
            HelpLang::En => ("Examples:", ex_en),
        };
        let mut after = format!("{heading}\n");
        for e in examples {
            after.push_str(&format!("  {e}\n"));
        }
        c = c
            .about(pick(lang, th, en))
            .after_help(after.trim_end().to_string());
    }
    if lang == HelpLang::Th {
        let t = template(&c);
        c = c.help_template(t);
    }
    let ids: Vec<String> = c.get_arguments().map(|a| a.get_id().to_string()).collect();
    for id in ids {
        c = c.mut_arg(&id, |a| localize_arg(a, path, &id, lang));
    }
    let names: Vec<String> = c
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        if name == "help" {
            c = c.mut_subcommand(&name, |h| help_command(h, "", lang));
            continue;
        }
        let sub = if path.is_empty() {
            name.clone()
        } else {
            format!("{path} {name}")
        };
        c = c.mut_subcommand(&name, |mut s| {
            walk(&mut s, &sub, lang);
            s
        });
    }
    *cmd = c;
}

/// Clap's `help` command and its copies of the command tree (for `oit help <command>`).
fn help_command(mut h: Command, path: &str, lang: HelpLang) -> Command {
    h = if path.is_empty() {
        h.about(pick(lang, HELP_COMMAND.0, HELP_COMMAND.1))
    } else {
        match command_text(path) {
            Some(&(_, th, en, _, _)) => h.about(pick(lang, th, en)),
            None => h,
        }
    };
    let names: Vec<String> = h
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        let sub = if path.is_empty() {
            name.clone()
        } else {
            format!("{path} {name}")
        };
        h = h.mut_subcommand(&name, |s| help_command(s, &sub, lang));
    }
    h
}

fn localize_arg(mut a: Arg, path: &str, id: &str, lang: HelpLang) -> Arg {
    let Some((th, en)) = arg_text(path, id) else {
        return a;
    };
    if lang == HelpLang::En {
        return a.help(en);
    }
    // Clap writes "[default: …]" and "[possible values: …]" in English: write them in Thai.
    let mut text = th.to_string();
    if a.get_action().takes_values() && !a.is_hide_default_value_set() {
        let defaults: Vec<_> = a
            .get_default_values()
            .iter()
            .map(|v| v.to_string_lossy())
            .collect();
        if !defaults.is_empty() {
            text.push_str(&format!(" [ค่าเริ่มต้น: {}]", defaults.join(", ")));
        }
        a = a.hide_default_value(true);
    }
    if !a.is_hide_possible_values_set() {
        let values: Vec<_> = a
            .get_possible_values()
            .iter()
            .filter(|v| !v.is_hide_set())
            .map(|v| v.get_name().to_string())
            .collect();
        if !values.is_empty() && a.get_action().takes_values() {
            text.push_str(&format!(" [ค่าที่เลือกได้: {}]", values.join(", ")));
        }
        a = a.hide_possible_values(true);
    }
    a.help(text)
}

/// Clap's layout with Thai headings, listing only the sections the command has.
fn template(c: &Command) -> String {
    let mut t = String::from("{before-help}{about-with-newline}\nการใช้งาน: {usage}");
    if c.get_subcommands().any(|s| !s.is_hide_set()) {
        t.push_str("\n\nคำสั่ง:\n{subcommands}");
    }
    if c.get_positionals().any(|a| !a.is_hide_set()) {
        t.push_str("\n\nอาร์กิวเมนต์:\n{positionals}");
    }
    if c.get_arguments()
        .any(|a| !a.is_positional() && !a.is_hide_set())
    {
        t.push_str("\n\nตัวเลือก:\n{options}");
    }
    t.push_str("{after-help}");
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    fn tree(lang: HelpLang) -> Command {
        localize(super::super::Cli::command(), lang)
    }

    /// Every command (but clap's `help`) and every visible argument has a text in both
    /// languages: a new option without a translation fails here.
    #[test]
    fn every_command_and_argument_has_thai_and_english_help() {
        fn visit(c: &Command, path: &str, missing: &mut Vec<String>) {
            match command_text(path) {
                Some(t)
                    if !t.1.is_empty() && !t.2.is_empty() && !t.3.is_empty() && !t.4.is_empty() => {
                }
                _ => missing.push(format!("command `{path}`: about or examples")),
            }
            for a in c.get_arguments().filter(|a| !a.is_hide_set()) {
                match arg_text(path, a.get_id().as_str()) {
                    Some((th, en)) if !th.trim().is_empty() && !en.trim().is_empty() => {}
                    _ => missing.push(format!("`{path}` --{}", a.get_id())),
                }
                assert!(
                    a.get_long_help().is_none(),
                    "`{path}` {} has a long help",
                    a.get_id()
                );
            }
            for s in c.get_subcommands().filter(|s| s.get_name() != "help") {
                let sub = if path.is_empty() {
                    s.get_name().to_string()
                } else {
                    format!("{path} {}", s.get_name())
                };
                visit(s, &sub, missing);
            }
        }
        let mut missing = Vec::new();
        visit(&tree(HelpLang::Th), "", &mut missing);
        assert!(missing.is_empty(), "no help text for: {missing:#?}");
        for lang in [HelpLang::Th, HelpLang::En] {
            fn helps(c: &Command, out: &mut Vec<String>) {
                for a in c.get_arguments().filter(|a| !a.is_hide_set()) {
                    out.push(a.get_help().map(|h| h.to_string()).unwrap_or_default());
                }
                for s in c.get_subcommands() {
                    helps(s, out);
                }
            }
            let mut all = Vec::new();
            helps(&tree(lang), &mut all);
            assert!(
                all.iter().all(|h| !h.trim().is_empty()),
                "{lang:?}: {all:?}"
            );
        }
    }

    /// No stale entries: every text in the tables belongs to a command or argument that exists.
    #[test]
    fn every_text_is_used() {
        let root = tree(HelpLang::En);
        let find = |path: &str| {
            let mut c = &root;
            for name in path.split_whitespace() {
                c = c
                    .find_subcommand(name)
                    .unwrap_or_else(|| panic!("no command `{path}`"));
            }
            c
        };
        for c in COMMANDS {
            find(c.0);
        }
        for a in ARGS.iter().filter(|a| a.0 != "*") {
            assert!(
                find(a.0).get_arguments().any(|x| x.get_id() == a.1),
                "`{}` has no argument {}",
                a.0,
                a.1
            );
        }
    }

    #[test]
    fn thai_help_has_thai_headings_defaults_and_examples() {
        let mut c = tree(HelpLang::Th);
        let top = c.render_help().to_string();
        for s in ["การใช้งาน:", "คำสั่ง:", "ตัวเลือก:", "ตัวอย่าง:", "แสดงคำอธิบายนี้"]
        {
            assert!(top.contains(s), "{s} not in\n{top}");
        }
        let check = c
            .find_subcommand_mut("check")
            .unwrap()
            .render_help()
            .to_string();
        for s in [
            "ตรวจเนื้อหาตามเกณฑ์ OIT ของปีงบประมาณ",
            "[ค่าเริ่มต้น: 10]",
            "[ค่าที่เลือกได้: text, json]",
        ] {
            assert!(check.contains(s), "{s} not in\n{check}");
        }
        assert!(
            !check.contains("default:") && !check.contains("Usage:"),
            "{check}"
        );
    }

    #[test]
    fn the_language_is_found_before_parsing() {
        let lang = |args: &[&str]| lang_of(args.iter().map(OsString::from));
        assert_eq!(lang(&["oit", "--help"]), HelpLang::Th);
        assert_eq!(lang(&["oit", "--lang", "en", "--help"]), HelpLang::En);
        assert_eq!(lang(&["oit", "check", "--help", "--lang=en"]), HelpLang::En);
        assert_eq!(lang(&["oit", "--lang", "th"]), HelpLang::Th);
        assert_eq!(lang(&["oit", "--", "--lang", "en"]), HelpLang::Th);
    }
}
