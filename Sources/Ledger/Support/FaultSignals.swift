#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What the `ledger` process does when it dies of a signal: one line on
/// standard error and an exit code, never a crash report.
///
/// Swift's runtime answers a fatal signal with a report of the registers and
/// of the memory they point at, and in this program that memory holds ledger
/// data (LMDB's pages, decoded events, opened fields). So:
/// - SIGBUS and SIGSEGV (a page of a damaged `data.mdb` or `vault.mdb` that
///   LMDB follows out of the file or the map) print "the ledger file is
///   damaged: restore from backup" and exit 65, as a damaged file that is
///   caught before use does (`DamagedFile`);
/// - SIGABRT (glibc finding its heap overwritten, or an assertion of LMDB:
///   both what LMDB's writes do when a damaged page gives them wrong sizes)
///   says so and exits 65 too: nothing of the write was committed;
/// - SIGILL, SIGTRAP and SIGFPE (a Swift runtime trap: a bug) print that the
///   program stopped on an internal error and exit 70 (EX_SOFTWARE).
///
/// Promises: the handlers are async-signal-safe: each makes one write(2) of a
/// fixed message and calls _exit(2); nothing is allocated, locked or
/// flushed. They run on an alternate stack, so a stack overflow of the main
/// thread is reported too. A developer who sets `SWIFT_BACKTRACE` in the
/// environment asked for the runtime's report: then nothing is installed.
///
/// The handlers and the alternate stack are process-wide state, the one
/// global state of the library: a signal disposition cannot be anything else.
/// Install once, first thing in `main`.
public enum FaultSignals {
    /// The size of the alternate signal stack (the handlers need a few hundred bytes of it).
    static let alternateStackBytes = 64 << 10

    /// Installs the handlers (see the type) unless `SWIFT_BACKTRACE` is set.
    public static func install() {
        if getenv("SWIFT_BACKTRACE") != nil { return }
        // Allocated once for the life of the process and never freed: the kernel holds on to it.
        var stack = stack_t()
        stack.ss_sp = UnsafeMutableRawPointer.allocate(byteCount: alternateStackBytes, alignment: 16)
        stack.ss_size = alternateStackBytes
        stack.ss_flags = 0
        let onAlternateStack = sigaltstack(&stack, nil) == 0
        for signal in [SIGBUS, SIGSEGV] { handle(signal, with: onMemoryFault, onAlternateStack) }
        handle(SIGABRT, with: onAbort, onAlternateStack)
        for signal in [SIGILL, SIGTRAP, SIGFPE] { handle(signal, with: onTrap, onAlternateStack) }
    }

    private static func handle(_ signal: Int32, with handler: @escaping @convention(c) (Int32) -> Void, _ onAlternateStack: Bool) {
        var action = sigaction()
        #if os(Linux)
        action.__sigaction_handler.sa_handler = handler
        #else
        action.__sigaction_u.__sa_handler = handler
        #endif
        action.sa_flags = onAlternateStack ? Int32(SA_ONSTACK) : 0
        sigemptyset(&action.sa_mask)
        _ = sigaction(signal, &action, nil)
    }
}

/// SIGBUS, SIGSEGV: one fixed line, exit 65. Async-signal-safe (write, _exit; the message is a constant).
private func onMemoryFault(_ signal: Int32) {
    let message: StaticString = "ledger: error: the ledger file is damaged: restore from backup (reading it stopped on a page it does not hold)\n"
    _ = write(2, message.utf8Start, message.utf8CodeUnitCount)
    _exit(65)
}

/// SIGABRT: one fixed line, exit 65. Async-signal-safe (write, _exit; the message is a constant).
private func onAbort(_ signal: Int32) {
    let message: StaticString = "ledger: error: the ledger file is damaged: restore from backup (its pages made LMDB overrun its memory, and the program stopped before committing anything); run 'ledger verify' to confirm\n"
    _ = write(2, message.utf8Start, message.utf8CodeUnitCount)
    _exit(65)
}

/// SIGILL, SIGTRAP, SIGFPE: one fixed line, exit 70. Async-signal-safe (write, _exit; the message is a constant).
private func onTrap(_ signal: Int32) {
    let message: StaticString = "ledger: error: the ledger program stopped on an internal error (a bug; please report it); run 'ledger verify'\n"
    _ = write(2, message.utf8Start, message.utf8CodeUnitCount)
    _exit(70)
}
