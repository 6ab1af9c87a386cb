//! Consent for the photos of a report (DOCUMENT-KINDS 8.5): a photo of
//! people is published only when they agreed, and the agreement is written
//! down where the photo goes: in the image's title in the Markdown,
//! `![Group work](group.jpg "consent: true")`, or in the file's own metadata,
//! where photo tools put it (IPTC's Model Release Status, or a note
//! `consent: true` in the description). A photo without people says so:
//! `"people: none"`, or the Model Release Status "not applicable".

/// Files treated as photos: what cameras and phones write.
const PHOTO_EXTENSIONS: &[&str] = &["jpg", "jpeg", "webp", "heic", "heif", "tif", "tiff"];

/// What a title may say about consent; it is dropped from the page.
const MARKERS: &[&str] = &["consent: true", "consent:true", "people: none", "people:none"];

/// How much of a file is searched for its metadata (XMP and IPTC sit near the start).
const METADATA_BYTES: usize = 256 * 1024;

pub fn is_photo(path: &str) -> bool {
    path.rsplit_once('.').is_some_and(|(_, ext)| PHOTO_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()))
}

/// Whether the title written in the Markdown records consent (or no people).
pub fn title_records_consent(title: &str) -> bool {
    let title = title.to_ascii_lowercase();
    MARKERS.iter().any(|m| title.contains(m))
}

/// The title without the consent marker, as shown to readers.
pub fn shown_title(title: &str) -> String {
    // The markers are ASCII: ASCII lower case keeps every byte offset of `title`.
    let lower = title.to_ascii_lowercase();
    match MARKERS.iter().find_map(|m| lower.find(m).map(|at| (at, m.len()))) {
        Some((at, len)) => {
            let rest = format!("{}{}", &title[..at], &title[at + len..]);
            rest.trim().trim_matches(|c: char| c == ';' || c == ',' || c == '.').trim().to_owned()
        }
        None => title.to_owned(),
    }
}

/// Whether the metadata at the start of the file records consent; only
/// that start is read.
pub fn file_records_consent(path: &std::path::Path) -> bool {
    use std::io::Read;
    let mut head = Vec::with_capacity(METADATA_BYTES);
    std::fs::File::open(path).and_then(|f| f.take(METADATA_BYTES as u64).read_to_end(&mut head)).is_ok()
        && metadata_records_consent(&head)
}

/// Whether the file's metadata records a model release, or that no one is
/// shown: IPTC PLUS `ModelReleaseStatus` "MR-UMR" (unlimited), "MR-LMR"
/// (limited) or "MR-NAP" (not applicable), or the words `consent: true`.
pub fn metadata_records_consent(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(METADATA_BYTES)];
    let text = String::from_utf8_lossy(head).to_lowercase();
    let release = text.match_indices("modelreleasestatus").any(|(at, _)| {
        // Binary bytes come out as `\u{FFFD}`: the window ends on a character.
        let window = &text[at..text.floor_char_boundary(at + 300)];
        ["mr-umr", "mr-lmr", "mr-nap"].iter().any(|v| window.contains(v))
    });
    release || MARKERS.iter().any(|m| text.contains(m)) || text.contains("consent=\"true\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn photos_are_told_from_other_images() {
        assert!(is_photo("reports/x/group-work.JPG"));
        assert!(!is_photo("reports/x/chart.png") && !is_photo("diagram.svg"));
    }

    #[test]
    fn consent_is_read_from_the_title_and_left_out_of_it() {
        assert!(title_records_consent("Group work, day 2; consent: true"));
        assert!(title_records_consent("People: none"));
        assert!(!title_records_consent("Group work"));
        assert_eq!(shown_title("Group work, day 2; consent: true"), "Group work, day 2");
        assert_eq!(shown_title("consent: true"), "");
        assert_eq!(
            shown_title("İzmir, ẞ; consent: true"),
            "İzmir, ẞ",
            "offsets survive letters whose lower case is longer"
        );
    }

    #[test]
    fn consent_is_read_from_xmp_metadata() {
        let xmp = br#"<x:xmpmeta><rdf:Description plus:ModelReleaseStatus="http://ns.useplus.org/ldf/vocab/MR-UMR"/></x:xmpmeta>"#;
        let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE1];
        jpeg.extend_from_slice(xmp);
        assert!(metadata_records_consent(&jpeg));
        let none = br#"<rdf:Description plus:ModelReleaseStatus="http://ns.useplus.org/ldf/vocab/MR-NON"/>"#;
        assert!(!metadata_records_consent(none));
        assert!(!metadata_records_consent(&[0xFF, 0xD8, 0xFF, 0xD9]));
    }

    #[test]
    fn the_metadata_window_may_end_inside_a_character() {
        // Byte 300 after the name falls inside a letter, then inside the
        // replacement character of a binary byte.
        for tail in ["é".as_bytes(), &[0xFF, 0xD8]] {
            let mut bytes = b"ModelReleaseStatus".to_vec();
            bytes.extend(std::iter::repeat_n(b'x', 281));
            bytes.extend_from_slice(tail);
            bytes.extend_from_slice(b" MR-UMR");
            assert!(!metadata_records_consent(&bytes));
        }
    }
}
