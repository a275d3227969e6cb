//! The two shapes of memo the stages share, so none invents its own: `TextMemo` for what is
//! computed from a text alone (a Markdown body, a YAML file), `Keyed` for what one named thing
//! (a page, a table) made from its last input. While the memo is off they only compute, except
//! `TextMemo::get_or` and `insert`, for callers that remember in a build too.
use super::enabled;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

/// A process-wide map from a text to what was computed from it, emptied when it reaches `max`
/// entries (so a long run over ever-new text cannot grow it without limit).
pub struct TextMemo<T> {
    map: OnceLock<Mutex<HashMap<String, T>>>,
    max: usize,
}

impl<T: Clone> TextMemo<T> {
    pub const fn new(max: usize) -> Self {
        TextMemo {
            map: OnceLock::new(),
            max,
        }
    }

    /// The value remembered for `key`, or `compute()`, remembered.
    pub fn get_or(&self, key: &str, compute: impl FnOnce() -> T) -> T {
        if let Some(hit) = self.get(key) {
            return hit;
        }
        let value = compute();
        self.insert(key.to_string(), value.clone());
        value
    }

    /// `get_or` while the memo is on (`serve`); otherwise only `compute()`, so a build over
    /// many stations does not keep their texts.
    pub fn get_or_when_on(&self, key: &str, compute: impl FnOnce() -> T) -> T {
        if enabled() {
            self.get_or(key, compute)
        } else {
            compute()
        }
    }

    pub fn get(&self, key: &str) -> Option<T> {
        let map = self.map.get_or_init(Default::default);
        map.lock().ok().and_then(|m| m.get(key).cloned())
    }

    pub fn insert(&self, key: String, value: T) {
        let map = self.map.get_or_init(Default::default);
        if let Ok(mut m) = map.lock() {
            if m.len() >= self.max {
                m.clear();
            }
            m.insert(key, value);
        }
    }
}

/// Per name (a page's path, a table's file), the last input and what was made from it, for
/// `serve`: the value is reused when the same name comes again with an equal input. Comparing
/// is far cheaper than the work (rendering a page, zipping a table), and one entry per name
/// keeps it the size of the site. When the memo is off, it only computes.
pub struct Keyed<K, V> {
    map: OnceLock<Mutex<HashMap<String, (K, V)>>>,
}

impl<K: PartialEq, V: Clone> Keyed<K, V> {
    pub const fn new() -> Self {
        Keyed {
            map: OnceLock::new(),
        }
    }

    pub fn get_or(&self, name: &str, input: K, compute: impl FnOnce(&K) -> V) -> V {
        if !enabled() {
            return compute(&input);
        }
        if let Some(hit) = self.lookup(name, |k| *k == input) {
            return hit;
        }
        let value = compute(&input);
        self.store(name, input, value.clone());
        value
    }

    /// `get_or` for an input that is copied only when it is new.
    pub fn get_or_ref<Q>(&self, name: &str, input: &Q, compute: impl FnOnce(&Q) -> V) -> V
    where
        Q: PartialEq + ToOwned<Owned = K> + ?Sized,
        K: std::borrow::Borrow<Q>,
    {
        if !enabled() {
            return compute(input);
        }
        if let Some(hit) = self.lookup(name, |k| k.borrow() == input) {
            return hit;
        }
        let value = compute(input);
        self.store(name, input.to_owned(), value.clone());
        value
    }

    fn entries(&self) -> std::sync::MutexGuard<'_, HashMap<String, (K, V)>> {
        let map = self.map.get_or_init(Default::default);
        map.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The value remembered for `name`, if its input `matches`.
    fn lookup(&self, name: &str, matches: impl FnOnce(&K) -> bool) -> Option<V> {
        match self.entries().get(name) {
            Some((k, v)) if matches(k) => Some(v.clone()),
            _ => None,
        }
    }

    fn store(&self, name: &str, input: K, value: V) {
        self.entries().insert(name.to_string(), (input, value));
    }

    /// Forgets every entry.
    pub fn clear(&self) {
        self.entries().clear();
    }
}

impl<K: PartialEq, V: Clone> Default for Keyed<K, V> {
    fn default() -> Self {
        Self::new()
    }
}
