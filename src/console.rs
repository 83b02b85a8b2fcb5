//! The console dvht writes to, on Windows and elsewhere.
//!
//! On Windows, [`init`] (called first thing by `main`):
//! - sets the console's output code page to UTF-8 (65001), so that
//!   Vietnamese prints correctly in a console whatever its code page was
//!   (Windows' default for Vietnamese is 1258), and sets it back when dvht
//!   ends, since the code page belongs to the console, not to dvht;
//! - turns on the console's handling of colour codes
//!   (`ENABLE_VIRTUAL_TERMINAL_PROCESSING`); where that fails (an old
//!   console) dvht prints no colour codes at all rather than garbage;
//! - notes whether dvht has a console of its own: started from Explorer
//!   (double-click, or files dropped on `dvht.exe`), the console window
//!   closes the moment dvht ends, so [`pause_if_own_window`] waits for
//!   Enter. Started from a terminal, or with standard input redirected,
//!   it never waits; on other systems it never waits.
//!
//! Elsewhere these are no-ops.

use std::sync::atomic::{AtomicBool, Ordering};

static COLOURS: AtomicBool = AtomicBool::new(cfg!(not(windows)));
static OWN_WINDOW: AtomicBool = AtomicBool::new(false);

/// What [`init`] changed, put back when dropped.
#[must_use = "the console is restored when the guard is dropped"]
pub struct Guard {
    #[cfg(windows)]
    code_page: u32,
}

impl Drop for Guard {
    fn drop(&mut self) {
        #[cfg(windows)]
        if self.code_page != 0 && self.code_page != UTF8 {
            // SAFETY: a plain call with a code page the console had.
            unsafe {
                windows_sys::Win32::System::Console::SetConsoleOutputCP(self.code_page);
            }
        }
    }
}

#[cfg(windows)]
const UTF8: u32 = 65001;

/// Prepares the console (see the module doc). Keep the guard alive until
/// the end of `main`.
pub fn init() -> Guard {
    #[cfg(windows)]
    {
        use windows_sys::Win32::System::Console::{
            ENABLE_VIRTUAL_TERMINAL_PROCESSING, GetConsoleMode, GetConsoleOutputCP,
            GetConsoleProcessList, GetStdHandle, STD_OUTPUT_HANDLE, SetConsoleMode,
            SetConsoleOutputCP,
        };
        // SAFETY: plain Win32 calls; every pointer is to a local that
        // outlives the call.
        unsafe {
            let code_page = GetConsoleOutputCP();
            if code_page != 0 {
                SetConsoleOutputCP(UTF8);
            }
            let out = GetStdHandle(STD_OUTPUT_HANDLE);
            let mut mode = 0;
            if GetConsoleMode(out, &mut mode) != 0 {
                let vt = mode | ENABLE_VIRTUAL_TERMINAL_PROCESSING;
                COLOURS.store(SetConsoleMode(out, vt) != 0, Ordering::Relaxed);
            }
            // The processes attached to this console: dvht alone means
            // Windows made the console for it (Explorer); a shell would be
            // there too. Counted now, before any reading child attaches.
            let mut ids = [0u32; 4];
            let n = GetConsoleProcessList(ids.as_mut_ptr(), ids.len() as u32);
            OWN_WINDOW.store(n == 1 && stdin_is_console(), Ordering::Relaxed);
            Guard { code_page }
        }
    }
    #[cfg(not(windows))]
    Guard {}
}

#[cfg(windows)]
fn stdin_is_console() -> bool {
    use std::io::IsTerminal;
    std::io::stdin().is_terminal()
}

/// Whether colour codes may be written to a terminal (on Windows: whether
/// the console accepted them).
pub fn colours_supported() -> bool {
    COLOURS.load(Ordering::Relaxed)
}

/// Whether dvht runs in a console window of its own, which closes when it
/// ends (started from Explorer). Always false outside Windows.
pub fn own_window() -> bool {
    OWN_WINDOW.load(Ordering::Relaxed)
}

/// In a window of its own, says `prompt` and waits for Enter, so the
/// window does not close before its text is read. Does nothing otherwise.
pub fn pause_if_own_window(prompt: &str) {
    if !own_window() {
        return;
    }
    use std::io::{BufRead, Write};
    let mut err = std::io::stderr();
    let _ = write!(err, "\n{prompt} ");
    let _ = err.flush();
    let mut line = String::new();
    let _ = std::io::stdin().lock().read_line(&mut line);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(not(windows))]
    #[test]
    fn outside_windows_dvht_never_waits_and_may_colour() {
        let _g = init();
        assert!(!own_window());
        assert!(colours_supported());
        // Returns at once: a wait would hang the test.
        pause_if_own_window("Nhấn Enter để đóng cửa sổ…");
    }
}
