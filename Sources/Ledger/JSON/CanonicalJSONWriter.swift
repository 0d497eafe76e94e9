/// Writes RFC 8785 (JSON Canonicalization Scheme) text for ledger values.
///
/// Object members are sorted by the UTF-16 code units of their keys; there is no
/// white space; strings are escaped exactly as ECMAScript `JSON.stringify` does
/// (`\"` `\\` `\b` `\f` `\n` `\r` `\t`, other C0 controls as lowercase `\u00xx`,
/// everything else — non-ASCII, DEL, U+2028 — literally as UTF-8); integers are
/// plain decimal. Integers are written as given: keep them within ±(2^53−1)
/// (as `JSONParser` guarantees) for the output to be valid JCS.
///
/// Besides `write(_:)`, streaming primitives let hot paths emit objects whose keys
/// the caller already produces in canonical order (see `canonicalKeyOrder`).
/// Commas are inserted automatically, also in nested containers.
public struct CanonicalJSONWriter: Sendable {
    /// The text written so far (UTF-8).
    public private(set) var bytes: [UInt8]
    /// One entry per open container: whether it already has an element.
    private var containerHasElement: [Bool]
    /// A key was just written, so the next value needs no comma.
    private var afterKey = false

    /// Creates an empty writer.
    public init(reservingCapacity: Int = 512) {
        bytes = []
        bytes.reserveCapacity(reservingCapacity)
        containerHasElement = []
        containerHasElement.reserveCapacity(8)
    }

    /// The canonical text of `value`.
    public static func encode(_ value: JSONValue) -> [UInt8] {
        var writer = CanonicalJSONWriter()
        writer.write(value)
        return writer.bytes
    }

    /// Clears the output and the container stack, keeping capacity.
    public mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        containerHasElement.removeAll(keepingCapacity: true)
        afterKey = false
    }

    /// Writes `value` as the next value (object keys are sorted here).
    public mutating func write(_ value: JSONValue) {
        beforeValue()
        writeValue(value)
    }

    // MARK: Streaming primitives

    /// Opens an object as the next value.
    public mutating func beginObject() {
        beforeValue()
        bytes.append(UInt8(ascii: "{"))
        containerHasElement.append(false)
    }

    /// Closes the innermost object.
    public mutating func endObject() {
        if !containerHasElement.isEmpty { containerHasElement.removeLast() }
        afterKey = false
        bytes.append(UInt8(ascii: "}"))
    }

    /// Opens an array as the next value.
    public mutating func beginArray() {
        beforeValue()
        bytes.append(UInt8(ascii: "["))
        containerHasElement.append(false)
    }

    /// Closes the innermost array.
    public mutating func endArray() {
        if !containerHasElement.isEmpty { containerHasElement.removeLast() }
        afterKey = false
        bytes.append(UInt8(ascii: "]"))
    }

    /// Writes the comma when needed, the quoted key and `:`; call inside `beginObject()`,
    /// followed by exactly one value. The caller is responsible for emitting keys in
    /// `canonicalKeyOrder` and for not repeating a key (neither is checked here).
    public mutating func key(_ k: String) {
        beforeValue()
        appendQuoted(k)
        bytes.append(UInt8(ascii: ":"))
        afterKey = true
    }

    /// Writes a string value.
    public mutating func string(_ s: String) {
        beforeValue()
        appendQuoted(s)
    }

    /// Writes a key known to need no escaping (a Swift literal of plain ASCII), without scanning it.
    public mutating func plainKey(_ k: StaticString) {
        beforeValue()
        bytes.append(UInt8(ascii: "\""))
        k.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        afterKey = true
    }

    /// Writes a string value whose bytes `body` appends; they must need no
    /// escaping (digits, dates, hex, base64), as nothing checks them.
    public mutating func plainString(_ body: (inout [UInt8]) -> Void) {
        beforeValue()
        bytes.append(UInt8(ascii: "\""))
        body(&bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    /// Writes an integer value in plain decimal.
    public mutating func int(_ i: Int64) {
        beforeValue()
        appendInt(i)
    }

    /// Writes `true` or `false`.
    public mutating func bool(_ b: Bool) {
        beforeValue()
        appendBool(b)
    }

    /// Writes `null`.
    public mutating func null() {
        beforeValue()
        appendNull()
    }

    /// Writes already-canonical JSON bytes as the next value (comma handled, content not checked).
    public mutating func raw(_ bytes: some Sequence<UInt8>) {
        beforeValue()
        self.bytes.append(contentsOf: bytes)
    }

    // MARK: Internals

    @inline(__always)
    private mutating func beforeValue() {
        if afterKey {
            afterKey = false
            return
        }
        let top = containerHasElement.count &- 1
        guard top >= 0 else { return }
        if containerHasElement[top] {
            bytes.append(UInt8(ascii: ","))
        } else {
            containerHasElement[top] = true
        }
    }

    private mutating func writeValue(_ value: JSONValue) {
        switch value {
        case .null: appendNull()
        case .bool(let b): appendBool(b)
        case .int(let i): appendInt(i)
        case .string(let s): appendQuoted(s)
        case .array(let elements):
            bytes.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                writeValue(element)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let object):
            writeMembers(object.members)
        }
    }

    /// Writes an object's members in canonical key order, sorting small
    /// (key prefix, index) entries rather than the members themselves.
    private mutating func writeMembers(_ members: [(key: String, value: JSONValue)]) {
        bytes.append(UInt8(ascii: "{"))
        let count = members.count
        if count < 2 {
            if let only = members.first { writeMember(only, first: true) }
        } else {
            withUnsafeTemporaryAllocation(of: JSONCanonicalSortEntry.self, capacity: count) { entries in
                for index in 0..<count {
                    entries.initializeElement(
                        at: index, to: JSONCanonicalSortEntry(prefix: Self.sortPrefix(members[index].key), index: index))
                }
                Self.sortEntries(entries, members: members)
                for position in 0..<count {
                    writeMember(members[entries[position].index], first: position == 0)
                }
            }
        }
        bytes.append(UInt8(ascii: "}"))
    }

    @inline(__always)
    private mutating func writeMember(_ member: (key: String, value: JSONValue), first: Bool) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        appendQuoted(member.key)
        bytes.append(UInt8(ascii: ":"))
        writeValue(member.value)
    }

    private mutating func appendNull() {
        bytes.append(contentsOf: [UInt8(ascii: "n"), UInt8(ascii: "u"), UInt8(ascii: "l"), UInt8(ascii: "l")])
    }

    private mutating func appendBool(_ b: Bool) {
        if b {
            bytes.append(contentsOf: [UInt8(ascii: "t"), UInt8(ascii: "r"), UInt8(ascii: "u"), UInt8(ascii: "e")])
        } else {
            bytes.append(contentsOf: [
                UInt8(ascii: "f"), UInt8(ascii: "a"), UInt8(ascii: "l"), UInt8(ascii: "s"), UInt8(ascii: "e"),
            ])
        }
    }

    private mutating func appendInt(_ value: Int64) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var index = 20
            repeat {
                index &-= 1
                digits[index] = UInt8(truncatingIfNeeded: magnitude % 10) &+ UInt8(ascii: "0")
                magnitude /= 10
            } while magnitude != 0
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[index..<20]))
        }
    }

    private mutating func appendQuoted(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        let done: Void? = s.utf8.withContiguousStorageIfAvailable { appendEscaped($0) }
        if done == nil {
            Array(s.utf8).withUnsafeBufferPointer { appendEscaped($0) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends UTF-8 with JSON.stringify escaping, copying unescaped runs in bulk.
    private mutating func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        guard let start = utf8.baseAddress else { return }
        let count = utf8.count
        var runStart = 0
        while true {
            let special = Self.nextByteToEscape(start, from: runStart, count: count)
            if special > runStart {
                bytes.append(contentsOf: UnsafeBufferPointer(start: start + runStart, count: special &- runStart))
            }
            if special == count { return }
            appendEscape(start[special])
            runStart = special &+ 1
        }
    }

    /// Index of the first byte at or after `index` that must be escaped (`"`, `\\`, < 0x20), or `count`.
    @inline(__always)
    private static func nextByteToEscape(_ bytes: UnsafePointer<UInt8>, from index: Int, count: Int) -> Int {
        var index = index
        while index &+ 8 <= count {
            let word = UInt64(littleEndian: UnsafeRawPointer(bytes + index).loadUnaligned(as: UInt64.self))
            let ones: UInt64 = 0x0101_0101_0101_0101
            let quote = word ^ (ones &* 0x22)
            let backslash = word ^ (ones &* 0x5C)
            // Lowest flagged byte is exact (borrows only propagate upwards).
            let mask = ((quote &- ones) & ~quote | (backslash &- ones) & ~backslash | (word &- ones &* 0x20) & ~word)
                & 0x8080_8080_8080_8080
            if mask != 0 { return index &+ (mask.trailingZeroBitCount &>> 3) }
            index &+= 8
        }
        while index < count {
            let b = bytes[index]
            if b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") { return index }
            index &+= 1
        }
        return count
    }

    private mutating func appendEscape(_ b: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch b {
        case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\"))
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        default:
            bytes.append(contentsOf: [
                UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                Self.lowerHexDigit(b >> 4), Self.lowerHexDigit(b & 0x0F),
            ])
        }
    }

    @inline(__always)
    static func lowerHexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? nibble &+ UInt8(ascii: "0") : nibble &+ (UInt8(ascii: "a") &- 10)
    }
}
