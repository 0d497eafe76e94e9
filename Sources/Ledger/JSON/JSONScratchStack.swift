/// A manually managed LIFO buffer used by `JSONByteScanner` so that each array or
/// object is materialised with exactly one allocation, by moving (not copying)
/// its elements out of the stack. The owner must call `deallocate()` exactly once.
struct JSONScratchStack<Element> {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = Swift.max(capacity, 1)
        base = UnsafeMutablePointer<Element>.allocate(capacity: self.capacity)
    }

    @inline(__always)
    mutating func push(_ element: consuming Element) {
        if count == capacity { grow() }
        (base + count).initialize(to: element)
        count &+= 1
    }

    /// Moves the elements from `start` to the top into a new array and pops them.
    @inline(__always)
    mutating func popArray(from start: Int) -> [Element] {
        let n = count &- start
        guard n > 0 else { return [] }
        let source = base + start
        count = start
        return [Element](unsafeUninitializedCapacity: n) { buffer, initialized in
            guard let destination = buffer.baseAddress else { return }
            destination.moveInitialize(from: source, count: n)
            initialized = n
        }
    }

    /// Destroys the elements from `start` to the top.
    mutating func removeAll(from start: Int) {
        (base + start).deinitialize(count: count &- start)
        count = start
    }

    private mutating func grow() {
        let newCapacity = capacity &* 2
        let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        newBase.moveInitialize(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    /// Destroys any remaining elements and frees the buffer.
    func deallocate() {
        base.deinitialize(count: count)
        base.deallocate()
    }
}
