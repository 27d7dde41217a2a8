//! Generate N realistic dossiers as JSON Lines on stdout, for scale tests:
//!
//! ```sh
//! cargo run --release --example generate -- 100000 > /tmp/100k.jsonl
//! time target/release/thamdinh --db /tmp/100k.db import /tmp/100k.jsonl
//! ```

#[path = "../benches/dossier_gen.rs"]
#[allow(dead_code)] // the example uses write_to only; generate is for benches
mod dossier_gen;

fn main() {
    let n: usize = match std::env::args().nth(1).map(|a| a.parse()) {
        Some(Ok(n)) => n,
        _ => {
            eprintln!("usage: generate N   (writes N dossiers as JSON Lines to stdout)");
            std::process::exit(2);
        }
    };
    let stdout = std::io::stdout();
    dossier_gen::write_to(&mut std::io::BufWriter::new(stdout.lock()), 0, n);
}
