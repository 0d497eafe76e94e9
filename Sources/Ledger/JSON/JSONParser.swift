/// Strict RFC 8259 parser for ledger JSON: integers only (±(2^53−1)), unique keys,
/// valid UTF-8, no BOM, no comments, no trailing commas.
///
/// Parses directly over bytes; strings without escapes are created straight from
/// the input bytes.
public enum JSONParser {
    /// Parses one JSON text occupying all of `bytes` (surrounding whitespace allowed).
    public static func parse(_ bytes: UnsafeRawBufferPointer, limits: JSONLimits = .init()) throws(JSONParseError) -> JSONValue {
        if bytes.count > limits.maxBytes {
            throw JSONParseError(reason: .tooLarge(limits.maxBytes), offset: limits.maxBytes)
        }
        guard let base = bytes.baseAddress, bytes.count > 0 else {
            throw JSONParseError(reason: .emptyInput, offset: 0)
        }
        let input = base.assumingMemoryBound(to: UInt8.self)
        // The scanner's scratch stacks start in stack memory; typical events never touch the heap for them.
        let result = withUnsafeTemporaryAllocation(of: JSONValue.self, capacity: 48) { elements in
            withUnsafeTemporaryAllocation(of: (key: String, value: JSONValue).self, capacity: 48) { members in
                withUnsafeTemporaryAllocation(of: JSONKeySpan.self, capacity: 48) { spans in
                    var scanner = JSONByteScanner(
                        base: input, count: bytes.count, maxDepth: limits.maxDepth,
                        elementStack: JSONScratchStack(initialStorage: elements),
                        memberStack: JSONScratchStack(initialStorage: members),
                        keySpanStack: JSONScratchStack(initialStorage: spans)
                    )
                    return Result { () throws(JSONParseError) -> JSONValue in try scanner.parseDocument() }
                }
            }
        }
        return try result.get()
    }

    /// Parses one JSON text from a byte array.
    public static func parse(_ bytes: [UInt8], limits: JSONLimits = .init()) throws(JSONParseError) -> JSONValue {
        let result: Result<JSONValue, JSONParseError> = bytes.withUnsafeBytes { raw in
            Result { () throws(JSONParseError) -> JSONValue in try parse(raw, limits: limits) }
        }
        return try result.get()
    }

    /// Parses one JSON text from a string's UTF-8.
    public static func parse(_ text: String, limits: JSONLimits = .init()) throws(JSONParseError) -> JSONValue {
        var text = text
        let result: Result<JSONValue, JSONParseError> = text.withUTF8 { buffer in
            Result { () throws(JSONParseError) -> JSONValue in
                try parse(UnsafeRawBufferPointer(buffer), limits: limits)
            }
        }
        return try result.get()
    }
}
