//! The `whomet` command: parses flags, calls the library, prints.

mod cli;

// Loading a million meetings makes millions of small allocations; mimalloc does them faster
// than the system allocator and returns memory in bigger pieces.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}
