package org.talkback.publication;

import static io.restassured.RestAssured.given;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.talkback.platform.testing.EmbeddedPostgresResource;

/**
 * Staff signing in through the newsroom's identity provider: a stand-in provider publishes its key (JWKS) on a
 * local port, as Keycloak or Entra would, and the test signs access tokens with it.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, initArgs = @ResourceArg(name = "database", value = "publication_test"))
class NewsroomSignOnTest {
    private static final String ISSUER = "https://idp.newsroom.test/realms/staff";
    private static KeyPair provider;
    private static HttpServer jwks;

    @BeforeAll
    static void identityProvider() throws Exception {
        provider = rsa();
        RSAPublicKey key = (RSAPublicKey) provider.getPublic();
        String published = """
                {"keys":[{"kty":"RSA","kid":"staff-key","use":"sig","alg":"RS256","n":"%s","e":"%s"}]}"""
                .formatted(base64(unsigned(key.getModulus())), base64(unsigned(key.getPublicExponent())));
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 18994), 0);
        jwks.createContext("/jwks.json", exchange -> {
            byte[] body = published.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwks.start();
    }

    @AfterAll
    static void stopProvider() {
        jwks.stop(0);
    }

    @Test
    void staffTokensFromTheNewsroomsProviderWorkWithTheirRoles() throws Exception {
        String moderatorToken = token(provider.getPrivate(), ISSUER, "talkback-moderator", 300);
        given().header("Authorization", "Bearer " + moderatorToken).get("/api/v1/moderation/queue").then().statusCode(200);
        given().header("Authorization", "Bearer " + moderatorToken).contentType("application/json").body("{}")
                .put("/api/v1/admin/sites/default").then().statusCode(403);
        given().header("Authorization", "Bearer " + token(provider.getPrivate(), ISSUER, "talkback-admin", 300))
                .get("/api/v1/admin/sites/default").then().statusCode(200);
        // A staff member without either role is signed in but may do nothing.
        given().header("Authorization", "Bearer " + token(provider.getPrivate(), ISSUER, "newsroom-reporter", 300))
                .get("/api/v1/moderation/queue").then().statusCode(403);
    }

    @Test
    void forgedExpiredAndForeignTokensAreRefused() throws Exception {
        given().header("Authorization", "Bearer " + token(rsa().getPrivate(), ISSUER, "talkback-admin", 300))
                .get("/api/v1/moderation/queue").then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", "Bearer " + token(provider.getPrivate(), ISSUER, "talkback-admin", -120))
                .get("/api/v1/moderation/queue").then().statusCode(401);
        given().header("Authorization", "Bearer " + token(provider.getPrivate(), "https://elsewhere.test", "talkback-admin", 300))
                .get("/api/v1/moderation/queue").then().statusCode(401);
        String genuine = token(provider.getPrivate(), ISSUER, "talkback-moderator", 300);
        String tampered = genuine.substring(0, genuine.indexOf('.') + 1)
                + base64(("{\"iss\":\"" + ISSUER + "\",\"sub\":\"x\",\"realm_access\":{\"roles\":[\"talkback-admin\"]},"
                        + "\"exp\":" + (Instant.now().getEpochSecond() + 300) + "}").getBytes(StandardCharsets.UTF_8))
                + genuine.substring(genuine.lastIndexOf('.'));
        given().header("Authorization", "Bearer " + tampered).get("/api/v1/admin/sites/default").then().statusCode(401);
    }

    /** An RS256 access token as a Keycloak realm issues it, roles under realm_access.roles. */
    private static String token(PrivateKey key, String issuer, String role, long lifetimeSeconds) throws Exception {
        long now = Instant.now().getEpochSecond();
        String header = base64("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"staff-key\"}".getBytes(StandardCharsets.UTF_8));
        String claims = base64("""
                {"iss":"%s","sub":"f1c2","preferred_username":"dana","iat":%d,"exp":%d,"realm_access":{"roles":["%s"]}}"""
                .formatted(issuer, now - 10, now + lifetimeSeconds, role).getBytes(StandardCharsets.UTF_8));
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initSign(key);
        rs256.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
        return header + "." + claims + "." + base64(rs256.sign());
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
