import Foundation

/// Writes bytes to standard output with write(2), after flushing what
/// `print` has buffered so that the two keep their order: a large report
/// goes out in a few calls, with no String made of it. A write that fails
/// is dropped, as `print` drops it.
func writeStandardOutput(_ bytes: [UInt8]) {
    fflush(nil)
    writeAll(STDOUT_FILENO, bytes)
}

/// Prints a table and a line break, as `print(table.render())` would, at the
/// table's own width (unlimited unless set) and without colour.
func writeTable(_ table: TextTable) {
    var bytes = table.bytes()
    bytes.append(10)
    writeStandardOutput(bytes)
}

/// Prints a table fitted to the desk: its width, its colour, and a line
/// naming the columns left out to fit (in the desk's words).
func writeTable(_ table: TextTable, _ desk: Desk) {
    var fitted = table
    fitted.width = desk.width
    var (bytes, hidden) = fitted.rendering(colour: desk.colour)
    bytes.append(10)
    writeStandardOutput(bytes)
    if !hidden.isEmpty { desk.say(desk.words(.hiddenColumns(hidden))) }
}

/// Writes all of `bytes` to `fd`, again after a partial write or an
/// interruption; stops at the first error.
func writeAll(_ fd: Int32, _ bytes: [UInt8]) {
    var offset = 0
    while offset < bytes.count {
        let n = bytes.withUnsafeBytes { raw -> Int in
            guard let base = raw.baseAddress else { return -1 }
            return write(fd, base + offset, raw.count - offset)
        }
        if n < 0 && errno == EINTR { continue }
        if n <= 0 { return }
        offset += n
    }
}
