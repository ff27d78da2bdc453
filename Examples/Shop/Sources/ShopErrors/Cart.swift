import ErrgenRuntime

/// A shopping cart that checks orders against the stock, failing with the errors of `errors.yaml`.
public struct Cart: Sendable {
    public private(set) var lines: [String: Int] = [:]
    let stock: [String: Int]

    public init(stock: [String: Int]) {
        self.stock = stock
    }

    /// Adds `quantity` of `item`, or fails with the error the API answers with.
    public mutating func add(_ item: String, quantity: Int) throws(ShopError) {
        guard (1...99).contains(quantity) else { throw .quantityOutOfRange(maximum: 99) }
        guard let available = stock[item] else { throw .unknownItem(item: item) }
        let wanted = (lines[item] ?? 0) + quantity
        guard wanted <= available else { throw .outOfStock(item: item, available: available) }
        lines[item] = wanted
    }
}
