fn main() -> std::process::ExitCode {
    oit::cli::run()
}
