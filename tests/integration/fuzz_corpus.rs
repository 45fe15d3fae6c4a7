//! Every input the fuzzers kept (their corpus) and every crash they found (`regressions`), run
//! through the same checks as the fuzz targets, so a fixed crash stays fixed without a fuzzer.

#[path = "../fuzz/checks.rs"]
mod checks;

use std::path::Path;

fn replay(target: &str, check: fn(&[u8])) -> usize {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut n = 0;
    for dir in [
        root.join("corpus").join(target),
        root.join("regressions").join(target),
    ] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            let caught = std::panic::catch_unwind(|| check(&bytes));
            assert!(caught.is_ok(), "{} fails its check", path.display());
            n += 1;
        }
    }
    n
}

#[test]
fn the_fuzzers_inputs_and_crashes_pass_their_checks() {
    for (target, check) in [
        ("transactions_page", checks::transactions_page as fn(&[u8])),
        ("invoice_numbers", checks::invoice_numbers),
        ("invoice_import", checks::invoice_import),
        ("iban", checks::iban),
    ] {
        let n = replay(target, check);
        assert!(n >= 5, "{target}: only {n} inputs kept");
    }
}
