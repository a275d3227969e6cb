#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ with seeds from the repository's own content (the corpus folder
# is not kept in git; libFuzzer adds what it finds to it). Safe to run again.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
root=..
c=corpus
mkdir -p "$c"/{front_matter_yaml,dates,criteria,markdown,sniff,office,pdpa}

n=0
seed() { # target, file
    n=$((n + 1))
    cp "$2" "$c/$1/seed-$n"
}
# A file prefixed with one byte (the harness's pick of extension / limits).
seed_with() { # target, byte (decimal), file
    n=$((n + 1))
    { printf "\\$(printf '%03o' "$2")"; cat "$3"; } > "$c/$1/seed-$n"
}

while IFS= read -r -d '' f; do
    seed front_matter_yaml "$f"
    seed markdown "$f"
    seed pdpa "$f"
done < <(find "$root/content" "$root/examples" "$root/tests/fixtures" -name '*.md' -print0)
while IFS= read -r -d '' f; do
    seed front_matter_yaml "$f"
done < <(find "$root/content" "$root/examples" "$root/tests/fixtures" -name '*.yaml' -print0)
for f in "$root"/src/criteria/data/*.yaml; do seed criteria "$f"; done
seed markdown "$root/README.md"

# Dates: every form the README and the parser's docs name, and some that must fail.
while IFS= read -r d; do
    n=$((n + 1))
    printf '%s' "$d" > "$c/dates/seed-$n"
done <<'DATES'
2024-03-31
2567-03-31
๒๕๖๗-๐๓-๓๑
31 มี.ค. 2567
๓๑ มีนาคม ๒๕๖๗
31/3/2567
31/03/67
31 มีนาคม พ.ศ. 2567
31 มี.ค.67
31 March 2024
March 31, 2024
วันที่ 5 เม.ย. 2567
2566-10
2023-10
ต.ค. 2566
เดือนตุลาคม 2566
10/2566
31/02/2567
2567-13-01
0000-00-00
9999-12-31
1 Jan 24 ค.ศ.
DATES

# Attachments: sniff picks the extension from the first byte, office from the same byte
# modulo its 5 extensions (xlsx xls ods csv docx).
sniff_ext() { # index of the extension in checks.rs SNIFF_EXTS
    case "$1" in
    pdf) echo 0 ;; docx) echo 1 ;; xlsx) echo 2 ;; xls) echo 3 ;; doc) echo 4 ;; ods) echo 5 ;;
    odt) echo 6 ;; csv) echo 7 ;; png) echo 8 ;; jpg) echo 9 ;; *) echo 17 ;;
    esac
}
while IFS= read -r -d '' f; do
    ext="${f##*.}"
    size=$(stat -c %s "$f")
    if [ "$size" -le 65536 ]; then
        seed_with sniff "$(sniff_ext "$ext")" "$f"
    fi
    case "$ext" in
    xlsx) seed_with office 0 "$f" ;; xls) seed_with office 1 "$f" ;; ods) seed_with office 2 "$f" ;;
    csv) seed_with office 3 "$f" ;; docx) seed_with office 4 "$f" ;;
    esac
done < <(find "$root/content" "$root/tests/fixtures" -type f \
    \( -name '*.pdf' -o -name '*.docx' -o -name '*.xlsx' -o -name '*.xls' -o -name '*.ods' \
    -o -name '*.odt' -o -name '*.doc' -o -name '*.csv' -o -name '*.png' -o -name '*.jpg' \) -print0)

# National ID numbers in the forms the scanner knows (check digits valid and not).
printf '%s\n' 'เลขประจำตัวประชาชน 1-1014-00123-45-1' '1101400123451 และ 1 1014 00123 45 1' \
    '๑-๑๐๑๔-๐๐๑๒๓-๔๕-๑' '12-1-2345-67890-12-3' > "$c/pdpa/seed-ids"
echo "seeded: $(find "$c" -type f | wc -l) files"
