fn main() -> std::process::ExitCode {
    oit::cli::run()
}

/// mimalloc rather than the system's allocator: faster for the build's many small strings (see
/// Cargo.toml).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
