import ErrgenRuntime
import Foundation
import HTTPTypes
import ShopErrors
import Testing

@Suite struct CartTests {
    @Test func ordersWithinTheStockAreAccepted() throws {
        var cart = Cart(stock: ["SKU-1": 3])
        try cart.add("SKU-1", quantity: 2)
        #expect(cart.lines == ["SKU-1": 2])
    }

    @Test func aShortageIsTheSpecsOutOfStockError() {
        var cart = Cart(stock: ["SKU-1": 3])
        #expect(throws: ShopError.outOfStock(item: "SKU-1", available: 3)) { try cart.add("SKU-1", quantity: 4) }
        do {
            try cart.add("SKU-2", quantity: 1)
            Issue.record("no error")
        } catch let error where error.code == .unknownItem {
        } catch {
            Issue.record("wrong error: \(error)")
        }
    }

    @Test func errorsAnswerAsTheSpecSays() throws {
        let error = ShopError.outOfStock(item: "SKU-1", available: 3)
        #expect(error.status == 409)
        #expect(error.message == "Only 3 of SKU-1 left.")
        #expect(error.available == 3)
        let request = HTTPRequest(method: .get, scheme: "https", authority: "shop.example.com", path: "/cart")
        let response = error.response(to: request)
        #expect(response.head.headerFields[.contentType] == "application/problem+json")
        let body = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
        #expect(body["type"] as? String == "https://shop.example.com/docs/ShopErrors/shop.html#outofstock")
        #expect(body["title"] as? String == "Out of stock")
        #expect(body["available"] as? Int == 3)
        let retry = ShopError.tooManyRequests(seconds: 30).response(to: request)
        #expect(retry.head.headerFields[.retryAfter] == "30")
    }
}
