//! The `whomet` command: parses flags, calls the library, prints.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
