import ErrgenRuntime
import HTTPTypes
import LanguageCatalogs
import Testing

/// A catalog in three languages (Tests/References/languages), compiled from its generated Swift:
/// messages by language tag, and responses in the language `Accept-Language` negotiates.
@Suite struct LanguageTests {
    static func request(_ method: HTTPRequest.Method = .get, accept: String? = nil, language: String?) -> HTTPRequest {
        var fields = HTTPFields()
        if let accept { fields[.accept] = accept }
        if let language { fields[.acceptLanguage] = language }
        return HTTPRequest(method: method, scheme: "https", authority: "shop.example", path: "/cart", headerFields: fields)
    }

    /// A client keeps what the server said: the response's language and its message as it came,
    /// in every format; the typed error is the same whatever the language.
    @Test(arguments: ["application/json", "application/problem+json", "application/xml", "text/plain"])
    func aClientKeepsTheLanguageAndTheMessageItReceived(_ accept: String) throws {
        let error = ShopError.outOfStock(available: 2, item: "Tee")
        let response = error.response(to: Self.request(accept: accept, language: "de"))
        let received = try ShopError.receive(response.head, body: response.body)
        #expect(received.error == .known(error))
        #expect(received.language == "de")
        #expect(received.message == "Nur noch 2 von Tee übrig." && received.receivedMessage == "Nur noch 2 von Tee übrig.")
        #expect(received.description == "OutOfStock (409): Nur noch 2 von Tee übrig.")
        // Without the body's message (a HEAD), a known error's message in the response's language.
        let head = error.response(to: Self.request(.head, accept: accept, language: "fr-CA"))
        let bare = try ShopError.receive(head.head, body: head.body)
        #expect(bare.receivedMessage == nil && bare.language == "fr-CA")
        #expect(try ShopError.decode(head.head, body: head.body) == bare.error)
        // The catalog-level reader says the same.
        let read = try ShopError.catalog.decode(response.head, body: response.body)
        #expect(read.message == "Nur noch 2 von Tee übrig." && read.language == "de" && read.index == 0)
    }

    @Test func decodedValuesPrintReadably() throws {
        #expect(NamedArgument(name: "item", value: .string("Tee")).description == "item: Tee")
        #expect(NamedArgument(name: "note", value: .absent).description == "note: (absent)")
        #expect(NamedArgument(name: "fields", value: .list([.string("name"), .string("e-mail")])).description == "fields: name, e-mail")
        let decoded: DecodedError<ShopError> = .known(.notFound)
        #expect(decoded.description == ShopError.notFound.description)
    }

    @Test func theCatalogKnowsItsLanguagesDefaultFirst() {
        #expect(ShopError.catalog.languages == ["en", "de", "fr-CA"])
    }

    @Test func messagesByLanguageTag() {
        let error = ShopError.outOfStock(available: 2, item: "Tee")
        #expect(error.message == "Only 2 of Tee left.")
        #expect(error.message(in: "en") == "Only 2 of Tee left.")
        #expect(error.message(in: "de") == "Nur noch 2 von Tee übrig.")
        #expect(error.message(in: "de-CH") == "Nur noch 2 von Tee übrig.")
        #expect(error.message(in: "FR-ca") == "Il ne reste que 2 Tee.")
        #expect(error.message(in: "fr") == "Il ne reste que 2 Tee.")
        #expect(error.message(in: "ja") == "Only 2 of Tee left.")
        // Literal braces stay literal in a translation.
        #expect(ShopError.notFound.message(in: "fr-CA") == "Aucun produit de ce nom « {ici} ».")
        // An error without a translation answers in the default language.
        #expect(ShopError.busy(seconds: 30).message(in: "de") == "Try again in 30 seconds.")
    }

    @Test func theResponseIsInTheNegotiatedLanguageAndSaysSo() {
        let response = ShopError.outOfStock(available: 2, item: "Tee").response(to: Self.request(language: "fr-CH, de;q=0.8"))
        #expect(response.head.headerFields[.contentLanguage] == "de")
        #expect(response.head.headerFields[.vary] == "Accept, Accept-Language")
        #expect(response.bodyText == #"{"code":"OutOfStock","message":"Nur noch 2 von Tee übrig.","details":{"available":2,"item":"Tee"}}"#)
        #expect(response.head.headerFields[.contentLength] == String(response.body.count))
    }

    @Test func problemDetailsCarryTheTranslatedTitleAndDetail() {
        let error = ShopError.outOfStock(available: 2, item: "Tee")
        let french = error.response(to: Self.request(accept: "application/problem+json", language: "fr-CA"))
        #expect(french.bodyText == #"{"type":"https://docs.example.com/shop#outofstock","title":"Rupture de stock","status":409,"detail":"Il ne reste que 2 Tee.","code":"OutOfStock","available":2,"item":"Tee"}"#)
        // No title in German: the message has placeholders, so the default language's title.
        let german = error.response(to: Self.request(accept: "application/problem+json", language: "de"))
        #expect(german.bodyText.contains(#""title":"Out of stock","status":409,"detail":"Nur noch 2 von Tee übrig.""#))
        // A message without placeholders is its own title, in every language.
        let notFound = ShopError.notFound.response(to: Self.request(accept: "application/problem+json", language: "de"))
        #expect(notFound.bodyText.contains(#""title":"Kein solches Produkt.","status":404,"detail":"Kein solches Produkt.""#))
    }

    @Test(arguments: [WireFormat.json, .problemJSON, .xml, .text])
    func everyFormatIsTranslated(_ format: WireFormat) {
        let body = ShopError.outOfStock(available: 1, item: "Hut").body(in: format, language: "de")
        #expect(body.contains("Nur noch 1 von Hut übrig."))
        #expect(!body.contains("Only"))
    }

    /// Where the error has no translation into the negotiated language, the body is in the
    /// default language and `Content-Language` says so.
    @Test func anUntranslatedErrorSaysItsBodyIsInTheDefaultLanguage() {
        let response = ShopError.busy(seconds: 30).response(to: Self.request(accept: "text/plain", language: "de"))
        #expect(response.bodyText == "Try again in 30 seconds.")
        #expect(response.head.headerFields[.contentLanguage] == "en")
        #expect(response.head.headerFields[.retryAfter] == "30")
    }

    @Test func headAnswersWithTheHeadersOfTheGetInTheSameLanguage() {
        let error = ShopError.outOfStock(available: 2, item: "Tee")
        let get = error.response(to: Self.request(language: "de"))
        let head = error.response(to: Self.request(.head, language: "de"))
        #expect(head.body.isEmpty)
        #expect(head.head.headerFields == get.head.headerFields)
    }

    /// The 406 (no format acceptable) is in the negotiated language too, and varies on both.
    @Test func notAcceptableIsInTheNegotiatedLanguage() {
        let response = ShopError.notFound.response(to: Self.request(accept: "application/pdf", language: "fr-CA"))
        #expect(response.head.status.code == 406)
        #expect(response.head.headerFields[.contentLanguage] == "fr-CA")
        #expect(response.head.headerFields[.vary] == "Accept, Accept-Language")
        #expect(response.bodyText.contains("Impossible de répondre dans le format demandé : None of the media types"))
    }

    @Test func withoutAcceptLanguageTheDefaultLanguageAnswers() {
        let response = ShopError.notFound.response(to: Self.request(language: nil))
        #expect(response.head.headerFields[.contentLanguage] == "en")
        #expect(response.bodyText.contains("No such product."))
    }

    @Test func aCatalogOfOneLanguageSendsNoContentLanguage() {
        let response = RAWSErrorProbe.response
        #expect(response.head.headerFields[.contentLanguage] == nil)
        #expect(!(response.head.headerFields[.vary] ?? "").contains("Accept-Language"))
    }
}

import Generated

enum RAWSErrorProbe {
    static var response: ErrorResponse {
        RAWSError.noSuchUser(reason: "r").response(to: LanguageTests.request(language: "de"))
    }
}
