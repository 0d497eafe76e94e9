import SystemCrypto

extension LedgerError {
    /// A failure of the system's crypto library as the ledger reports it:
    /// bytes of the wrong length for a key are a damaged vault or file (exit
    /// 65); the library failing is a fault of this computer (exit 74).
    init(_ error: CryptoError) {
        switch error {
        case .libraryFailure: self = .io(error.description)
        case .wrongLength, .invalidKey: self = .corrupted(error.description)
        }
    }

    /// An AES-256-GCM key from 32 raw bytes (a case key, the master key).
    static func sealingKey(_ raw: UnsafeRawBufferPointer) throws(LedgerError) -> AES256GCMKey {
        do { return try AES256GCMKey(bytes: raw) } catch { throw LedgerError(error) }
    }

    /// An AES-256-GCM key from 32 raw bytes (a case key, the master key).
    static func sealingKey(_ raw: [UInt8]) throws(LedgerError) -> AES256GCMKey {
        do { return try AES256GCMKey(bytes: raw) } catch { throw LedgerError(error) }
    }
}
