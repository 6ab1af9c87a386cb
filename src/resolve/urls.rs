//! Every URL of the site is made here, and every one is relative: the site
//! must open from a USB stick through `file://`, where `/` is the disk's root.

/// The folder part of an output path: `en/sops/x/index.html` -> `en/sops/x/`.
fn dir_of(path: &str) -> &str {
    path.rfind('/').map_or("", |i| &path[..=i])
}

/// `../` repeated up to the site's root from the page at `from`.
pub fn to_root(from: &str) -> String {
    "../".repeat(dir_of(from).matches('/').count())
}

/// The relative URL from the page at `from` to the file at `to`, both output
/// paths from the site's root (`en/sops/index.html`).
pub fn relative(from: &str, to: &str) -> String {
    let from_dir: Vec<&str> = dir_of(from).split('/').filter(|s| !s.is_empty()).collect();
    let to_parts: Vec<&str> = to.split('/').collect();
    let (to_dirs, file) = to_parts.split_at(to_parts.len() - 1);
    let common = from_dir.iter().zip(to_dirs).take_while(|(a, b)| a == b).count();
    let mut url = "../".repeat(from_dir.len() - common);
    for part in &to_dirs[common..] {
        url.push_str(&encode(part));
        url.push('/');
    }
    url.push_str(&encode(file[0]));
    url
}

/// `relative(from, to)`, at the heading `fragment` of that file when given.
pub fn relative_at(from: &str, to: &str, fragment: Option<&str>) -> String {
    let mut url = relative(from, to);
    if let Some(fragment) = fragment {
        url.push('#');
        url.push_str(&encode(fragment));
    }
    url
}

/// Percent-encodes what may not stand in a URL path segment.
pub fn encode(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for byte in segment.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(byte as char),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// Decodes `%xx` sequences of a link written by an author.
pub fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
            if let Some(byte) = hex.and_then(|hex| u8::from_str_radix(hex, 16).ok()) {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The output folder of a page in a language: `en/` + segments + `/`.
pub fn page_dir(lang: &str, segments: &[&str]) -> String {
    let mut dir = format!("{lang}/");
    for segment in segments {
        dir.push_str(segment);
        dir.push('/');
    }
    dir
}

/// Whether `url` can be the site's published address: `http(s)://` and a
/// host, with nothing a URL cannot hold (spaces, quotes, angle brackets).
pub fn is_absolute_http(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://")) else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    !host.is_empty() && !url.chars().any(|c| c.is_whitespace() || c.is_control() || "\"<>\\^`{|}".contains(c))
}

/// Why `segment` cannot name a file or folder of the output, if it cannot:
/// every id and slug that becomes part of a path goes through here, so that
/// none leaves the output (`..`, `/`), hides (`.x`) or is refused by the
/// FAT file system of a USB stick (`con`, a trailing dot, `:`).
pub fn segment_problem(segment: &str) -> Option<&'static str> {
    const RESERVED: &[&str] = &[
        "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9", "lpt1",
        "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
    ];
    if segment.is_empty() {
        return Some("it is empty");
    }
    if segment == "." || segment == ".." {
        return Some("it names a folder, not a file");
    }
    if segment.contains(['/', '\\']) {
        return Some("it holds a folder separator");
    }
    if segment.chars().any(|c| c.is_control() || "<>:\"|?*".contains(c)) {
        return Some("it holds a character that file systems refuse (< > : \" | ? * or a control character)");
    }
    if segment.starts_with('.') {
        return Some("it starts with a dot, which hides the file");
    }
    if segment.ends_with(['.', ' ']) || segment.starts_with(' ') {
        return Some("it starts or ends with a space or a dot, which Windows and USB sticks drop");
    }
    let stem = segment.split('.').next().unwrap_or(segment).to_ascii_lowercase();
    if RESERVED.contains(&stem.as_str()) {
        return Some("it is a device name on Windows and USB sticks (con, nul, com1 …)");
    }
    None
}

/// An absolute URL for the sitemap and canonical links, from `base_url`.
pub fn absolute(base_url: &str, path: &str) -> String {
    let path = path.strip_suffix("index.html").unwrap_or(path);
    format!("{base_url}{path}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_urls_walk_up_then_down() {
        assert_eq!(relative("en/sops/x/index.html", "en/sops/index.html"), "../index.html");
        assert_eq!(
            relative("en/sops/x/index.html", "fr/procedures/y/index.html"),
            "../../../fr/procedures/y/index.html"
        );
        assert_eq!(relative("index.html", "en/index.html"), "en/index.html");
        assert_eq!(relative("en/a/index.html", "en/a/file name.csv"), "file%20name.csv");
        assert_eq!(to_root("en/sops/x/index.html"), "../../../");
        assert_eq!(to_root("404.html"), "");
    }

    #[test]
    fn only_plain_names_can_be_path_segments() {
        for bad in ["", ".", "..", "../index", "a/b", "a\\b", ".hidden", "con", "NUL.txt", "x.", " x", "a:b", "a\u{7}"]
        {
            assert!(segment_problem(bad).is_some(), "{bad:?}");
        }
        for good in ["trainers-pack", "sops", "index", "2026", "fiche_1", "été"] {
            assert_eq!(segment_problem(good), None, "{good:?}");
        }
    }

    #[test]
    fn base_urls_are_absolute_http() {
        assert!(is_absolute_http("https://example.org/hub/"));
        assert!(is_absolute_http("http://localhost:8000"));
        for bad in ["not a url", "example.org", "https://", "ftp://x.org/", "https://exa mple.org/", "https:///x"] {
            assert!(!is_absolute_http(bad), "{bad}");
        }
    }

    #[test]
    fn decoding_undoes_encoding() {
        assert_eq!(decode("a%20b.csv"), "a b.csv");
        assert_eq!(decode("100%"), "100%");
    }
}
