//! Writing a file the user asked for (a saved attachment, an exported calendar): never over an
//! existing one unless they said so, and never half-written (a temporary file, synced, renamed).

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};

pub fn write_file(out: &Path, bytes: &[u8], replace: bool) -> Result<()> {
    write_with(out, replace, |f| f.write_all(bytes))
}

/// `write_file` for output made as it is written (a JSON export, a CSV table): `fill` writes
/// into the temporary file, which is renamed over `out` only once it is whole and synced.
pub fn write_with(
    out: &Path,
    replace: bool,
    fill: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> Result<()> {
    if !replace && out.exists() {
        return Err(Error::invalid(
            "out",
            format!("{} already exists; choose another name", out.display()),
        ));
    }
    let tmp = temp_beside(out)?;
    let written = (|| {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        // What the user exports is theirs alone to share: readable by them only.
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut f = options.open(&tmp)?;
        fill(&mut f)?;
        f.sync_all()?;
        std::fs::rename(&tmp, out)
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::Write {
            path: out.to_path_buf(),
            source: e,
        });
    }
    Ok(())
}

/// The hidden temporary name a file is written under beside `out` before it is renamed.
pub fn temp_beside(out: &Path) -> Result<std::path::PathBuf> {
    let name = out
        .file_name()
        .ok_or_else(|| Error::invalid("out", format!("{} is not a file name", out.display())))?;
    let mut tmp_name = std::ffi::OsString::from(".");
    tmp_name.push(name);
    tmp_name.push(".evenkeel-tmp");
    Ok(out.with_file_name(tmp_name))
}
