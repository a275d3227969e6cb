//! Running third-party parsers (PDF, spreadsheet) so that a crafted file can never take the
//! program down: a panic becomes an error, a deep recursion gets a big stack, and a parser that
//! loops is abandoned after a deadline.
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

/// Why an isolated job gave no answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Failure {
    /// The parser panicked (a bug it has on this input).
    Panicked,
    /// It did not finish in time; the thread is left to finish on its own.
    TimedOut,
    /// The operating system refused to start a thread.
    NoThread,
}

/// Stack for parser threads: PDF and XML parsers recurse on nested input, and a stack overflow
/// aborts the whole process (it cannot be caught), so give them far more than the 2 MB default.
const STACK_BYTES: usize = 256 * 1024 * 1024;

/// Runs `job` on its own thread with a big stack, catching panics, waiting at most `deadline`.
pub(crate) fn run<T, F>(deadline: Duration, job: F) -> Result<T, Failure>
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    let (tx, rx) = mpsc::sync_channel(1);
    let spawned = thread::Builder::new()
        .name(super::PARSER_THREAD.into())
        .stack_size(STACK_BYTES)
        .spawn(move || {
            let result = catch_unwind(AssertUnwindSafe(job)).map_err(|_| Failure::Panicked);
            // The receiver may be gone after a timeout; nothing to do then.
            let _ = tx.send(result);
        });
    if spawned.is_err() {
        return Err(Failure::NoThread);
    }
    match rx.recv_timeout(deadline) {
        Ok(result) => result,
        Err(mpsc::RecvTimeoutError::Timeout) => Err(Failure::TimedOut),
        // The thread ended without sending: it can only have died.
        Err(mpsc::RecvTimeoutError::Disconnected) => Err(Failure::Panicked),
    }
}

/// Runs `job` on the current thread, turning a panic into `None` (for code that cannot recurse
/// deeply, such as zip directory reading, where a thread is not worth it).
pub(crate) fn guard<T>(job: impl FnOnce() -> T) -> Option<T> {
    catch_unwind(AssertUnwindSafe(job)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panics_become_errors() {
        let r: Result<u32, _> = run(Duration::from_secs(5), || panic!("boom"));
        assert_eq!(r, Err(Failure::Panicked));
        assert_eq!(guard(|| -> u32 { panic!("boom") }), None);
        assert_eq!(run(Duration::from_secs(5), || 7), Ok(7));
    }

    #[test]
    fn slow_jobs_time_out() {
        let r = run(Duration::from_millis(50), || {
            thread::sleep(Duration::from_millis(500));
            1
        });
        assert_eq!(r, Err(Failure::TimedOut));
    }
}
