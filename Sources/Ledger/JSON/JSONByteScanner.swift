/// The recursive-descent scanner behind `JSONParser`: structure, literals and integers.
/// Strings live in `JSONByteScanner+Strings.swift`. It owns its scratch stacks
/// (they are freed with it), so it cannot be copied.
struct JSONByteScanner: ~Copyable {
    let base: UnsafePointer<UInt8>
    let count: Int
    let maxDepth: Int
    var pos: Int = 0
    /// Reused buffer for strings that contain escapes.
    var scratch: [UInt8] = []
    /// Elements of the arrays being parsed (innermost on top).
    var elementStack: JSONScratchStack<JSONValue>
    /// Members of the objects being parsed (innermost on top).
    var memberStack: JSONScratchStack<(key: String, value: JSONValue)>
    /// Where each key in `memberStack` lies in the input, for cheap duplicate checks.
    var keySpanStack: JSONScratchStack<JSONKeySpan>
    /// Set by `parseString()`: whether the string just parsed contained escapes.
    var lastStringHadEscapes = false

    /// Largest integer magnitude the ledger accepts: 2^53 − 1.
    static let maxMagnitude: UInt64 = 9_007_199_254_740_991

    init(
        base: UnsafePointer<UInt8>, count: Int, maxDepth: Int,
        elementStack: consuming JSONScratchStack<JSONValue>,
        memberStack: consuming JSONScratchStack<(key: String, value: JSONValue)>,
        keySpanStack: consuming JSONScratchStack<JSONKeySpan>
    ) {
        self.base = base
        self.count = count
        self.maxDepth = maxDepth
        self.elementStack = elementStack
        self.memberStack = memberStack
        self.keySpanStack = keySpanStack
    }

    mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        guard pos < count else { throw JSONParseError(reason: .emptyInput, offset: pos) }
        let value = try parseValue(depth: 0)
        skipWhitespace()
        if pos < count {
            if base[pos] >= 0x80 && utf8SequenceLength(at: pos) == 0 {
                throw JSONParseError(reason: .invalidUTF8, offset: pos)
            }
            throw JSONParseError(reason: .trailingContent, offset: pos)
        }
        return value
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while pos < count {
            let b = base[pos]
            guard b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 else { return }
            pos &+= 1
        }
    }

    /// An error for the byte at `offset`: `.invalidUTF8` if it starts malformed UTF-8,
    /// else `.unexpectedCharacter`.
    func unexpected(at offset: Int, expected: String) -> JSONParseError {
        let b = base[offset]
        if b >= 0x80 && utf8SequenceLength(at: offset) == 0 {
            return JSONParseError(reason: .invalidUTF8, offset: offset)
        }
        return JSONParseError(reason: .unexpectedCharacter(b), offset: offset, expected: expected)
    }

    func unexpectedEnd(expected: String) -> JSONParseError {
        JSONParseError(reason: .unexpectedEnd, offset: count, expected: expected)
    }

    mutating func parseValue(depth: Int) throws(JSONParseError) -> JSONValue {
        guard pos < count else { throw unexpectedEnd(expected: "a value") }
        switch base[pos] {
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "{"): return try parseObject(depth: depth &+ 1)
        case UInt8(ascii: "["): return try parseArray(depth: depth &+ 1)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .int(try parseInteger())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        default: throw unexpected(at: pos, expected: "a value")
        }
    }

    mutating func parseArray(depth: Int) throws(JSONParseError) -> JSONValue {
        if depth > maxDepth { throw JSONParseError(reason: .tooDeep(maxDepth), offset: pos) }
        pos &+= 1  // '['
        skipWhitespace()
        guard pos < count else { throw unexpectedEnd(expected: "a value or ']'") }
        if base[pos] == UInt8(ascii: "]") {
            pos &+= 1
            return .array([])
        }
        let start = elementStack.count
        while true {
            elementStack.push(try parseValue(depth: depth))
            skipWhitespace()
            guard pos < count else { throw unexpectedEnd(expected: "',' or ']' in an array") }
            switch base[pos] {
            case UInt8(ascii: ","):
                pos &+= 1
                skipWhitespace()
            case UInt8(ascii: "]"):
                pos &+= 1
                return .array(elementStack.popArray(from: start))
            default:
                throw unexpected(at: pos, expected: "',' or ']' in an array")
            }
        }
    }

    mutating func parseObject(depth: Int) throws(JSONParseError) -> JSONValue {
        if depth > maxDepth { throw JSONParseError(reason: .tooDeep(maxDepth), offset: pos) }
        pos &+= 1  // '{'
        skipWhitespace()
        guard pos < count else { throw unexpectedEnd(expected: "a string key or '}'") }
        if base[pos] == UInt8(ascii: "}") {
            pos &+= 1
            return .object(JSONObject())
        }
        let start = memberStack.count
        var seen: Set<String>? = nil  // only for unusually large objects
        var bloom: UInt64 = 0  // one bit per key hash; a hit triggers the exact check
        while true {
            guard pos < count else { throw unexpectedEnd(expected: "a string key") }
            guard base[pos] == UInt8(ascii: "\"") else {
                throw unexpected(at: pos, expected: "a string key")
            }
            let keyOffset = pos
            let key = try parseString()
            let span = keySpan(contentStart: keyOffset &+ 1, contentEnd: pos &- 1)
            let bit: UInt64 = 1 &<< (span.fingerprint &>> 58)
            if bloom & bit != 0 || memberStack.count &- start >= 32 {
                guard isUnique(key, span, membersFrom: start, seen: &seen) else {
                    throw JSONParseError(reason: .duplicateKey(key), offset: keyOffset)
                }
            }
            bloom |= bit
            skipWhitespace()
            guard pos < count else { throw unexpectedEnd(expected: "':' after an object key") }
            guard base[pos] == UInt8(ascii: ":") else {
                throw unexpected(at: pos, expected: "':' after an object key")
            }
            pos &+= 1
            skipWhitespace()
            let value = try parseValue(depth: depth)
            memberStack.push((key: key, value: value))
            keySpanStack.push(span)
            skipWhitespace()
            guard pos < count else { throw unexpectedEnd(expected: "',' or '}' in an object") }
            switch base[pos] {
            case UInt8(ascii: ","):
                pos &+= 1
                skipWhitespace()
            case UInt8(ascii: "}"):
                pos &+= 1
                keySpanStack.removeAll(from: start)
                return .object(JSONObject(memberStack.popArray(from: start)))
            default:
                throw unexpected(at: pos, expected: "',' or '}' in an object")
            }
        }
    }

    mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        let bytes = literal.utf8Start
        for i in 0..<literal.utf8CodeUnitCount {
            guard pos < count else { throw unexpectedEnd(expected: "'\(literal)'") }
            guard base[pos] == bytes[i] else { throw unexpected(at: pos, expected: "'\(literal)'") }
            pos &+= 1
        }
    }

    /// `-?(0|[1-9][0-9]*)`; a fraction or exponent is `.floatingPointNumber`.
    mutating func parseInteger() throws(JSONParseError) -> Int64 {
        let start = pos
        var negative = false
        if base[pos] == UInt8(ascii: "-") {
            negative = true
            pos &+= 1
            guard pos < count else { throw unexpectedEnd(expected: "a digit after '-'") }
        }
        let firstDigit = pos
        var magnitude: UInt64 = 0
        while pos < count {
            let digit = base[pos] &- UInt8(ascii: "0")
            guard digit <= 9 else { break }
            // Stops growing once past the limit, so it cannot overflow.
            if magnitude <= Self.maxMagnitude { magnitude = magnitude &* 10 &+ UInt64(digit) }
            pos &+= 1
        }
        if pos == firstDigit { throw unexpected(at: pos, expected: "a digit after '-'") }
        if base[firstDigit] == UInt8(ascii: "0") && pos &- firstDigit > 1 {
            throw JSONParseError(reason: .leadingZero, offset: start)
        }
        if pos < count {
            let b = base[pos]
            if b == UInt8(ascii: ".") || b == UInt8(ascii: "e") || b == UInt8(ascii: "E") {
                throw JSONParseError(reason: .floatingPointNumber, offset: start)
            }
        }
        guard magnitude <= Self.maxMagnitude else {
            throw JSONParseError(reason: .numberOutOfRange, offset: start)
        }
        let value = Int64(magnitude)
        return negative ? -value : value
    }
}
