//! The two headers declare every exported function exactly once: the
//! verification group in `include/sigsum.h`, the building blocks in
//! `include/sigsum_blocks.h` (which includes `sigsum.h`). The cbindgen
//! configs list each other's items; this test catches a function that
//! is in neither header or in both.
use std::collections::BTreeSet;
use std::path::Path;

/// Names of `pub unsafe extern "C" fn`s under `dir`.
fn exported(dir: &Path, names: &mut BTreeSet<String>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            exported(&p, names);
        } else if p.extension().is_some_and(|x| x == "rs") {
            for l in std::fs::read_to_string(&p).unwrap().lines() {
                if let Some(rest) = l.trim().strip_prefix("pub unsafe extern \"C\" fn ") {
                    names.insert(rest.split('(').next().unwrap().to_string());
                }
            }
        }
    }
}

/// Names of the functions a header declares.
fn declared(header: &str) -> BTreeSet<String> {
    header
        .lines()
        .filter(|l| !l.trim_start().starts_with("//") && !l.starts_with(' '))
        .filter_map(|l| {
            let open = l.find('(')?;
            let start = l[..open].rfind(|c: char| !(c.is_alphanumeric() || c == '_'))? + 1;
            let name = &l[start..open];
            name.starts_with("sigsum_").then(|| name.to_string())
        })
        .collect()
}

#[test]
#[cfg_attr(
    miri,
    ignore = "text processing only, no unsafe code; minutes under Miri"
)]
fn every_function_is_in_exactly_one_header() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut all = BTreeSet::new();
    exported(&root.join("src"), &mut all);
    let main = std::fs::read_to_string(root.join("../include/sigsum.h")).unwrap();
    let blocks = std::fs::read_to_string(root.join("../include/sigsum_blocks.h")).unwrap();
    assert!(blocks.contains("#include \"sigsum.h\""));
    let (m, b) = (declared(&main), declared(&blocks));
    assert!(
        m.is_disjoint(&b),
        "in both headers: {:?}",
        m.intersection(&b)
    );
    let both: BTreeSet<String> = m.union(&b).cloned().collect();
    assert_eq!(both, all, "headers and exported functions differ");
    // The verification group stays small enough to learn in one sitting.
    assert!(
        (15..=28).contains(&m.len()),
        "{} functions in sigsum.h",
        m.len()
    );
    // Every name is sigsum_<object>_<verb>...: at least two words after
    // the prefix.
    for f in &all {
        assert!(f.matches('_').count() >= 2, "{f}");
    }
    // docs/ffi.md names every function and every status code.
    let doc = std::fs::read_to_string(root.join("../docs/ffi.md")).unwrap();
    for f in &all {
        assert!(
            doc.contains(&format!("`{f}`")),
            "docs/ffi.md does not name {f}"
        );
    }
    for l in main.lines() {
        if let Some(rest) = l.trim().strip_prefix("SIGSUM_STATUS_") {
            let name = format!("`SIGSUM_STATUS_{}`", rest.split(' ').next().unwrap());
            assert!(doc.contains(&name), "docs/ffi.md does not list {name}");
        }
    }
}
