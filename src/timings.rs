//! Stage timings for whoever tunes the pipeline: `OIT_TIMINGS=1 oit build` (or `serve`) prints
//! how long each stage took to stderr. Off by default, and then costs one clock read a stage.
use std::time::{Duration, Instant};

pub struct Stages {
    on: bool,
    last: Instant,
    done: Vec<(&'static str, Duration)>,
}

impl Default for Stages {
    fn default() -> Self {
        Self::new()
    }
}

impl Stages {
    pub fn new() -> Self {
        Stages {
            on: on(),
            last: Instant::now(),
            done: Vec::new(),
        }
    }

    /// Ends the stage called `name` (the time since the previous mark).
    pub fn mark(&mut self, name: &'static str) {
        if self.on {
            let now = Instant::now();
            self.done.push((name, now - self.last));
            self.last = now;
        }
    }

    /// Prints the stages on one line, when timings are on.
    pub fn print(&self) {
        if self.on {
            let parts: Vec<String> = self
                .done
                .iter()
                .map(|(n, d)| format!("{n} {:.2} ms", d.as_secs_f64() * 1000.0))
                .collect();
            eprintln!("timings: {}", parts.join(", "));
        }
    }
}

/// Whether `OIT_TIMINGS` asks for timings (read once: `Stages` are made for every station).
fn on() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("OIT_TIMINGS").is_some_and(|v| !v.is_empty() && v != "0"))
}
