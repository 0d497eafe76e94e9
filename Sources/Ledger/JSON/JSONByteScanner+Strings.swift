/// String scanning: an 8-bytes-at-a-time fast path for plain ASCII, UTF-8
/// validation for non-ASCII, and a slower path only for strings with escapes.
extension JSONByteScanner {
    /// A mask whose lowest set bit is the high bit of the first byte of `word`
    /// (little-endian) that is a quote, a backslash, < 0x20 or >= 0x80; 0 if none.
    /// Higher bits may be false positives (borrows), the lowest one is exact.
    @inline(__always)
    static func attentionMask(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let hasQuote = (quote &- ones) & ~quote
        let hasBackslash = (backslash &- ones) & ~backslash
        let hasControl = (word &- ones &* 0x20) & ~word
        return (hasQuote | hasBackslash | hasControl | word) & highs
    }

    /// Parses a string whose opening quote is at `pos`; leaves `pos` after the closing quote.
    mutating func parseString() throws(JSONParseError) -> String {
        pos &+= 1
        let start = pos
        while true {
            // Skip plain ASCII 8 bytes at a time, landing exactly on the first special byte.
            while pos &+ 8 <= count {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + pos).loadUnaligned(as: UInt64.self))
                let mask = Self.attentionMask(word)
                if mask != 0 {
                    pos &+= mask.trailingZeroBitCount &>> 3
                    break
                }
                pos &+= 8
            }
            while pos < count {
                let b = base[pos]
                guard b >= 0x20 && b < 0x80 && b != UInt8(ascii: "\"") && b != UInt8(ascii: "\\") else { break }
                pos &+= 1
            }
            guard pos < count else { throw unexpectedEnd(expected: "'\"' to close a string") }
            let b = base[pos]
            if b == UInt8(ascii: "\"") {
                let s = String(decoding: UnsafeBufferPointer(start: base + start, count: pos &- start), as: UTF8.self)
                pos &+= 1
                lastStringHadEscapes = false
                return s
            }
            if b == UInt8(ascii: "\\") { return try parseEscapedString(from: start) }
            if b < 0x20 { throw JSONParseError(reason: .controlCharacterInString, offset: pos) }
            let length = utf8SequenceLength(at: pos)
            guard length > 0 else { throw JSONParseError(reason: .invalidUTF8, offset: pos) }
            pos &+= length
        }
    }

    /// Continues a string at its first backslash, decoding into `scratch`.
    private mutating func parseEscapedString(from start: Int) throws(JSONParseError) -> String {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(start: base + start, count: pos &- start))
        while true {
            guard pos < count else { throw unexpectedEnd(expected: "'\"' to close a string") }
            let b = base[pos]
            switch b {
            case UInt8(ascii: "\""):
                pos &+= 1
                lastStringHadEscapes = true
                return String(decoding: scratch, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try decodeEscape()
            case 0..<0x20:
                throw JSONParseError(reason: .controlCharacterInString, offset: pos)
            case 0x80...:
                let length = utf8SequenceLength(at: pos)
                guard length > 0 else { throw JSONParseError(reason: .invalidUTF8, offset: pos) }
                scratch.append(contentsOf: UnsafeBufferPointer(start: base + pos, count: length))
                pos &+= length
            default:
                scratch.append(b)
                pos &+= 1
            }
        }
    }

    /// Decodes the escape whose backslash is at `pos` into `scratch`.
    private mutating func decodeEscape() throws(JSONParseError) {
        let escape = pos
        guard pos &+ 1 < count else { throw unexpectedEnd(expected: "an escape character after '\\'") }
        let c = base[pos &+ 1]
        pos &+= 2
        switch c {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(c)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            let unit = try readHex4(escapeAt: escape)
            var scalar = UInt32(unit)
            if unit >= 0xDC00 && unit <= 0xDFFF {
                throw JSONParseError(reason: .loneSurrogate, offset: escape)
            }
            if unit >= 0xD800 && unit <= 0xDBFF {
                let second = pos
                guard pos &+ 1 < count, base[pos] == UInt8(ascii: "\\"), base[pos &+ 1] == UInt8(ascii: "u") else {
                    throw JSONParseError(reason: .loneSurrogate, offset: escape)
                }
                pos &+= 2
                let low = try readHex4(escapeAt: second)
                guard low >= 0xDC00 && low <= 0xDFFF else {
                    throw JSONParseError(reason: .loneSurrogate, offset: escape)
                }
                scalar = 0x10000 &+ ((UInt32(unit) &- 0xD800) << 10) &+ (UInt32(low) &- 0xDC00)
            }
            appendUTF8(scalar)
        default:
            throw JSONParseError(reason: .invalidEscape, offset: escape)
        }
    }

    /// Reads four hex digits at `pos` (just after `\u`).
    private mutating func readHex4(escapeAt escape: Int) throws(JSONParseError) -> UInt16 {
        var value: UInt16 = 0
        for _ in 0..<4 {
            guard pos < count else { throw unexpectedEnd(expected: "four hex digits after '\\u'") }
            let b = base[pos]
            let digit: UInt8
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = b &- UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = b &- UInt8(ascii: "a") &+ 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = b &- UInt8(ascii: "A") &+ 10
            default: throw JSONParseError(reason: .invalidEscape, offset: escape)
            }
            value = value << 4 | UInt16(digit)
            pos &+= 1
        }
        return value
    }

    private mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case 0..<0x80:
            scratch.append(UInt8(scalar))
        case 0x80..<0x800:
            scratch.append(UInt8(0xC0 | (scalar >> 6)))
            scratch.append(UInt8(0x80 | (scalar & 0x3F)))
        case 0x800..<0x10000:
            scratch.append(UInt8(0xE0 | (scalar >> 12)))
            scratch.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            scratch.append(UInt8(0x80 | (scalar & 0x3F)))
        default:
            scratch.append(UInt8(0xF0 | (scalar >> 18)))
            scratch.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
            scratch.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            scratch.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }

    /// Length of the well-formed UTF-8 sequence starting at `offset` (a byte >= 0x80),
    /// or 0 if it is malformed (Unicode Table 3-7: no overlongs, surrogates or > U+10FFFF).
    func utf8SequenceLength(at offset: Int) -> Int {
        let b0 = base[offset]
        @inline(__always) func byte(_ i: Int, in range: ClosedRange<UInt8>) -> Bool {
            offset &+ i < count && range.contains(base[offset &+ i])
        }
        switch b0 {
        case 0xC2...0xDF:
            return byte(1, in: 0x80...0xBF) ? 2 : 0
        case 0xE0...0xEF:
            let second: ClosedRange<UInt8> = b0 == 0xE0 ? 0xA0...0xBF : (b0 == 0xED ? 0x80...0x9F : 0x80...0xBF)
            return byte(1, in: second) && byte(2, in: 0x80...0xBF) ? 3 : 0
        case 0xF0...0xF4:
            let second: ClosedRange<UInt8> = b0 == 0xF0 ? 0x90...0xBF : (b0 == 0xF4 ? 0x80...0x8F : 0x80...0xBF)
            return byte(1, in: second) && byte(2, in: 0x80...0xBF) && byte(3, in: 0x80...0xBF) ? 4 : 0
        default:
            return 0
        }
    }
}
