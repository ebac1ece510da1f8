package dev.leastpriv.bench;

import dev.leastpriv.core.Resource;
import dev.leastpriv.policies.RenderedPolicy;
import dev.leastpriv.policies.Requirement;
import dev.leastpriv.validator.ConnectorPolicies;
import dev.leastpriv.validator.IamEndpoint;
import dev.leastpriv.validator.MotoServer;
import dev.leastpriv.validator.preflight.Preflight;
import dev.leastpriv.validator.preflight.PreflightReport;
import dev.leastpriv.validator.preflight.PrincipalResolver;
import dev.leastpriv.validator.preflight.ResolvedPrincipal;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The preflight's AWS calls and wall time in simulate mode, for the openmetadata profile with every feature and 1,
 * 10 and 100 databases, against the validator's in-test IAM endpoint with a fixed latency added to every answer.
 * Prints a table: SimulatePrincipalPolicy requests against ceil(distinct ARNs / 20), all IAM requests, the median
 * wall time of the resolve-and-simulate run, the lower bound (IAM requests × latency, as the calls are
 * sequential), the endpoint's own work (reading the role from the emulator and evaluating it), and what is left: the
 * client's overhead. Needs {@code moto_server} on PATH.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.leastpriv.bench.PreflightLatency [latency-ms] [runs]
 * </pre>
 */
public final class PreflightLatency {

    private PreflightLatency() {}

    public static void main(String[] args) {
        Duration latency = Duration.ofMillis(args.length > 0 ? Long.parseLong(args[0]) : 100);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        PrintStream out = System.out;
        try (MotoServer moto = MotoServer.start();
                IamEndpoint endpoint = IamEndpoint.start(moto);
                IamClient admin = moto.iam(MotoServer.ADMIN);
                IamClient iam = IamClient.builder()
                        .region(Region.AWS_GLOBAL)
                        .endpointOverride(endpoint.endpoint())
                        .credentialsProvider(MotoServer.ADMIN)
                        .httpClient(UrlConnectionHttpClient.create())
                        .build();
                StsClient sts = moto.sts(MotoServer.ADMIN)) {
            out.printf(
                    Locale.ROOT,
                    "%9s  %13s  %20s  %12s  %12s  %11s  %13s  %14s%n",
                    "databases",
                    "distinct ARNs",
                    "Simulate requests",
                    "IAM requests",
                    "median wall",
                    "lower bound",
                    "endpoint work",
                    "client overhead");
            for (int databases : new int[] {1, 10, 100}) {
                RenderedPolicy rendered = ConnectorPolicies.openmetadata(databases);
                String name = "bench" + databases;
                admin.createRole(r -> r.roleName(name)
                        .assumeRolePolicyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                                + "\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:root\"},"
                                + "\"Action\":\"sts:AssumeRole\"}]}"));
                admin.putRolePolicy(r -> r.roleName(name)
                        .policyName("connector")
                        .policyDocument(rendered.policy().toCompactJson()));
                List<Requirement> required = rendered.requirements().requirements();
                long distinct = required.stream()
                        .flatMap(q -> q.resources().stream())
                        .map(Resource::pattern)
                        .distinct()
                        .count();
                String roleArn = "arn:aws:iam::123456789012:role/" + name;
                // one warm-up run without latency: class loading and JIT are not what this measures
                run(sts, iam, roleArn, required);
                List<Long> times = new ArrayList<>();
                int simulate = 0;
                int requests = 0;
                List<Long> work = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    endpoint.reset();
                    endpoint.latency(latency);
                    long start = System.nanoTime();
                    PreflightReport report = run(sts, iam, roleArn, required);
                    times.add(System.nanoTime() - start);
                    if (!report.passed()) {
                        throw new IllegalStateException("the rendered policy did not pass for " + databases);
                    }
                    work.add(endpoint.work().toNanos());
                    simulate = endpoint.simulateRequests();
                    requests = endpoint.requests();
                }
                times.sort(null);
                work.sort(null);
                double median = times.get(times.size() / 2) / 1e6;
                double served = work.get(work.size() / 2) / 1e6;
                double bound = (double) requests * latency.toMillis();
                out.printf(
                        Locale.ROOT,
                        "%9d  %13d  %11d (ceil %3d)  %12d  %9.0f ms  %8.0f ms  %10.0f ms  %11.0f ms%n",
                        databases,
                        distinct,
                        simulate,
                        (distinct + 19) / 20,
                        requests,
                        median,
                        bound,
                        served,
                        median - bound - served);
            }
            out.printf(
                    Locale.ROOT,
                    "latency %d ms per IAM answer, median of %d runs after one warm-up; IAM requests = GetRole (role"
                            + " resolution) + SimulatePrincipalPolicy; machine: %d cores, %s %s%n",
                    latency.toMillis(),
                    runs,
                    Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.vm.name"),
                    System.getProperty("java.version"));
        }
    }

    private static PreflightReport run(StsClient sts, IamClient iam, String roleArn, List<Requirement> required) {
        ResolvedPrincipal principal = PrincipalResolver.create(sts, iam).resolve(roleArn);
        return Preflight.simulate(iam).run(principal, required);
    }
}
