//! The `eventlint` binary: a thin shell around `eventlint_cli`, so `cargo install --path .` works at the root.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    eventlint_cli::main()
}
