/// The wire texts of dates and instants written straight into a byte buffer:
/// the export and the hashed canonical form write two instants and often a
/// date per event, and building a `String` for each (as `description` used
/// to) was a tenth of an import's time. Promises: the bytes equal the UTF-8
/// of `description`, which is defined by them.
extension LocalDate {
    /// Appends `YYYY-MM-DD`.
    public func appendWireText(to bytes: inout [UInt8]) {
        let (y, m, d) = components
        if (0...9999).contains(y) {
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 10) { text in
                LocalDate.writeWireText(y, m, d, into: text)
                bytes.append(contentsOf: text)
            }
            return
        }
        LocalDate.appendPadded(y, 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        LocalDate.appendPadded(m, 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        LocalDate.appendPadded(d, 2, to: &bytes)
    }

    /// Writes the ten bytes `YYYY-MM-DD` of a date of the years 0 to 9999.
    static func writeWireText(_ y: Int, _ m: Int, _ d: Int, into text: UnsafeMutableBufferPointer<UInt8>) {
        func digit(_ v: Int) -> UInt8 { UInt8(truncatingIfNeeded: v) &+ 48 }
        text[0] = digit(y / 1000); text[1] = digit(y / 100 % 10); text[2] = digit(y / 10 % 10); text[3] = digit(y % 10)
        text[4] = UInt8(ascii: "-")
        text[5] = digit(m / 10); text[6] = digit(m % 10)
        text[7] = UInt8(ascii: "-")
        text[8] = digit(d / 10); text[9] = digit(d % 10)
    }

    /// Appends the decimal digits of `v`, zero-padded on the left to `width` (as `pad`).
    static func appendPadded(_ v: Int, _ width: Int, to bytes: inout [UInt8]) {
        guard v >= 0 else {
            bytes.append(contentsOf: pad(v, width).utf8)
            return
        }
        DecimalDigits.append(UInt64(v), width: width, to: &bytes)
    }
}

extension Timestamp {
    /// Appends the RFC 3339 text: date, `T`, time, the fraction as given, then `Z` or the offset.
    public func appendWireText(to bytes: inout [UInt8]) {
        let localSeconds = epochSeconds + Int64(offsetMinutes ?? 0) * 60
        let days = localSeconds >= 0 ? localSeconds / 86_400 : (localSeconds - 86_399) / 86_400
        let secondOfDay = Int(localSeconds - days * 86_400)
        LocalDate(daysSinceEpoch: Int32(truncatingIfNeeded: days)).appendWireText(to: &bytes)
        bytes.append(UInt8(ascii: "T"))
        LocalDate.appendPadded(secondOfDay / 3600, 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        LocalDate.appendPadded(secondOfDay / 60 % 60, 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        LocalDate.appendPadded(secondOfDay % 60, 2, to: &bytes)
        if fractionDigits > 0 {
            bytes.append(UInt8(ascii: "."))
            LocalDate.appendPadded(Int(fraction), Int(fractionDigits), to: &bytes)
        }
        if let offset = offsetMinutes {
            let magnitude = Int(abs(Int(offset)))
            bytes.append(offset < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
            LocalDate.appendPadded(magnitude / 60, 2, to: &bytes)
            bytes.append(UInt8(ascii: ":"))
            LocalDate.appendPadded(magnitude % 60, 2, to: &bytes)
        } else {
            bytes.append(UInt8(ascii: "Z"))
        }
    }
}

extension ChainHash {
    /// Appends the 64 lowercase hex digits.
    public func appendHex(to bytes: inout [UInt8]) {
        ChainHash.appendHex(a, &bytes)
        ChainHash.appendHex(b, &bytes)
        ChainHash.appendHex(c, &bytes)
        ChainHash.appendHex(d, &bytes)
    }

    private static func appendHex(_ word: UInt64, _ bytes: inout [UInt8]) {
        var shift: UInt64 = 60
        while true {
            bytes.append(CanonicalJSONWriter.lowerHexDigit(UInt8(truncatingIfNeeded: word >> shift) & 0x0F))
            if shift == 0 { break }
            shift -= 4
        }
    }
}
