#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| vypyska_fuzz::transactions_page(data));
