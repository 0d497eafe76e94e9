/// A LIFO buffer used by `JSONByteScanner` so that each array or object is
/// materialised with exactly one allocation, by moving (not copying) its
/// elements out of the stack. It starts in caller-provided (typically
/// stack-allocated) memory and moves to the heap if it outgrows it.
/// Promises: the elements still on it and the heap buffer it allocated are
/// destroyed and freed when it goes away, exactly once (it cannot be copied);
/// caller-provided storage is never freed here, and must outlive the stack.
struct JSONScratchStack<Element>: ~Copyable {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var count = 0
    private var capacity: Int
    /// Whether `base` was allocated here (and must be freed here).
    private var ownsBuffer: Bool

    private init(base: UnsafeMutablePointer<Element>, capacity: Int, ownsBuffer: Bool) {
        self.base = base
        self.capacity = capacity
        self.ownsBuffer = ownsBuffer
    }

    /// Starts with a heap buffer of `capacity` elements.
    init(capacity: Int) {
        let capacity = Swift.max(capacity, 1)
        self.init(base: .allocate(capacity: capacity), capacity: capacity, ownsBuffer: true)
    }

    /// Starts in `initialStorage` (uninitialized, outliving this stack), if it has room.
    init(initialStorage: UnsafeMutableBufferPointer<Element>) {
        if let storage = initialStorage.baseAddress, initialStorage.count > 0 {
            self.init(base: storage, capacity: initialStorage.count, ownsBuffer: false)
        } else {
            self.init(capacity: 16)
        }
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
        var result: [Element] = []
        result.reserveCapacity(n)
        var index = start
        while index < count {
            result.append((base + index).move())
            index &+= 1
        }
        count = start
        return result
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
        if ownsBuffer { base.deallocate() }
        base = newBase
        ownsBuffer = true
        capacity = newCapacity
    }

    deinit {
        base.deinitialize(count: count)
        if ownsBuffer { base.deallocate() }
    }
}
