//! The UI's TypeScript types are generated from the Rust types; this fails when they drift.
//! Regenerate with `make bindings` (or UPDATE_BINDINGS=1 cargo test --test bindings).

use std::path::Path;

#[test]
fn ui_bindings_are_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/lib/bindings.ts");
    let fresh = evenkeel::model::typescript_bindings();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &fresh).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "{} is stale: run `make bindings` and commit the result",
        path.display()
    );
}
