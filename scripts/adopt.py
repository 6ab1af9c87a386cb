#!/usr/bin/env python3
"""Convert an English/French documentation set written for MkDocs
(mkdocs-static-i18n, suffix `x.fr.md` or folder `docs/fr/x.md` layout) or
Hugo (`x.en.md` / `x.fr.md`) into a relais site.

    scripts/adopt.py SOURCE DEST [--title "Site title"]

SOURCE is the folder holding `mkdocs.yml` or Hugo's `content/`; DEST is
created (it must not exist). Nothing is fetched: the script converts the
folder it is given. What it changes, and only that:

- files go to `content/<path>.<lang>.md` (a file without a language
  suffix is in the default language, English); languages other than
  `en` and `fr` are left out, and so are pages that exist only in them;
- front matter keeps `title`, `date` (as YYYY-MM-DD), `description`
  (as `summary`), `weight` and `tags`; a page without a title takes its
  first `# heading`, which is then removed from the body;
- Hugo shortcodes: `notice` becomes a `:::` container, `ref`/`relref`
  the linked file, `{{< figure >}}` an image; the others are removed
  (their inner text kept), since they make lists Hugo computes;
- Hugo links written as site paths (`/basics/installation/`) become
  links to the source file they name;
- a page whose file name is not a plain lower-case slug gets a `slug`;
- every other file (images, attachments) is copied beside the pages.
"""

import argparse
import os
import posixpath
import re
import shutil
import sys

LANGS = ("en", "fr")
KEEP = {"title", "date", "description", "weight", "tags"}


def split_front(text):
    """(front matter dict of simple values, body, format)"""
    for fence, kind in (("---", "yaml"), ("+++", "toml")):
        if text.startswith(fence + "\n"):
            end = text.find("\n" + fence, len(fence))
            if end >= 0:
                front = text[len(fence) + 1:end]
                body = text[end + len(fence) + 1:].lstrip("\n")
                return parse_front(front, kind), body
    return {}, text


def parse_front(front, kind):
    """Top-level `key: value` (YAML) or `key = value` (TOML) pairs; lists
    written inline or as `- item` lines."""
    values, last = {}, None
    sep = ":" if kind == "yaml" else "="
    for line in front.splitlines():
        if kind == "toml" and line.strip().startswith("["):
            break
        if kind == "yaml" and line.startswith(("  -", "- ")) and last:
            values.setdefault(last, [])
            if isinstance(values[last], list):
                values[last].append(unquote(line.strip()[1:].strip()))
            continue
        if line.startswith((" ", "\t", "#")) or sep not in line:
            continue
        key, value = line.split(sep, 1)
        key, value = key.strip().strip('"'), value.strip()
        last = key
        if value.startswith("[") and value.endswith("]"):
            values[key] = [unquote(v) for v in value[1:-1].split(",") if v.strip()]
        elif value:
            values[key] = unquote(value)
    return values


def unquote(value):
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def yaml_string(value):
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def slug_of(stem):
    s = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
    return s or "page"


def shortcodes(body, lang, source_of_url, ref):
    """Hugo shortcodes and site-path links, rewritten."""
    body = re.sub(r"\{\{[<%]\s*notice\s+(\w+)\s*(\"[^\"]*\")?\s*[>%]\}\}",
                  lambda m: "\n::: " + {"info": "note", "note": "note", "tip": "tip", "warning": "warning"}
                  .get(m.group(1), "note") + (" " + m.group(2).strip('"') if m.group(2) else "") + "\n", body)
    body = re.sub(r"\{\{[<%]\s*/notice\s*[>%]\}\}", "\n:::\n", body)
    body = re.sub(r"\{\{[<%]\s*(?:rel)?ref\s+\"?([^\"\s>%]+)\"?\s*[>%]\}\}", lambda m: ref(m.group(1)), body)
    body = re.sub(r"\{\{[<%]\s*figure\s+src=\"([^\"]+)\"(?:\s+\w+=\"([^\"]*)\")*\s*[>%]\}\}",
                  lambda m: "![%s](%s)" % (m.group(2) or "", m.group(1)), body)
    # Any other shortcode: drop the tags, keep what is between them.
    body = re.sub(r"\{\{[<%]\s*/?\s*[\w-]+[^}]*[>%]\}\}", "", body)

    def site_path(m):
        text, target = m.group(2), m.group(3)
        path, _, anchor = target.partition("#")
        source = source_of_url(path.split("?")[0].strip("/"), lang)
        if source is None:
            return m.group(0)
        return "%s[%s](%s%s)" % (m.group(1), text, source, "#" + anchor if anchor else "")
    return re.sub(r"(!?)\[([^\]]*)\]\((/[^)\s]*)\)", site_path, body)


def pages(source):
    """(relative path without language, language, file, role) of each page."""
    found = []
    mkdocs = os.path.exists(os.path.join(source, "mkdocs.yml"))
    root = os.path.join(source, "docs") if mkdocs else os.path.join(source, "content")
    folder_layout = mkdocs and all(os.path.isdir(os.path.join(root, l)) for l in LANGS)
    for dirpath, _, files in os.walk(root):
        for name in sorted(files):
            full = os.path.join(dirpath, name)
            rel = os.path.relpath(full, root)
            if folder_layout:
                first, _, rest = rel.partition(os.sep)
                if first not in LANGS:
                    if re.match(r"^[a-z]{2}(?:-[A-Za-z]+)?$", first) and os.sep in rel:
                        continue  # another language's folder (docs/es/), left out whole
                    found.append((rel, None, full))  # shared assets (docs/assets)
                    continue
                lang, rel = first, rest
            else:
                lang = None
            if not name.endswith(".md"):
                found.append((rel, None, full))
                continue
            stem = rel[:-3]
            m = re.match(r"^(.*)\.([a-z]{2}(?:-[A-Za-z]+)?)$", stem)
            if m and not folder_layout:
                stem, lang = m.group(1), m.group(2)
            found.append((stem, lang or "en", full))
    return found, mkdocs


def site_origin(source, mkdocs):
    """`https://owasp.org` from mkdocs.yml's `site_url` (or Hugo's `baseURL`)."""
    name, key = ("mkdocs.yml", "site_url") if mkdocs else ("config.toml", "baseURL")
    try:
        with open(os.path.join(source, name), encoding="utf-8") as f:
            text = f.read()
    except OSError:
        return None
    m = re.search(r"^%s\s*[:=]\s*['\"]?(https?://[^/'\"\s]+)" % key, text, re.M)
    return m.group(1) if m else None


def convert(source, dest, title):
    found, mkdocs = pages(source)
    docs = [(stem, lang, full) for stem, lang, full in found if full.endswith(".md") and lang in LANGS]
    stems = {stem for stem, _, _ in docs}

    files = {rel.replace(os.sep, "/") for rel, lang, full in found if not full.endswith(".md")}
    static = os.path.join(source, "static")
    if not mkdocs and os.path.isdir(static):
        for dirpath, _, names in os.walk(static):
            for name in names:
                rel = os.path.relpath(os.path.join(dirpath, name), static)
                found.append((rel, None, os.path.join(dirpath, name)))
                files.add(rel.replace(os.sep, "/"))
    origin = site_origin(source, mkdocs)
    root = os.path.join(source, "docs") if mkdocs else os.path.join(source, "content")
    folder_layout = mkdocs and all(os.path.isdir(os.path.join(root, l)) for l in LANGS)

    def out_of_language_folder(link, stem, lang):
        """In the `docs/<lang>/` layout, a relative link that leaves the
        language's folder (`../assets/logo.png`, `../fr/x.md`), as a link
        from the page's place under content/."""
        if re.match(r"^[a-z][a-z0-9+.-]*:", link) or link.startswith("/"):
            return link
        here = posixpath.dirname(stem)
        path = posixpath.normpath(posixpath.join(lang, here, link))
        first, _, rest = path.partition("/")
        if first == lang:
            return link
        if first in LANGS and rest.endswith(".md"):
            path = rest[:-3] + "." + first + ".md"
        elif first in LANGS:
            return link
        return posixpath.relpath(path, here or ".")

    def source_of_url(path, lang):
        """A site path (`/basics/installation/`, `/en/cont/images/a.png`)
        as a link from content/ to the file it names; a path outside the
        documentation, on the host of its published site."""
        parts = path.split("/")
        suffix = ""
        if parts and parts[0] in LANGS:
            path = "/".join(parts[1:])
            # /fr/guide/send/ from an English page names the French file.
            suffix = "." + parts[0] if parts[0] != lang else ""
        for candidate in (path + "/_index", path + "/index", path):
            if candidate.strip("/") in stems:
                return "/" + candidate.strip("/") + suffix + ".md"
        if path in files:
            return "/" + path
        if origin:
            return origin + "/" + path
        return None

    def ref_in(stem):
        def ref(target):
            # Hugo looks beside the page first, then from content/.
            target = target.split("#")[0]
            here = os.path.normpath(os.path.join(os.path.dirname(stem), target)).replace(os.sep, "/")
            for candidate in (here, target.lstrip("/")):
                name = re.sub(r"\.(en|fr)$", "", candidate[:-3] if candidate.endswith(".md") else candidate)
                for name in (name,):
                    if name in stems or name + "/_index" in stems:
                        return "/" + (name if name in stems else name + "/_index") + ".md"
            return target
        return ref

    os.makedirs(os.path.join(dest, "content"))
    with open(os.path.join(dest, "site.yaml"), "w") as f:
        f.write("title: { en: %s, fr: %s }\nlanguages: [en, fr]\n" % (yaml_string(title), yaml_string(title)))
    have_home = set()
    for stem, lang, full in docs:
        with open(full, encoding="utf-8-sig") as f:
            text = f.read().replace("\r\n", "\n")
        front, body = split_front(text)
        kept = {k: v for k, v in front.items() if k in KEEP}
        if not kept.get("title"):
            m = re.search(r"^# +(.+?)\s*(\{[^}]*\})?\s*$", body, re.M)
            if m:
                kept["title"] = re.sub(r"!\[[^\]]*\]\([^)]*\)|\{[^}]*\}", "", m.group(1)).strip()
                body = body[:m.start()] + body[m.end():]
            else:
                kept["title"] = os.path.basename(stem).replace("_", " ").replace("-", " ")
        depth = stem.count("/")
        relative_root = "../" * depth

        def from_here(link):
            return relative_root + link.lstrip("/")
        body = shortcodes(body, lang, source_of_url, ref_in(stem))
        if folder_layout:
            body = re.sub(r"(\]\()([^)\s#?]+)", lambda m: m.group(1) + out_of_language_folder(m.group(2), stem, lang), body)
        body = re.sub(r"\]\(/([^)\s]+)\)", lambda m: "](" + from_here(m.group(1)) + ")"
                      if m.group(1).split("?")[0].split("#")[0] in files or ".md" in m.group(1) else m.group(0), body)
        base = os.path.basename(stem)
        target = stem
        if mkdocs and base == "index":
            target = stem[:-len("index")] + "_index"
        if target in ("_index", "index"):
            target = "_index"
            have_home.add(lang)
        lines = ["---", "title: " + yaml_string(kept["title"])]
        if "description" in kept:
            lines.append("summary: " + yaml_string(kept["description"]))
        if re.match(r"^\d{4}-\d{2}-\d{2}", str(kept.get("date", ""))):
            lines.append("date: " + str(kept["date"])[:10])
        if str(kept.get("weight", "")).isdigit():
            lines.append("weight: " + str(kept["weight"]))
        if isinstance(kept.get("tags"), list) and kept["tags"]:
            lines.append("tags: [" + ", ".join(yaml_string(t) for t in kept["tags"]) + "]")
        name = os.path.basename(target)
        if not name.startswith("_") and not SLUG.match(name):
            lines.append("slug: " + slug_of(name))
        lines.append("---")
        out = os.path.join(dest, "content", target + "." + lang + ".md")
        os.makedirs(os.path.dirname(out), exist_ok=True)
        with open(out, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n\n" + body.lstrip("\n"))
    for lang in LANGS:
        if lang not in have_home:
            with open(os.path.join(dest, "content", "_index.%s.md" % lang), "w") as f:
                f.write("---\ntitle: %s\n---\n" % yaml_string(title))
    for rel, lang, full in found:
        if full.endswith(".md"):
            continue
        out = os.path.join(dest, "content", rel)
        os.makedirs(os.path.dirname(out), exist_ok=True)
        shutil.copyfile(full, out)
    return len(docs)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source")
    parser.add_argument("dest")
    parser.add_argument("--title", default="Documentation")
    args = parser.parse_args()
    if os.path.exists(args.dest):
        sys.exit("adopt.py: %s exists; give a new folder" % args.dest)
    n = convert(args.source, args.dest, args.title)
    print("%d documents -> %s (then: relais build --root %s)" % (n, args.dest, args.dest))


if __name__ == "__main__":
    main()
