//! The `whomet` command: parses flags, calls the library, prints.

mod cli;

// Loading a million meetings makes millions of small allocations; mimalloc does them faster
// than the system allocator and returns memory in bigger pieces. Its transparent huge pages
// are off (the `no_thp` feature): where the kernel compacts memory for them on a fault, a
// load took anywhere from 1.1 to 2.2 s, and 1.1 s every time without them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}
