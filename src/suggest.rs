//! "Did you mean …?" for ids and keys: the closest candidate within a small edit distance.

/// Edit distance over characters where swapping two neighbours counts as one edit (the
/// commonest typo: `titel` for `title`). Thai combining marks count as characters.
pub fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[a.len()][b.len()]
}

/// The candidate closest to `word`, if it is close enough to be a plausible typo.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|c| (distance(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    #[test]
    fn suggests_near_typos_only() {
        assert_eq!(
            super::closest("rakpng", ["rakpong", "wittaya"]),
            Some("rakpong")
        );
        assert_eq!(super::closest("zzzzzz", ["rakpong", "wittaya"]), None);
        assert_eq!(super::distance("กานดา", "กานดา"), 0);
        assert_eq!(super::distance("titel", "title"), 1);
        assert_eq!(super::closest("titel", ["item", "title"]), Some("title"));
    }
}
