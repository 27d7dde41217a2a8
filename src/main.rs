//! `thamdinh`: parse the command line, run the command, exit with the code
//! of `cli.md` (0 success, 1 failure, 2 usage, 3 partial success).

fn main() {
    let cli = thamdinh::cli::args::parse();
    std::process::exit(thamdinh::cli::run(cli));
}
