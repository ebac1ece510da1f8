package dev.leastpriv.validator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.Table;

/**
 * Athena, Glue, S3 and STS for probe tests: every request passes through to the emulator unchanged, except
 *
 * <ul>
 *   <li>Athena's catalog API on {@code AwsDataCatalog} ({@code ListDatabases}, {@code ListTableMetadata},
 *       {@code GetTableMetadata}), which the emulator lacks or answers from its own DDL-made databases instead of
 *       Glue's: answered here from the emulator's Glue, as Athena answers from Glue;
 *   <li>an operation given a {@link Fault}: answered with the error AWS returns (JSON 1.1 {@code __type} bodies for
 *       Athena and Glue, S3's XML), every time, so the client's retries run out.
 * </ul>
 *
 * It records every request's operation ({@code GetTables}, {@code AssumeRole}, {@code s3:GET /bucket?...}) and body.
 */
public final class ProbeEndpoint implements AutoCloseable {

    /** An injected answer for one operation. */
    public enum Fault {
        /** {@code AccessDeniedException} (S3: 403 {@code AccessDenied}) with AWS's message for the caller. */
        ACCESS_DENIED,
        /** Athena's wrapper: {@code MetadataException} carrying Glue's AccessDenied message. */
        WRAPPED_ACCESS_DENIED,
        /** {@code ThrottlingException} (HTTP 400), every attempt. */
        THROTTLING,
        /** A query that never ends: {@code GetQueryExecution} answers state RUNNING (HTTP 200), every time. */
        QUERY_RUNNING
    }

    /** One request: the operation and its body. */
    public record Call(String operation, String body) {}

    public static final String DENIED_PRINCIPAL = "arn:aws:sts::123456789012:assumed-role/probe/leastpriv-probe";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final URI emulator;
    private final GlueClient glue;
    private final HttpClient proxy = HttpClient.newHttpClient();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Fault> faults = new ConcurrentHashMap<>();
    private final Map<String, String> messages = new ConcurrentHashMap<>();

    private ProbeEndpoint(HttpServer server, MotoServer moto) {
        this.server = server;
        this.emulator = moto.endpoint();
        this.glue = moto.glue(MotoServer.ADMIN);
    }

    /** {@return an endpoint on a free 127.0.0.1 port in front of {@code moto}} */
    public static ProbeEndpoint start(MotoServer moto) {
        HttpServer server = EmulatorProxy.open("in-test probe endpoint");
        ProbeEndpoint endpoint = new ProbeEndpoint(server, moto);
        server.createContext("/", endpoint::handle);
        server.start();
        return endpoint;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Answers {@code operation} (e.g. {@code GetTables}, or {@code s3:ListObjectsV2}) with {@code fault}. */
    public ProbeEndpoint fail(String operation, Fault fault) {
        faults.put(operation, fault);
        return this;
    }

    /** Answers {@code operation} with {@code fault} and {@code message} instead of AWS's usual words. */
    public ProbeEndpoint fail(String operation, Fault fault, String message) {
        messages.put(operation, message);
        return fail(operation, fault);
    }

    /** {@return every request so far, in order} */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** {@return the operations requested so far, in order} */
    public List<String> operations() {
        return calls.stream().map(Call::operation).toList();
    }

    /** No faults, no recorded calls. */
    public void reset() {
        faults.clear();
        messages.clear();
        calls.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String text = new String(body, StandardCharsets.UTF_8);
            String operation = operation(exchange, text);
            calls.add(new Call(operation, text));
            Fault fault = faults.get(operation);
            if (fault != null) {
                fault(exchange, operation, fault, messages.get(operation));
                return;
            }
            String answer = athenaCatalog(operation, text);
            if (answer != null) {
                send(exchange, answer.startsWith("{\"__type\"") ? 400 : 200, "application/x-amz-json-1.1", answer);
                return;
            }
            passThrough(exchange, body);
        } catch (RuntimeException e) {
            send(
                    exchange,
                    500,
                    "application/x-amz-json-1.1",
                    "{\"__type\":\"InternalFailure\",\"message\":\"in-test: "
                            + e.getClass().getSimpleName() + "\"}");
        }
    }

    private static String operation(HttpExchange exchange, String body) {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (target != null) {
            return target.substring(target.indexOf('.') + 1);
        }
        if (body.contains("Action=")) {
            for (String pair : body.split("&")) {
                if (pair.startsWith("Action=")) {
                    return URLDecoder.decode(pair.substring("Action=".length()), StandardCharsets.UTF_8);
                }
            }
        }
        String query = exchange.getRequestURI().getRawQuery();
        if (exchange.getRequestMethod().equals("GET") && query != null && query.contains("list-type=2")) {
            return "s3:ListObjectsV2";
        }
        return "s3:" + exchange.getRequestMethod() + " " + exchange.getRequestURI();
    }

    /** Athena's catalog API over the emulator's Glue, or null to pass the request through. */
    private String athenaCatalog(String operation, String body) throws IOException {
        if (!List.of("ListDatabases", "ListTableMetadata", "GetTableMetadata").contains(operation)) {
            return null;
        }
        JsonNode request = JSON.readTree(body);
        if (!request.path("CatalogName").asText().equalsIgnoreCase("awsdatacatalog")) {
            return null;
        }
        ObjectNode answer = JSON.createObjectNode();
        String database = request.path("DatabaseName").asText();
        try {
            switch (operation) {
                case "ListDatabases" -> {
                    ArrayNode list = answer.putArray("DatabaseList");
                    glue.getDatabases(r -> {})
                            .databaseList()
                            .forEach(d -> list.addObject().put("Name", d.name()));
                }
                case "ListTableMetadata" -> {
                    ArrayNode list = answer.putArray("TableMetadataList");
                    int max = request.path("MaxResults").asInt(50);
                    glue.getTables(r -> r.databaseName(database)).tableList().stream()
                            .limit(max)
                            .forEach(t -> table(list.addObject(), t));
                }
                default ->
                    table(
                            answer.putObject("TableMetadata"),
                            glue.getTable(r -> r.databaseName(database)
                                            .name(request.path("TableName").asText()))
                                    .table());
            }
        } catch (EntityNotFoundException e) {
            // Athena reports a missing database or table as a MetadataException (Athena API reference, errors of
            // ListTableMetadata and GetTableMetadata); the message's wording here is the emulator's.
            return JSON.writeValueAsString(JSON.createObjectNode()
                    .put("__type", "MetadataException")
                    .put("Message", e.awsErrorDetails().errorMessage()));
        }
        return JSON.writeValueAsString(answer);
    }

    private static void table(ObjectNode node, Table table) {
        node.put("Name", table.name());
        node.put("TableType", table.tableType() == null ? "EXTERNAL_TABLE" : table.tableType());
        ArrayNode columns = node.putArray("Columns");
        if (table.storageDescriptor() != null) {
            for (Column column : table.storageDescriptor().columns()) {
                columns.addObject().put("Name", column.name()).put("Type", column.type());
            }
        }
    }

    private static void fault(HttpExchange exchange, String operation, Fault fault, String message) throws IOException {
        if (fault == Fault.QUERY_RUNNING) {
            send(
                    exchange,
                    200,
                    "application/x-amz-json-1.1",
                    "{\"QueryExecution\":{\"QueryExecutionId\":\"running\",\"Status\":{\"State\":\"RUNNING\"}}}");
            return;
        }
        String action = (operation.startsWith("s3:") ? "s3:ListBucket" : service(operation) + ":" + operation);
        String denied = message != null
                ? message
                : "User: " + DENIED_PRINCIPAL + " is not authorized to perform: " + action
                        + " on resource: arn:aws:glue:us-east-1:123456789012:catalog because no identity-based policy allows"
                        + " the " + action + " action";
        if (operation.equals("AssumeRole") || operation.equals("GetCallerIdentity")) {
            // STS speaks the query protocol: XML errors (STS API reference, Common Errors).
            send(
                    exchange,
                    403,
                    "text/xml",
                    "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                            + "<Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: " + DENIED_PRINCIPAL
                            + " is not authorized to perform: sts:" + operation + "</Message></Error>"
                            + "<RequestId>probe</RequestId></ErrorResponse>");
            return;
        }
        if (operation.startsWith("s3:")) {
            int status = fault == Fault.THROTTLING ? 503 : 403;
            String code = fault == Fault.THROTTLING ? "SlowDown" : "AccessDenied";
            send(
                    exchange,
                    status,
                    "application/xml",
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code
                            + "</Code><Message>"
                            + (fault == Fault.THROTTLING ? "Please reduce your request rate." : "Access" + " Denied")
                            + "</Message><RequestId>probe</RequestId></Error>");
            return;
        }
        ObjectNode body = JSON.createObjectNode();
        switch (fault) {
            case ACCESS_DENIED -> body.put("__type", "AccessDeniedException").put("Message", denied);
            case WRAPPED_ACCESS_DENIED ->
                body.put("__type", "MetadataException")
                        .put(
                                "Message",
                                "An error occurred (AccessDeniedException) when calling the " + operation
                                        + " operation: " + denied);
            case THROTTLING -> body.put("__type", "ThrottlingException").put("Message", "Rate exceeded");
        }
        send(exchange, 400, "application/x-amz-json-1.1", JSON.writeValueAsString(body));
    }

    private static String service(String operation) {
        return List.of("GetDatabase", "GetDatabases", "GetTable", "GetTables").contains(operation) ? "glue" : "athena";
    }

    private void passThrough(HttpExchange exchange, byte[] body) throws IOException {
        EmulatorProxy.forward(proxy, emulator, exchange, body);
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.getResponseHeaders().add("x-amzn-RequestId", "in-test-probe");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        glue.close();
    }
}
