/// Hands a value that is not `Sendable` to one other thread, which alone uses it meanwhile.
public final class UncheckedBox<T>: @unchecked Sendable {
    public let value: T
    public init(_ value: T) { self.value = value }
}
