//! Running third-party parsers (PDF, spreadsheet) so that a crafted file can never take the
//! program down: a panic becomes an error, a deep recursion gets a big stack, and a parser that
//! loops is abandoned after a deadline.
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Mutex, mpsc};
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

/// A job as a parser thread runs it.
type Job = Box<dyn FnOnce() + Send>;

/// An idle parser thread, waiting for its next job.
struct Worker {
    jobs: mpsc::Sender<Job>,
}

/// Idle parser threads. A thread per job cost a 256 MB stack mapping and unmapping each time
/// (the unmap interrupts every core): ~2,700 times in a 40-station build.
static IDLE: Mutex<Vec<Worker>> = Mutex::new(Vec::new());

/// At most this many idle threads are kept: a thread that ran a deeply recursive parse keeps
/// the stack memory it touched, so the pool stays small (one per core is what builds use).
const MAX_IDLE: usize = 16;

fn idle() -> std::sync::MutexGuard<'static, Vec<Worker>> {
    IDLE.lock().unwrap_or_else(|e| e.into_inner())
}

/// An idle parser thread, or a new one.
fn worker() -> Option<Worker> {
    if let Some(w) = idle().pop() {
        return Some(w);
    }
    let (jobs, inbox) = mpsc::channel::<Job>();
    thread::Builder::new()
        .name(super::PARSER_THREAD.into())
        .stack_size(STACK_BYTES)
        // Ends when its `Worker` is dropped (after a timeout, a panic, or a full pool).
        .spawn(move || inbox.into_iter().for_each(|job| job()))
        .ok()?;
    Some(Worker { jobs })
}

/// Runs `job` on a parser thread with a big stack, catching panics, waiting at most `deadline`.
/// A thread whose job panicked or ran late is not used again.
pub(crate) fn run<T, F>(deadline: Duration, job: F) -> Result<T, Failure>
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    let (tx, rx) = mpsc::sync_channel(1);
    let job: Job = Box::new(move || {
        let result = catch_unwind(AssertUnwindSafe(job)).map_err(|_| Failure::Panicked);
        // The receiver may be gone after a timeout; nothing to do then.
        let _ = tx.send(result);
    });
    let Some(worker) = worker() else {
        return Err(Failure::NoThread);
    };
    if worker.jobs.send(job).is_err() {
        // The thread is gone (it cannot be, while its `Worker` lives; but never wait on it).
        return Err(Failure::NoThread);
    }
    match rx.recv_timeout(deadline) {
        Ok(Ok(value)) => {
            let mut pool = idle();
            if pool.len() < MAX_IDLE {
                pool.push(worker);
            }
            Ok(value)
        }
        Ok(Err(failure)) => Err(failure),
        Err(mpsc::RecvTimeoutError::Timeout) => Err(Failure::TimedOut),
        // The job ended without sending: it can only have died.
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
        let (tx, late) = mpsc::channel();
        let r = run(Duration::from_millis(50), move || {
            let _ = tx.send(thread::current().id());
            thread::sleep(Duration::from_millis(500));
            1
        });
        assert_eq!(r, Err(Failure::TimedOut));
        // The late thread is not handed the next job (it would wait behind the late one).
        let late = late.recv().unwrap();
        assert_ne!(
            run(Duration::from_secs(5), || thread::current().id()),
            Ok(late)
        );
    }

    #[test]
    fn jobs_get_the_big_stack_on_reused_threads() {
        fn depth(n: u32) -> u32 {
            // ~1 KB of stack per call: 20,000 calls need ~20 MB, ten times the default.
            let pad = std::hint::black_box([n as u8; 1024]);
            if n == 0 {
                u32::from(pad[0])
            } else {
                depth(n - 1) + 1
            }
        }
        for _ in 0..3 {
            assert_eq!(run(Duration::from_secs(20), || depth(20_000)), Ok(20_000));
            assert_eq!(
                run(Duration::from_secs(5), || thread::current()
                    .name()
                    .map(str::to_owned)),
                Ok(Some(crate::documents::PARSER_THREAD.to_owned()))
            );
        }
    }
}
