package dev.leastpriv.validator.discovery;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.leastpriv.validator.MotoServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.lakeformation.LakeFormationClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A tiny AWS endpoint on 127.0.0.1 answering with canned replies, for what moto_server cannot show: denied calls
 * (moto does not enforce IAM by default), Athena's real "not found" errors and DISABLED workgroups (moto has no
 * UpdateWorkGroup and answers a missing workgroup with an empty 200), server errors, throttling and paging. It speaks
 * the three protocols discovery meets: AWS JSON 1.1 (Athena, Glue, KMS: {@code X-Amz-Target}), REST-JSON (Lake
 * Formation: the operation is the path) and S3's REST-XML.
 */
final class CannedAws implements AutoCloseable {

    /** The wire protocol of a request. */
    enum Protocol {
        JSON,
        REST_JSON,
        S3
    }

    /** One request: its protocol, operation name (e.g. {@code GetWorkGroup}, {@code GetBucketLocation}) and body. */
    record Call(Protocol protocol, String operation, String body) {}

    /** One reply: status, content type, extra headers and body. */
    record Reply(int status, String contentType, Map<String, String> headers, String body) {}

    static final int MAX_ATTEMPTS = 2;

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    private CannedAws(Function<Call, Reply> answer) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            Call call = call(exchange);
            calls.add(call);
            Reply reply = answer.apply(call);
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", reply.contentType());
            exchange.getResponseHeaders().add("x-amzn-RequestId", "canned-" + calls.size());
            reply.headers()
                    .forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    static CannedAws start(Function<Call, Reply> answer) {
        try {
            return new CannedAws(answer);
        } catch (IOException e) {
            throw new AssertionError("cannot start the canned AWS endpoint", e);
        }
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    List<String> operations() {
        return calls.stream().map(Call::operation).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static Call call(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (target != null) {
            return new Call(Protocol.JSON, target.substring(target.indexOf('.') + 1), body);
        }
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getQuery() == null
                ? ""
                : exchange.getRequestURI().getQuery();
        if (exchange.getRequestMethod().equals("POST") && path.startsWith("/Get")) {
            return new Call(Protocol.REST_JSON, path.substring(1), body);
        }
        String operation = query.startsWith("location")
                ? "GetBucketLocation"
                : query.startsWith("encryption") ? "GetBucketEncryption" : exchange.getRequestMethod() + " " + path;
        return new Call(Protocol.S3, operation, body);
    }

    /** {@return a 200 JSON reply} */
    static Reply json(String body) {
        return new Reply(200, "application/x-amz-json-1.1", Map.of(), body);
    }

    /** {@return an error reply in the call's protocol, e.g. 400 ThrottlingException or 500 InternalFailure} */
    static Reply error(Call call, int status, String code, String message) {
        return switch (call.protocol()) {
            case JSON ->
                new Reply(
                        status,
                        "application/x-amz-json-1.1",
                        Map.of(),
                        "{\"__type\":\"" + code + "\",\"Message\":\"" + message + "\"}");
            case REST_JSON ->
                new Reply(
                        status,
                        "application/json",
                        Map.of("x-amzn-ErrorType", code),
                        "{\"message\":\"" + message + "\"}");
            case S3 ->
                new Reply(
                        status,
                        "application/xml",
                        Map.of(),
                        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + message
                                + "</Message><RequestId>canned</RequestId></Error>");
        };
    }

    /** {@return the denial each service really sends: S3 403 AccessDenied, the others AccessDeniedException} */
    static Reply denied(Call call) {
        String message = "User: arn:aws:sts::123456789012:assumed-role/validator/session is not authorized to perform"
                + " this action because no identity-based policy allows it";
        return switch (call.protocol()) {
            case JSON -> error(call, 400, "AccessDeniedException", message);
            case REST_JSON -> error(call, 403, "AccessDeniedException", message);
            case S3 -> error(call, 403, "AccessDenied", "Access Denied");
        };
    }

    // Clients for any endpoint (this one, or a closed port), with a bounded number of attempts.

    private static ClientOverrideConfiguration retries() {
        return ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(MAX_ATTEMPTS)
                        .build())
                .build();
    }

    static AthenaClient athena(URI endpoint) {
        return AthenaClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(endpoint)
                .credentialsProvider(MotoServer.ADMIN)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(retries())
                .build();
    }

    static GlueClient glue(URI endpoint) {
        return GlueClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(endpoint)
                .credentialsProvider(MotoServer.ADMIN)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(retries())
                .build();
    }

    static S3Client s3(URI endpoint) {
        return S3Client.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .credentialsProvider(MotoServer.ADMIN)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(retries())
                .build();
    }

    static KmsClient kms(URI endpoint) {
        return KmsClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(endpoint)
                .credentialsProvider(MotoServer.ADMIN)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(retries())
                .build();
    }

    static LakeFormationClient lakeFormation(URI endpoint) {
        return LakeFormationClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(endpoint)
                .credentialsProvider(MotoServer.ADMIN)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(retries())
                .build();
    }
}
