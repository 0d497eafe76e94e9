#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A readers–writer lock over `pthread_rwlock_t`.
///
/// Promises: any number of `withShared` bodies run at once; a `withExclusive` body runs alone.
/// On glibc the default kind prefers readers, so a thread already holding the shared lock may take
/// it again even while an exclusive locker waits. Taking the exclusive lock while holding the
/// shared one on the same thread deadlocks.
final class ReadWriteLock: @unchecked Sendable {
    private let lock = PThreadLock<pthread_rwlock_t>()

    func withShared<T>(_ body: () throws -> T) rethrows -> T {
        try lock.holding({ pthread_rwlock_rdlock($0) }, body)
    }

    func withExclusive<T>(_ body: () throws -> T) rethrows -> T {
        try lock.holding({ pthread_rwlock_wrlock($0) }, body)
    }
}

/// A plain mutual-exclusion lock over `pthread_mutex_t`.
///
/// Promises: one `withLock` body at a time; not recursive.
final class PlainMutex: @unchecked Sendable {
    private let mutex = PThreadLock<pthread_mutex_t>()

    func withLock<T>(_ body: () throws -> T) rethrows -> T {
        try mutex.holding({ pthread_mutex_lock($0) }, body)
    }
}

/// The pthread calls that set up, tear down and release one kind of lock.
protocol PThreadLockKind {
    init()
    static func initialize(_ lock: UnsafeMutablePointer<Self>) -> Int32
    static func destroy(_ lock: UnsafeMutablePointer<Self>) -> Int32
    static func unlock(_ lock: UnsafeMutablePointer<Self>) -> Int32
}

extension pthread_rwlock_t: PThreadLockKind {
    static func initialize(_ lock: UnsafeMutablePointer<Self>) -> Int32 { pthread_rwlock_init(lock, nil) }
    static func destroy(_ lock: UnsafeMutablePointer<Self>) -> Int32 { pthread_rwlock_destroy(lock) }
    static func unlock(_ lock: UnsafeMutablePointer<Self>) -> Int32 { pthread_rwlock_unlock(lock) }
}

extension pthread_mutex_t: PThreadLockKind {
    static func initialize(_ lock: UnsafeMutablePointer<Self>) -> Int32 { pthread_mutex_init(lock, nil) }
    static func destroy(_ lock: UnsafeMutablePointer<Self>) -> Int32 { pthread_mutex_destroy(lock) }
    static func unlock(_ lock: UnsafeMutablePointer<Self>) -> Int32 { pthread_mutex_unlock(lock) }
}

/// One pthread lock in heap memory that never moves (a pthread lock must not be copied), set up
/// on creation and torn down when it goes away.
///
/// Promises: every pthread call is checked; a non-zero result (a lock used wrongly, e.g. unlocked
/// by a thread that does not hold it, or destroyed while held) stops the process with the call's
/// name and error, as swift-nio's `Lock` does, instead of running on with a broken lock.
struct PThreadLock<Kind: PThreadLockKind>: ~Copyable {
    private let pointer: UnsafeMutablePointer<Kind>

    init() {
        pointer = .allocate(capacity: 1)
        pointer.initialize(to: Kind())
        Self.check(Kind.initialize(pointer), "init")
    }

    deinit {
        Self.check(Kind.destroy(pointer), "destroy")
        pointer.deinitialize(count: 1)
        pointer.deallocate()
    }

    /// Runs `body` with the lock taken by `acquire` (a pthread lock call), and releases it after.
    @inline(__always)
    func holding<T>(_ acquire: (UnsafeMutablePointer<Kind>) -> Int32, _ body: () throws -> T) rethrows -> T {
        Self.check(acquire(pointer), "lock")
        defer { Self.check(Kind.unlock(pointer), "unlock") }
        return try body()
    }

    @inline(__always)
    private static func check(_ error: Int32, _ call: StaticString) {
        precondition(error == 0, "\(call) failed in \(Kind.self) with error \(error)")
    }
}
