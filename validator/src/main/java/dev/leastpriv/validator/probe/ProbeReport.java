package dev.leastpriv.validator.probe;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;

/**
 * What a probe found: the principal that made the calls (an STS session ARN when a role was assumed), how it was
 * found ({@value ProbeCredentials#ASSUMED} or {@value ProbeCredentials#CALLER}), whether a query was allowed, and
 * one result per call in the order they were made. It passes only when at least one call ran and none was denied,
 * not found, throttled or failed; a call that could not run makes it inconclusive, never a pass.
 */
public record ProbeReport(
        String principal, String principalSource, boolean queryAllowed, ImmutableList<ProbeResult> results) {

    public ProbeReport {
        checkNotNull(principal, "principal");
        checkNotNull(principalSource, "principalSource");
        results = ImmutableList.copyOf(results);
    }

    /** {@return what the probe cannot see, so a pass is never read as more than it is} */
    public ImmutableList<String> caveats() {
        ImmutableList.Builder<String> caveats = ImmutableList.<String>builder()
                .add("The probe reads a sample: the first page of each list, one table per database and at most "
                        + Probe.MAX_DATABASES + " databases per catalog when all or a prefix are selected")
                .add("A list that succeeds may still leave out what the role may not read (whether Glue filters"
                        + " GetDatabases and GetTables or denies them is unconfirmed)")
                .add("Query history (ListQueryExecutions, BatchGetQueryExecution), LF-tags, partitions, Lambda"
                        + " and KMS calls are not probed");
        if (!queryAllowed) {
            caveats.add("No query ran: what Athena checks server-side when it runs one (the session database, writing"
                    + " the results, KMS keys, Lake Formation) is not exercised");
        }
        return caveats.build();
    }

    /** {@return whether some call was denied or named something that does not exist (exit 1)} */
    public boolean denied() {
        return results.stream().anyMatch(r -> r.outcome().isFinding());
    }

    /** {@return whether every call made succeeded (skipped ones aside) and at least one was made} */
    public boolean passed() {
        return results.stream().anyMatch(r -> r.outcome() == ProbeOutcome.OK)
                && results.stream()
                        .allMatch(r -> r.outcome() == ProbeOutcome.OK || r.outcome() == ProbeOutcome.SKIPPED);
    }

    /** {@return whether nothing was denied but some call could not run, or no call ran at all} */
    public boolean inconclusive() {
        return !passed() && !denied();
    }

    /** {@return the results with {@code outcome}, in call order} */
    public ImmutableList<ProbeResult> results(ProbeOutcome outcome) {
        return results.stream().filter(r -> r.outcome() == outcome).collect(ImmutableList.toImmutableList());
    }
}
