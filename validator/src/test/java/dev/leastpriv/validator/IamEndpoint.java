package dev.leastpriv.validator;

import com.google.common.collect.ImmutableList;
import com.google.common.escape.Escaper;
import com.google.common.xml.XmlEscapers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.leastpriv.core.Arn;
import dev.leastpriv.core.Effect;
import dev.leastpriv.core.Policy;
import dev.leastpriv.core.eval.Decision;
import dev.leastpriv.core.eval.Evaluation;
import dev.leastpriv.core.eval.Evaluator;
import dev.leastpriv.core.eval.MatchedStatement;
import dev.leastpriv.core.eval.Policies;
import dev.leastpriv.core.eval.PolicyKind;
import dev.leastpriv.core.eval.Request;
import dev.leastpriv.validator.preflight.FetchedRole;
import dev.leastpriv.validator.preflight.RoleFetcher;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * IAM for tests: {@code SimulatePrincipalPolicy}, which the emulator lacks, answered from the offline evaluator over
 * the role's policies as the emulator holds them; every other IAM action passed through to the emulator unchanged.
 *
 * <p>It speaks IAM's query protocol (form-encoded POST, XML answers) in either response shape
 * (iam-reference.md §0): {@link Shape#CURRENT} (one result per action with {@code ResourceSpecificResults}, an ARN
 * template at the top, SCP denies as {@code explicitDeny}) or {@link Shape#LEGACY} (one result per action × resource,
 * top level only, SCP denies as {@code implicitDeny} with {@code AllowedByOrganizations=false}). It pages with
 * {@code Marker}, can add latency, injects faults, enforces the 20-ARN chunk the validator promises, and counts the
 * requests it answers.
 */
public final class IamEndpoint implements AutoCloseable {

    /** The response shapes of the simulator, before and since 2026-07-30. */
    public enum Shape {
        CURRENT,
        LEGACY
    }

    /** An injected failure for one SimulatePrincipalPolicy request. */
    public enum Fault {
        NONE,
        THROTTLING,
        INTERNAL_ERROR,
        /** Answers only after {@link #TIMEOUT_DELAY}, long after the client gave up. */
        TIMEOUT,
        MALFORMED_BODY,
        ACCESS_DENIED,
        EXPIRED_TOKEN
    }

    /** Decides the fault of each SimulatePrincipalPolicy request (numbered from 0, retries included). */
    @FunctionalInterface
    public interface FaultPlan {
        Fault at(int request, boolean continuation);
    }

    public static final Duration TIMEOUT_DELAY = Duration.ofSeconds(5);
    private static final String NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/";
    private static final Escaper XML = XmlEscapers.xmlContentEscaper();

    private final HttpServer server;
    private final URI emulator;
    private final IamClient emulatorIam;
    private final HttpClient proxy = HttpClient.newHttpClient();
    private final AtomicInteger simulateRequests = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong workNanos = new java.util.concurrent.atomic.AtomicLong();
    private final List<String> simulated = new CopyOnWriteArrayList<>();
    private volatile Shape shape = Shape.CURRENT;
    private volatile int pageSize = 1000;
    private volatile Duration latency = Duration.ZERO;
    private volatile FaultPlan faults = (request, continuation) -> Fault.NONE;
    private volatile ImmutableList<ImmutableList<Policy>> scpLevels = ImmutableList.of();

    private IamEndpoint(HttpServer server, URI emulator, IamClient emulatorIam) {
        this.server = server;
        this.emulator = emulator;
        this.emulatorIam = emulatorIam;
    }

    /** {@return an endpoint on a free 127.0.0.1 port in front of {@code moto}} */
    public static IamEndpoint start(MotoServer moto) {
        HttpServer server = EmulatorProxy.open("in-test IAM");
        IamEndpoint endpoint = new IamEndpoint(server, moto.endpoint(), moto.iam(MotoServer.ADMIN));
        server.createContext("/", endpoint::handle);
        server.start();
        return endpoint;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public IamEndpoint shape(Shape value) {
        shape = value;
        return this;
    }

    /** Results per page at most, whatever MaxItems asks for (IAM "might return fewer results"). */
    public IamEndpoint pageSize(int value) {
        pageSize = value;
        return this;
    }

    /** Delay before every answer. */
    public IamEndpoint latency(Duration value) {
        latency = value;
        return this;
    }

    public IamEndpoint faults(FaultPlan plan) {
        faults = plan;
        return this;
    }

    /** The organization's SCPs, root level first; none means the account is in no organization. */
    public IamEndpoint organization(List<List<Policy>> levels) {
        scpLevels = levels.stream().map(ImmutableList::copyOf).collect(ImmutableList.toImmutableList());
        return this;
    }

    /** {@return the SimulatePrincipalPolicy requests answered or failed, retries included} */
    public int simulateRequests() {
        return simulateRequests.get();
    }

    /** {@return every request this endpoint received, simulated or passed through} */
    public int requests() {
        return requests.get();
    }

    /** {@return the time this endpoint spent answering, injected latency and faults' delays excluded} */
    public Duration work() {
        return Duration.ofNanos(workNanos.get());
    }

    /** {@return "actions×resources" of each SimulatePrincipalPolicy request, in order} */
    public List<String> simulated() {
        return List.copyOf(simulated);
    }

    /** Forgets the counts and the faults, keeps the shape. */
    public void reset() {
        simulateRequests.set(0);
        requests.set(0);
        workNanos.set(0);
        simulated.clear();
        faults = (request, continuation) -> Fault.NONE;
        latency = Duration.ZERO;
        pageSize = 1000;
        scpLevels = ImmutableList.of();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            byte[] body = exchange.getRequestBody().readAllBytes();
            sleep(latency);
            long start = System.nanoTime();
            try {
                answer(exchange, body);
            } finally {
                workNanos.addAndGet(System.nanoTime() - start);
            }
        } catch (RuntimeException e) {
            error(exchange, 500, "Receiver", "InternalFailure", "in-test endpoint: " + e);
        }
    }

    private void answer(HttpExchange exchange, byte[] body) throws IOException {
        Map<String, List<String>> form = form(new String(body, StandardCharsets.UTF_8));
        if (!"SimulatePrincipalPolicy".equals(first(form, "Action"))) {
            passThrough(exchange, body);
            return;
        }
        int number = simulateRequests.getAndIncrement();
        Fault fault = faults.at(number, first(form, "Marker") != null);
        switch (fault) {
            case NONE -> simulate(exchange, form);
            case THROTTLING -> error(exchange, 400, "Sender", "Throttling", "Rate exceeded");
            case INTERNAL_ERROR ->
                error(exchange, 500, "Receiver", "ServiceFailure", "An internal failure occurred. Try again.");
            case TIMEOUT -> {
                sleep(TIMEOUT_DELAY);
                simulate(exchange, form);
            }
            case MALFORMED_BODY ->
                send(
                        exchange,
                        200,
                        "<SimulatePrincipalPolicyResponse xmlns=\"" + NAMESPACE
                                + "\"><SimulatePrincipalPolicyResult>"
                                + "<EvaluationResults><member><EvalActionName>glue:GetTa");
            case ACCESS_DENIED ->
                error(
                        exchange,
                        403,
                        "Sender",
                        "AccessDenied",
                        "User: arn:aws:iam::123456789012:user/ci is not authorized to perform:"
                                + " iam:SimulatePrincipalPolicy on resource: " + first(form, "PolicySourceArn"));
            case EXPIRED_TOKEN ->
                error(exchange, 403, "Sender", "ExpiredToken", "The security token included in the request is expired");
        }
    }

    private void simulate(HttpExchange exchange, Map<String, List<String>> form) throws IOException {
        String source = first(form, "PolicySourceArn");
        List<String> actions = members(form, "ActionNames");
        List<String> resources = members(form, "ResourceArns");
        if (resources.isEmpty()) {
            resources = List.of("*");
        }
        if (source == null || actions.isEmpty()) {
            error(exchange, 400, "Sender", "InvalidInput", "PolicySourceArn and ActionNames are required");
            return;
        }
        if (resources.size() > 20) {
            // Not an AWS limit but the chunk leastpriv promises (iam-reference.md §1.6): more is a bug to catch.
            error(exchange, 400, "Sender", "InvalidInput", "more than 20 ResourceArns: " + resources.size());
            return;
        }
        simulated.add(actions.size() + "x" + resources.size());
        FetchedRole role;
        try {
            role = RoleFetcher.create(emulatorIam).fetch(Arn.parse(source));
        } catch (ValidatorException e) {
            error(exchange, 404, "Sender", "NoSuchEntity", "The role " + source + " cannot be found.");
            return;
        }
        List<String> policyIds = new ArrayList<>(role.identityPolicies().keySet());
        Policies policies = Policies.identity(role.identityPolicies().values());
        String boundaryArn = null;
        if (role.boundary() != null) {
            policies = policies.withBoundary(role.boundary());
            boundaryArn = emulatorIam
                    .getRole(r -> r.roleName(source.substring(source.lastIndexOf('/') + 1)))
                    .role()
                    .permissionsBoundary()
                    .permissionsBoundaryArn();
        }
        for (List<Policy> level : scpLevels) {
            policies = policies.withScpLevel(level.toArray(Policy[]::new));
        }
        Evaluator evaluator = Evaluator.compile(policies);
        List<String> members = new ArrayList<>();
        for (String action : actions) {
            List<Cell> cells = new ArrayList<>();
            for (String resource : resources) {
                Evaluation evaluation = evaluator.evaluate(Request.builder()
                        .action(action)
                        .resource(resource)
                        .principal(source)
                        .build());
                cells.add(new Cell(resource, evaluation, policyIds, boundaryArn, shape));
            }
            if (shape == Shape.CURRENT) {
                members.add(current(action, cells, role.boundary() != null));
            } else {
                for (Cell cell : cells) {
                    members.add(legacy(action, cell, role.boundary() != null));
                }
            }
        }
        String maxItems = first(form, "MaxItems");
        int size = Math.min(pageSize, maxItems == null ? 100 : Integer.parseInt(maxItems));
        String marker = first(form, "Marker");
        int from = marker == null ? 0 : Integer.parseInt(marker.substring("page-".length()));
        int to = Math.min(members.size(), from + size);
        StringBuilder xml = new StringBuilder("<SimulatePrincipalPolicyResponse xmlns=\"" + NAMESPACE + "\">")
                .append("<SimulatePrincipalPolicyResult><EvaluationResults>");
        members.subList(from, to).forEach(xml::append);
        xml.append("</EvaluationResults><IsTruncated>")
                .append(to < members.size())
                .append("</IsTruncated>");
        if (to < members.size()) {
            xml.append("<Marker>page-").append(to).append("</Marker>");
        }
        xml.append("</SimulatePrincipalPolicyResult><ResponseMetadata><RequestId>")
                .append(java.util.UUID.randomUUID())
                .append("</RequestId></ResponseMetadata></SimulatePrincipalPolicyResponse>");
        send(exchange, 200, xml.toString());
    }

    /** One action on one resource, as the simulator reports it. */
    private record Cell(
            String resource,
            String decision,
            List<String> statements,
            List<String> missing,
            boolean boundaryAllows,
            boolean organizationAllows) {

        Cell(
                String resource,
                Evaluation evaluation,
                List<String> policyIds,
                @Nullable String boundaryArn,
                Shape shape) {
            this(
                    resource,
                    decision(evaluation, shape),
                    statements(evaluation, policyIds, boundaryArn),
                    List.copyOf(evaluation.missingContextKeys()),
                    evaluation.deniedBy() != PolicyKind.PERMISSIONS_BOUNDARY,
                    evaluation.deniedBy() != PolicyKind.SERVICE_CONTROL_POLICY);
        }

        private static String decision(Evaluation evaluation, Shape shape) {
            // Before 2026-07-30 an SCP's deny showed as implicitDeny with AllowedByOrganizations=false.
            if (shape == Shape.LEGACY && evaluation.deniedBy() == PolicyKind.SERVICE_CONTROL_POLICY) {
                return Decision.IMPLICIT_DENY.jsonValue();
            }
            return evaluation.decision().jsonValue();
        }

        /** The statements the simulator lists: only the denies if one denies, never an SCP's, none for implicit. */
        private static List<String> statements(
                Evaluation evaluation, List<String> policyIds, @Nullable String boundaryArn) {
            Effect wanted = evaluation.decision() == Decision.EXPLICIT_DENY ? Effect.DENY : Effect.ALLOW;
            if (evaluation.decision() == Decision.IMPLICIT_DENY) {
                return List.of();
            }
            List<String> out = new ArrayList<>();
            for (MatchedStatement statement : evaluation.matched()) {
                if (statement.effect() != wanted || statement.kind() == PolicyKind.SERVICE_CONTROL_POLICY) {
                    continue;
                }
                String id = statement.kind() == PolicyKind.PERMISSIONS_BOUNDARY
                        ? boundaryArn
                        : policyIds.get(statement.policyIndex());
                String type = id.startsWith("inline:")
                        ? "role"
                        : id.startsWith("arn:aws:iam::aws:") ? "aws-managed" : "user-managed";
                String xml = "<member><SourcePolicyId>" + XML.escape(id.replaceFirst("^inline:", ""))
                        + "</SourcePolicyId><SourcePolicyType>" + type + "</SourcePolicyType>"
                        + "<StartPosition><Line>1</Line><Column>" + (statement.statementIndex() + 1)
                        + "</Column></StartPosition></member>";
                if (!out.contains(xml)) {
                    out.add(xml);
                }
            }
            return out;
        }
    }

    private String current(String action, List<Cell> cells, boolean hasBoundary) {
        String decision = cells.stream()
                .map(Cell::decision)
                .max((a, b) -> Integer.compare(rank(a), rank(b)))
                .orElseThrow();
        List<String> statements = new ArrayList<>();
        TreeMap<String, Boolean> missing = new TreeMap<>();
        StringBuilder specific = new StringBuilder("<ResourceSpecificResults>");
        for (Cell cell : cells) {
            cell.statements().stream().filter(s -> !statements.contains(s)).forEach(statements::add);
            cell.missing().forEach(key -> missing.put(key, true));
            specific.append("<member><EvalResourceName>")
                    .append(XML.escape(cell.resource()))
                    .append("</EvalResourceName><EvalResourceDecision>")
                    .append(cell.decision())
                    .append("</EvalResourceDecision>")
                    .append(list("MatchedStatements", cell.statements()))
                    .append(list("MissingContextValues", values(cell.missing())))
                    .append(hasBoundary ? boundary(cell.boundaryAllows()) : "")
                    .append("</member>");
        }
        specific.append("</ResourceSpecificResults>");
        boolean allWildcard = cells.stream().allMatch(c -> c.resource().equals("*"));
        String template = allWildcard
                ? "*"
                : "arn:${Partition}:" + action.substring(0, action.indexOf(':')) + ":${Region}:${Account}:${Id}";
        return "<member><EvalActionName>" + XML.escape(action) + "</EvalActionName><EvalResourceName>"
                + XML.escape(template) + "</EvalResourceName><EvalDecision>" + decision + "</EvalDecision>"
                + list("MatchedStatements", statements)
                + list("MissingContextValues", values(List.copyOf(missing.keySet())))
                + organization(cells.stream().allMatch(Cell::organizationAllows))
                + (hasBoundary ? boundary(cells.stream().allMatch(Cell::boundaryAllows)) : "")
                + "<EvalDecisionDetails/>"
                + specific
                + "</member>";
    }

    private String legacy(String action, Cell cell, boolean hasBoundary) {
        return "<member><EvalActionName>" + XML.escape(action) + "</EvalActionName><EvalResourceName>"
                + XML.escape(cell.resource()) + "</EvalResourceName><EvalDecision>" + cell.decision()
                + "</EvalDecision>" + list("MatchedStatements", cell.statements())
                + list("MissingContextValues", values(cell.missing()))
                + organization(cell.organizationAllows())
                + (hasBoundary ? boundary(cell.boundaryAllows()) : "")
                + "</member>";
    }

    private String organization(boolean allows) {
        // Present only when the account is in an organization (iam-reference.md §1.3).
        return scpLevels.isEmpty()
                ? ""
                : "<OrganizationsDecisionDetail><AllowedByOrganizations>" + allows
                        + "</AllowedByOrganizations></OrganizationsDecisionDetail>";
    }

    private static String boundary(boolean allows) {
        return "<PermissionsBoundaryDecisionDetail><AllowedByPermissionsBoundary>" + allows
                + "</AllowedByPermissionsBoundary></PermissionsBoundaryDecisionDetail>";
    }

    private static int rank(String decision) {
        return switch (decision) {
            case "allowed" -> 0;
            case "implicitDeny" -> 1;
            default -> 2;
        };
    }

    private static List<String> values(List<String> keys) {
        return keys.stream().map(k -> "<member>" + XML.escape(k) + "</member>").toList();
    }

    private static String list(String name, List<String> members) {
        return "<" + name + ">" + String.join("", members) + "</" + name + ">";
    }

    private void passThrough(HttpExchange exchange, byte[] body) throws IOException {
        EmulatorProxy.forward(proxy, emulator, exchange, body);
    }

    private static void error(HttpExchange exchange, int status, String type, String code, String message)
            throws IOException {
        send(
                exchange,
                status,
                "<ErrorResponse xmlns=\"" + NAMESPACE + "\"><Error><Type>" + type + "</Type><Code>" + code
                        + "</Code><Message>" + XML.escape(message) + "</Message></Error><RequestId>"
                        + java.util.UUID.randomUUID() + "</RequestId></ErrorResponse>");
    }

    private static void send(HttpExchange exchange, int status, String xml) throws IOException {
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/xml");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static Map<String, List<String>> form(String body) {
        Map<String, List<String>> form = new TreeMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            form.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return form;
    }

    private static @Nullable String first(Map<String, List<String>> form, String key) {
        List<String> values = form.get(key);
        return values == null ? null : values.get(0);
    }

    /** {@code Name.member.1}, {@code Name.member.2}, … in order. */
    private static List<String> members(Map<String, List<String>> form, String name) {
        List<String> values = new ArrayList<>();
        for (int i = 1; form.containsKey(name + ".member." + i); i++) {
            values.add(first(form, name + ".member." + i));
        }
        return values;
    }

    /** Latency and the timeout fault are the server being slow on purpose: here a sleep is the behaviour under test. */
    private static void sleep(Duration duration) {
        if (duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        emulatorIam.close();
    }
}
