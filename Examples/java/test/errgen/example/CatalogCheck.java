package errgen.example;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Exercises the Java that errgen renders from spec/errors.yaml with the templates in
 * Examples/java/templates: real values of the spec, every wire code's round trip, and
 * placeholders filled in. Run by Examples/java/run; exits with status 1 on the first failure.
 */
public final class CatalogCheck {
    private static int passed = 0;

    private CatalogCheck() {
    }

    static void check(boolean condition, String what) {
        if (!condition) {
            System.err.println("CatalogCheck failed: " + what);
            System.exit(1);
        }
        passed += 1;
    }

    static void equal(Object actual, Object expected, String what) {
        check(expected.equals(actual), what + ": expected <" + expected + ">, got <" + actual + ">");
    }

    public static void main(String[] args) {
        // Real values of the spec.
        RAWSError noSuchUser = RAWSError.fromCode("NoSuchUser").orElseThrow();
        equal(noSuchUser, RAWSError.NO_SUCH_USER, "NoSuchUser's constant");
        equal(noSuchUser.status(), 404, "NoSuchUser's status");
        equal(noSuchUser.reasonPhrase(), "Not Found", "NoSuchUser's reason phrase");
        equal(noSuchUser.messageTemplate(), "The specified user does not exist.", "NoSuchUser's message");
        equal(noSuchUser.title(), "The specified user does not exist.", "NoSuchUser's title");
        equal(noSuchUser.parameters(), List.of(new ErrorCatalogs.Parameter("reason", "string")), "NoSuchUser's parameters");
        equal(noSuchUser.catalog(), "RAWS", "NoSuchUser's catalog");

        // RAWS sends the wire code with its typo; the constant takes the Swift name, spelled right.
        RAWSError notAcceptable = RAWSError.fromCode("ResponsetTypeNotAcceptable").orElseThrow();
        equal(notAcceptable, RAWSError.RESPONSE_TYPE_NOT_ACCEPTABLE, "ResponsetTypeNotAcceptable's constant");
        equal(notAcceptable.status(), 406, "ResponsetTypeNotAcceptable's status");
        equal(notAcceptable.code(), "ResponsetTypeNotAcceptable", "the wire code keeps its typo");
        check(RAWSError.fromCode("ResponseTypeNotAcceptable").isEmpty(), "the corrected spelling is no wire code");
        check(RAWSError.fromCode("nosuchuser").isEmpty(), "wire codes are case-sensitive");

        RAWSError credentials = RAWSError.INVALID_CREDENTIALS;
        equal(credentials.status(), 401, "InvalidCredentials' status");
        equal(credentials.parameters(),
            List.of(new ErrorCatalogs.Parameter("realm", "string"), new ErrorCatalogs.Parameter("reason", "string")),
            "an error's own parameters come before its catalog's");

        // The catalogs.
        equal(RAWSError.values().length, 24, "RAWS's errors");
        equal(RestAuthError.values().length, 7, "RestAuth's errors");
        equal(RAWSError.catalogName(), "RAWS", "RAWS's name");
        equal(RAWSError.catalogTitle(), "RAWS error responses", "RAWS's title");
        equal(RAWSError.formats(), List.of("xml"), "RAWS's formats");
        equal(RestAuthError.formats(), List.of("text", "json"), "RestAuth's formats");
        equal(ErrorCatalogs.all().size(), 2, "the catalogs");

        // Every constant's wire code leads back to it, and codes are unique.
        for (List<? extends ErrorCatalogs.CatalogError> catalog : ErrorCatalogs.all()) {
            Set<String> codes = new HashSet<>();
            for (ErrorCatalogs.CatalogError error : catalog) {
                check(codes.add(error.code()), "the wire code " + error.code() + " is unique");
                equal(ErrorCatalogs.find(error.catalog(), error.code()).orElseThrow(), error, "find " + error.code());
                check(error.status() >= 400 && error.status() <= 599, error.code() + " has an error status");
            }
        }
        for (RAWSError error : RAWSError.values()) {
            equal(RAWSError.fromCode(error.code()).orElseThrow(), error, "RAWS round trip of " + error.code());
        }
        for (RestAuthError error : RestAuthError.values()) {
            equal(RestAuthError.fromCode(error.code()).orElseThrow(), error, "RestAuth round trip of " + error.code());
        }

        // Placeholders filled in.
        RestAuthError notAllowed = RestAuthError.fromCode("service-not-allowed-from-address").orElseThrow();
        equal(notAllowed, RestAuthError.SERVICE_NOT_ALLOWED_FROM_ADDRESS, "service-not-allowed-from-address's constant");
        equal(notAllowed.status(), 401, "service-not-allowed-from-address's status");
        equal(notAllowed.messageTemplate(), "{service} is not allowed to authenticate from {ip-address}", "its template");
        equal(notAllowed.title(), "Unauthorized", "a message with placeholders gives the reason phrase as title");
        equal(notAllowed.message(Map.of("service", "example.com", "ip-address", "192.0.2.1")),
            "example.com is not allowed to authenticate from 192.0.2.1", "its message");
        equal(RestAuthError.AUTHENTICATION_REQUIRED.message(Map.of()), "please authenticate", "a message without placeholders");
        equal(ErrorCatalogs.format("{{literal}} {n}}} {{", Map.of("n", 3)), "{literal} 3} {", "doubled braces are literal braces");
        equal(ErrorCatalogs.format("{a?got {a}|none}.", Map.of("a", List.of("x", 2))), "got x, 2.", "a list's items separated by commas");
        equal(ErrorCatalogs.format("{a?got {a}|none}.", Map.of("a", List.of())), "none.", "an empty list shows a section's text for none");
        boolean threw = false;
        try {
            notAllowed.message(Map.of("service", "example.com"));
        } catch (IllegalArgumentException expected) {
            threw = true;
        }
        check(threw, "a missing argument is an error");

        System.out.println("Java example: " + passed + " checks passed");
    }
}
