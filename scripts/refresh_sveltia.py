"""Vendor Sveltia CMS (the « Espace du comité » at /admin/) at a pinned version.

Source: the npm package @sveltia/cms (MIT licence). We keep its browser script
(dist/sveltia-cms.js), its licence and its French interface strings
(locales/fr.json), which the CMS would otherwise fetch from unpkg.com.

The script's styles load three fonts from cdn.jsdelivr.net (Fontsource): the
text, the code and the icons (Material Symbols, without which every icon
would show as a word). They are vendored too, from the npm packages Fontsource
publishes, with their licences, and the script's font addresses are rewritten
to the copies in polices/ (relative to /admin/). Nothing else is changed.

The versions, the tarballs' integrity (checked against what the npm registry
publishes) and the sha256 of each kept file are written to version.json: a test
checks the committed files against it, so a fresh machine needs no npm.

Usage (needs npm, run from the project root):

    python scripts/refresh_sveltia.py [--version 0.221.1]

To upgrade: run it with the new version, read the diff of version.json,
rebuild and run the /admin/ tests (tests/site/test_admin*.py).
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import re
import subprocess
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "@sveltia/cms"
DEFAULT_VERSION = "0.221.1"
TARGET = Path(__file__).resolve().parent / "banque" / "site" / "vendor" / "sveltia-cms"
FONTS = "polices"
# File in the package -> file in TARGET.
KEPT = {
    "package/dist/sveltia-cms.js": "sveltia-cms.js",
    "package/LICENSE.txt": "LICENSE.txt",
    "package/locales/fr.json": "fr.json",
}
# A font of Fontsource's CDN: family, « :vf » for a variable font, version, file.
FONT_URL = re.compile(r"https://cdn\.jsdelivr\.net/fontsource/fonts/([a-z0-9-]+)(:vf)?@([0-9.]+)/([a-z0-9-]+\.woff2)")


def pack(spec: str, workdir: Path) -> tuple[tarfile.TarFile, str]:
    """The npm tarball of `spec`, opened, and its integrity (checked against the registry's)."""
    folder = workdir / re.sub(r"[^a-z0-9.]+", "-", spec)
    folder.mkdir()
    subprocess.run(["npm", "pack", spec, "--silent"], cwd=folder, check=True, stdout=subprocess.DEVNULL)
    archive = next(folder.glob("*.tgz"))
    integrity = "sha512-" + base64.b64encode(hashlib.sha512(archive.read_bytes()).digest()).decode("ascii")
    expected = subprocess.run(["npm", "view", spec, "dist.integrity"], check=True, capture_output=True,
                              text=True).stdout.strip()
    if integrity != expected:
        raise SystemExit(f"{spec} : intégrité différente de celle du registre npm ({integrity} ≠ {expected})")
    return tarfile.open(archive), integrity


def member(tar: tarfile.TarFile, name: str) -> bytes:
    extracted = tar.extractfile(name)
    if extracted is None:
        raise SystemExit(f"{name} manque dans le paquet")
    return extracted.read()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--version", default=DEFAULT_VERSION)
    args = parser.parse_args()
    files: dict[str, bytes] = {}
    integrity: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        spec = f"{PACKAGE}@{args.version}"
        tar, integrity[spec] = pack(spec, Path(tmp))
        files.update({name: member(tar, path) for path, name in KEPT.items()})
        script = files["sveltia-cms.js"].decode("utf-8")
        upstream = hashlib.sha256(files["sveltia-cms.js"]).hexdigest()
        for family, variable, version, font in sorted(set(FONT_URL.findall(script))):
            font_spec = f"@fontsource{'-variable' if variable else ''}/{family}@{version}"
            tar, integrity[font_spec] = pack(font_spec, Path(tmp))
            files[f"{FONTS}/{family}-{font}"] = member(tar, f"package/files/{family}-{font}")
            files[f"{FONTS}/{family}.LICENSE"] = member(tar, "package/LICENSE")
        patched = FONT_URL.sub(lambda m: f"{FONTS}/{m.group(1)}-{m.group(4)}", script)
        files["sveltia-cms.js"] = patched.encode("utf-8")
    for stale in TARGET.rglob("*"):
        if stale.is_file():
            stale.unlink()
    for name, data in files.items():
        (TARGET / name).parent.mkdir(parents=True, exist_ok=True)
        (TARGET / name).write_bytes(data)
    lock = {
        "paquet": PACKAGE,
        "version": args.version,
        "integrite": integrity,
        "sveltia-cms.js d'origine (avant réécriture des polices)": upstream,
        "sha256": {name: hashlib.sha256(data).hexdigest() for name, data in sorted(files.items())},
    }
    (TARGET / "version.json").write_text(json.dumps(lock, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{PACKAGE}@{args.version} copié dans {TARGET}")


if __name__ == "__main__":
    main()
