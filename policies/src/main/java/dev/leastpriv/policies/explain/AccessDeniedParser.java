package dev.leastpriv.policies.explain;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import dev.leastpriv.core.Action;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Finds the AccessDenied messages in any text (a whole log, a pasted exception, a message wrapped over lines) and
 * returns each distinct one once, in the order of its first appearance.
 *
 * <p>Forms read (each quoted with its source in the test corpus, {@code access-denied-corpus.txt}):
 *
 * <ul>
 *   <li>AWS's "User: <principal> is not authorized to perform: <action> [on resource: <arn>] because no <type>
 *       allows the <action> action" and "… with an explicit deny in a <type>[: <policy ARN>]", and the older form
 *       without a cause (IAM User Guide, troubleshoot_access-denied);
 *   <li>the same inside botocore's "An error occurred (AccessDeniedException) when calling the GetTables operation:
 *       …", the Java SDKs' "…AccessDeniedException: … (Service: Glue, Status Code: 400, …)", Athena's
 *       {@code MetadataException} and JDBC's "You are not authorized to perform: <action> on the resource.";
 *   <li>messages without details: S3's "Access Denied (Service: Amazon S3; Status Code: 403 …)" and
 *       "(AccessDenied) … operation: Access Denied", "An error occurred (403) when calling the HeadObject operation:
 *       Forbidden", Athena's "Insufficient permissions to execute the query", and Lake Formation's
 *       "Insufficient Lake Formation permission(s)".
 * </ul>
 *
 * <p>Hostile input is safe: no regular expression runs on the text; the scan finds fixed strings and reads a bounded
 * number of characters around each (a run of at most {@value #SPACE_LIMIT} white-space characters between words, a
 * word of at most {@link AccessDenied#ARN_LIMIT} characters), so the time is linear in the input's length, and at
 * most {@link #MAX_DENIALS} distinct messages are kept.
 */
public final class AccessDeniedParser {

    /** The most distinct messages kept; a log with more is read up to the point where this many were found. */
    public static final int MAX_DENIALS = 1_000;

    /** The longest run of white space read between two words of one message (a wrapped line and its indent). */
    static final int SPACE_LIMIT = 64;

    // service (at most ~40) ':' action name (at most 128), with room to spare
    private static final int ACTION_LIMIT = 256;
    // Java SDK's "(Service: Glue, Status Code: 400, Error Code: …)" follows the message within this many characters
    private static final int AHEAD = 300;
    // a wrapper ("Insufficient permissions to execute the query.") precedes its detailed message within this many
    private static final int WRAPPER_GAP = 400;
    private static final int OPERATION_LIMIT = 128;
    // words a redacted resource may leave before the cause
    private static final int CAUSE_GAP = 200;

    private static final String DETAILED = "authorized";
    private static final String S3_DENIED = "Access Denied";
    private static final String FORBIDDEN = "(403) when calling the ";
    private static final String ATHENA_INSUFFICIENT = "Insufficient permissions to execute the query";
    private static final String LAKE_FORMATION = "Insufficient Lake Formation permission";

    private AccessDeniedParser() {}

    /** {@return every distinct AccessDenied message in {@code text}, in order of first appearance, at most {@link #MAX_DENIALS}} */
    public static ImmutableList<AccessDenied> parse(CharSequence text) {
        return parse(text, MAX_DENIALS);
    }

    /**
     * {@return the distinct AccessDenied messages in {@code text}, at most {@code limit} (at most {@link
     * #MAX_DENIALS} + 1)}: asking for one more than a report will show tells whether the log held more.
     */
    public static ImmutableList<AccessDenied> parse(CharSequence text, int limit) {
        checkArgument(limit >= 1 && limit <= MAX_DENIALS + 1, "limit must be 1 to %s", MAX_DENIALS + 1);
        String s = text.toString();
        Map<Key, Found> found = new LinkedHashMap<>();
        List<int[]> spans = new ArrayList<>();
        for (int at = s.indexOf(DETAILED); at >= 0 && found.size() < limit; at = s.indexOf(DETAILED, at + 1)) {
            detailed(s, at, found, spans);
        }
        bare(s, S3_DENIED, found, spans, limit);
        bare(s, FORBIDDEN, found, spans, limit);
        bare(s, ATHENA_INSUFFICIENT, found, spans, limit);
        bare(s, LAKE_FORMATION, found, spans, limit);
        return found.values().stream()
                .sorted(Comparator.comparingInt(Found::at))
                .map(Found::denial)
                .collect(ImmutableList.toImmutableList());
    }

    /** A message and where it starts. */
    private record Found(int at, AccessDenied denial) {}

    /** What makes two messages the same denial: the operation only tells apart messages without an action. */
    private record Key(
            @Nullable String action,
            @Nullable String resource,
            DenialCause cause,
            @Nullable String principal,
            @Nullable String operation,
            @Nullable String code) {}

    private static void detailed(String s, int at, Map<Key, Found> found, List<int[]> spans) {
        int after = matchForward(s, at, "authorized to perform:");
        if (after < 0) {
            return;
        }
        int not = matchBack(s, at, "not ");
        if (not < 0) {
            return;
        }
        // "User: <principal> is not authorized", or Athena's "You are not authorized"
        int start = not;
        String principal = null;
        int is = matchBack(s, not, " is ");
        if (is >= 0) {
            int end = is;
            int from = end;
            while (from > 0 && end - from < AccessDenied.ARN_LIMIT && !Character.isWhitespace(s.charAt(from - 1))) {
                from--;
            }
            String word = unquote(s.substring(from, end));
            int user = matchBack(s, from, "User: ");
            if (word.regionMatches(true, 0, "User:", 0, 5)) {
                user = from;
                word = word.substring(5);
            }
            if (!word.isEmpty() && (user >= 0 || word.startsWith("arn:"))) {
                principal = word;
                start = user >= 0 ? user : from;
            }
        } else {
            int you = matchBack(s, not, "You are ");
            if (you >= 0) {
                start = you;
            }
        }

        int p = skipSpace(s, after);
        int q = p;
        while (q < s.length() && q - p < ACTION_LIMIT && actionChar(s.charAt(q))) {
            q++;
        }
        Action action = action(s.substring(p, q));
        if (action == null) {
            return;
        }
        int end = q;
        String resource = null;
        int on = matchForward(s, end, " on resource:");
        if (on >= 0) {
            int r = skipSpace(s, on);
            int[] word = word(s, r);
            if (word[1] > word[0]) {
                resource = s.substring(word[0], word[1]);
                end = word[2];
            }
        } else {
            int theResource = matchForward(s, end, " on the resource");
            if (theResource >= 0) {
                end = theResource;
            }
        }

        DenialCause cause = DenialCause.UNKNOWN;
        String policyArn = null;
        end = causeStart(s, end);
        int because = matchForward(s, end, " because no ");
        int deny = because >= 0 ? -1 : explicitDeny(s, end);
        if (because >= 0) {
            for (PolicyType type : PolicyType.values()) {
                int t = matchForward(s, because, type.phrase + " allows");
                if (t >= 0) {
                    cause = type.implicit;
                    end = t;
                    int the = matchForward(s, end, " the ");
                    if (the >= 0) {
                        int w = the;
                        while (w < s.length() && w - the < ACTION_LIMIT && actionChar(s.charAt(w))) {
                            w++;
                        }
                        int word = matchForward(s, w, " action");
                        end = word >= 0 ? word : end;
                    }
                    break;
                }
            }
        } else if (matchForward(s, end, " because the role trust policy") >= 0) {
            cause = DenialCause.TRUST_POLICY;
            end = matchForward(s, end, " because the role trust policy");
        } else if (deny >= 0) {
            int d = deny;
            for (String article : new String[] {"a ", "an ", "the "}) {
                int a = matchForward(s, deny, article);
                if (a >= 0) {
                    d = a;
                    break;
                }
            }
            for (PolicyType type : PolicyType.values()) {
                int t = matchForward(s, d, type.phrase);
                if (t >= 0) {
                    cause = type.explicit;
                    end = t;
                    break;
                }
            }
            // "with an explicit deny in a VPC endpoint policy transitively through a service control policy": AWS
            // says to look for the Deny in the SCPs (IAM User Guide, troubleshoot_access-denied).
            int through = matchForward(s, end, " transitively through a service control policy");
            if (through >= 0) {
                cause = DenialCause.SCP_DENY;
                end = through;
            }
            if (end < s.length() && s.charAt(end) == ':') {
                int a = skipSpace(s, end + 1);
                if (s.startsWith("arn:", a)) {
                    int[] word = word(s, a);
                    policyArn = s.substring(word[0], word[1]);
                    end = word[2];
                }
            }
        }
        spans.add(new int[] {start, end});
        Key key = new Key(action.toString(), resource, cause, principal, null, null);
        if (!found.containsKey(key)) {
            // Looked for only once per distinct message: a log that repeats one denial costs one look.
            // The wrapper and the call are on the message's first line ("An error occurred (Code) when calling the X
            // operation: User: …"); an earlier line is another message.
            int back = skipSpaceBack(s, start);
            int from = lineStart(s, back > 0 && s.charAt(back - 1) == ':' ? back : start, 2 * WRAPPER_GAP);
            int to = Math.min(s.length(), end + AHEAD);
            AccessDenied denial = new AccessDenied(
                    action,
                    resource,
                    principal,
                    cause,
                    policyArn,
                    errorCode(s, from, start, end, to),
                    operation(s, from, start),
                    text(s, start, end));
            found.put(key, new Found(start, denial));
        }
    }

    /**
     * {@return where the cause starts}: right after the resource, or, when a redacted or spaced resource ("<LAMBDA
     * ARN>", "job/Copy parking zone") leaves words between them, at a cause phrase within the next
     * {@value #CAUSE_GAP} characters, before any next message
     */
    private static int causeStart(String s, int end) {
        if (matchForward(s, end, " because ") >= 0 || explicitDeny(s, end) >= 0) {
            return end;
        }
        String window = s.substring(end, Math.min(s.length(), end + CAUSE_GAP));
        int next = window.indexOf(DETAILED);
        if (next >= 0) {
            window = window.substring(0, next);
        }
        int best = -1;
        for (String phrase : new String[] {
            " because no ",
            " because the role trust policy",
            " with an explicit deny in ",
            " due to an explicit deny in "
        }) {
            int at = window.indexOf(phrase);
            if (at >= 0 && (best < 0 || at < best)) {
                best = at;
            }
        }
        return best < 0 ? end : end + best;
    }

    /** {@return the end of "with an explicit deny in " or "due to an explicit deny in " at {@code at}, or -1} */
    private static int explicitDeny(String s, int at) {
        int with = matchForward(s, at, " with an explicit deny in ");
        return with >= 0 ? with : matchForward(s, at, " due to an explicit deny in ");
    }

    /** The policy types of AWS's messages, each with its implicit and its explicit cause. */
    private enum PolicyType {
        IDENTITY("identity-based policy", DenialCause.NO_IDENTITY_POLICY, DenialCause.IDENTITY_POLICY_DENY),
        RESOURCE("resource-based policy", DenialCause.RESOURCE_POLICY, DenialCause.RESOURCE_POLICY_DENY),
        BOUNDARY("permissions boundary", DenialCause.PERMISSIONS_BOUNDARY, DenialCause.PERMISSIONS_BOUNDARY_DENY),
        SESSION("session policy", DenialCause.SESSION_POLICY, DenialCause.SESSION_POLICY_DENY),
        // AWS's own example of the explicit form: "with an explicit deny in a sessions policy"
        SESSIONS("sessions policy", DenialCause.SESSION_POLICY, DenialCause.SESSION_POLICY_DENY),
        SCP("service control policy", DenialCause.SCP, DenialCause.SCP_DENY),
        RCP("resource control policy", DenialCause.RCP, DenialCause.RCP_DENY),
        VPC_ENDPOINT("VPC endpoint policy", DenialCause.VPC_ENDPOINT_POLICY, DenialCause.VPC_ENDPOINT_POLICY_DENY),
        TRUST("role trust policy", DenialCause.TRUST_POLICY, DenialCause.TRUST_POLICY);

        final String phrase;
        final DenialCause implicit;
        final DenialCause explicit;

        PolicyType(String phrase, DenialCause implicit, DenialCause explicit) {
            this.phrase = phrase;
            this.implicit = implicit;
            this.explicit = explicit;
        }
    }

    /** Messages without an action: each fixed string, unless it wraps or trails a detailed message. */
    private static void bare(String s, String anchor, Map<Key, Found> found, List<int[]> spans, int limit) {
        int span = 0;
        for (int at = s.indexOf(anchor); at >= 0 && found.size() < limit; at = s.indexOf(anchor, at + 1)) {
            while (span < spans.size() && spans.get(span)[1] + AHEAD < at) {
                span++;
            }
            if (span < spans.size()) {
                int[] next = spans.get(span);
                // within the message, or in its "(Service: …)" trailer on the same line
                boolean trails = next[0] <= at && (at <= next[1] || !hasLineBreak(s, next[1], at));
                boolean wraps = next[0] > at && next[0] - at <= WRAPPER_GAP;
                if (trails || wraps) {
                    continue;
                }
            }
            bareAt(s, anchor, at, found);
        }
    }

    private static void bareAt(String s, String anchor, int at, Map<Key, Found> found) {
        int start = at;
        int end = at + anchor.length();
        String operation = null;
        String errorCode = null;
        DenialCause cause = DenialCause.NO_DETAILS;
        String detail = null;
        switch (anchor) {
            case S3_DENIED -> {
                // S3 without details: the Java SDKs' "Access Denied (Service: Amazon S3; Status Code: 403; …)",
                // botocore's "(AccessDenied) when calling the GetObject operation: Access Denied", Go's "api error
                // AccessDenied: Access Denied". Anything else saying "Access Denied" is not taken for AWS's.
                int service = matchForward(s, end, " (Service:");
                int operationColon = matchBack(s, at, "operation: ");
                int goForm = matchBack(s, at, "AccessDenied: ");
                if (service >= 0) {
                    int close = indexOf(s, ')', service, service + AHEAD);
                    end = close >= 0 ? close + 1 : service;
                } else if (operationColon < 0 && goForm < 0) {
                    return;
                }
                errorCode = "AccessDenied";
                if (operationColon >= 0) {
                    int[] call = call(s, operationColon);
                    if (call != null) {
                        start = call[0];
                        operation = s.substring(call[1], call[2]);
                        errorCode = code(s, call[0]);
                    }
                } else if (goForm >= 0) {
                    start = goForm;
                }
            }
            case FORBIDDEN -> {
                int op = at + anchor.length();
                int w = op;
                while (w < s.length() && w - op < OPERATION_LIMIT && operationChar(s.charAt(w))) {
                    w++;
                }
                int forbidden = matchForward(s, w, " operation: Forbidden");
                if (w == op || forbidden < 0) {
                    return;
                }
                operation = s.substring(op, w);
                errorCode = "403";
                end = forbidden;
                int occurred = matchBack(s, at, "An error occurred ");
                start = occurred >= 0 ? occurred : at;
            }
            case LAKE_FORMATION -> {
                cause = DenialCause.LAKE_FORMATION;
                int plural = matchForward(s, end, "(s)");
                end = plural >= 0 ? plural : end;
                int on = matchForward(s, end, " on ");
                int required = matchForward(s, end, ": Required ");
                int detailFrom = end;
                if (on >= 0) {
                    end = word(s, on)[2];
                } else if (required >= 0) {
                    end = Math.min(s.length(), lineEnd(s, required, required + 120));
                }
                detail = text(s, detailFrom, end);
                int[] call = operationBefore(s, at);
                if (call != null) {
                    start = call[0];
                    operation = s.substring(call[1], call[2]);
                    errorCode = code(s, call[0]);
                }
            }
            default -> {
                // Athena: "Insufficient permissions to execute the query" and nothing after it but, at most, a Lake
                // Formation refusal, which is the denial (apache/superset#15894)
                String next = s.substring(end, Math.min(s.length(), end + WRAPPER_GAP));
                int lineBreak = next.indexOf('\n');
                if ((lineBreak < 0 ? next : next.substring(0, lineBreak)).contains(LAKE_FORMATION)) {
                    return;
                }
                int[] call = operationBefore(s, at);
                if (call != null) {
                    start = call[0];
                    operation = s.substring(call[1], call[2]);
                    errorCode = code(s, call[0]);
                }
            }
        }
        // Messages without an action differ by what they do name: the operation, the code, Lake Formation's target.
        Key key = new Key(null, detail, cause, null, operation, errorCode);
        if (!found.containsKey(key)) {
            found.put(
                    key,
                    new Found(
                            start,
                            new AccessDenied(
                                    null, null, null, cause, null, errorCode, operation, text(s, start, end))));
        }
    }

    /**
     * {@return [start of "An error occurred (Code) when calling the", start and end of the operation name]} for
     * botocore's text whose "operation: " starts at {@code operationStart}, or null
     */
    private static int @Nullable [] call(String s, int operationStart) {
        // s[operationStart..] is "operation: "; the name precedes it, then "when calling the ", then "(Code) "
        int nameEnd = skipSpaceBack(s, operationStart);
        int nameStart = nameEnd;
        while (nameStart > 0 && nameEnd - nameStart < OPERATION_LIMIT && operationChar(s.charAt(nameStart - 1))) {
            nameStart--;
        }
        if (nameStart == nameEnd) {
            return null;
        }
        int calling = matchBack(s, nameStart, "when calling the ");
        if (calling < 0) {
            return null;
        }
        int paren = skipSpaceBack(s, calling);
        int open = paren > 0 && s.charAt(paren - 1) == ')' ? indexBack(s, '(', paren - 1, OPERATION_LIMIT) : -1;
        int occurred = open >= 0 ? matchBack(s, open, "An error occurred ") : -1;
        return new int[] {occurred >= 0 ? occurred : open >= 0 ? open : calling, nameStart, nameEnd};
    }

    /** {@return botocore's call before a wrapper at {@code at} ("… when calling the X operation: " then the text), or null} */
    private static int @Nullable [] operationBefore(String s, int at) {
        int colon = matchBack(s, at, "operation: ");
        // botocore without the colon: "when calling the GetTable operation Insufficient Lake Formation …"
        int bare = colon >= 0 ? colon : matchBack(s, at, "operation ");
        return bare < 0 ? null : call(s, bare);
    }

    /** {@return the code in "(Code) when calling" at {@code start}, or null} */
    private static @Nullable String code(String s, int start) {
        int open = s.indexOf('(', start);
        if (open < 0 || open - start > 20) {
            return null;
        }
        int close = indexOf(s, ')', open, open + OPERATION_LIMIT);
        return close > open + 1 ? s.substring(open + 1, close) : null;
    }

    /**
     * {@return the error code around a detailed message}: botocore's "(Code) when calling", the Java SDK v1's "Error
     * Code: Code" after it, or the exception class just before it ("…glue.model.AccessDeniedException: User: …", Go's
     * "api error AccessDenied: User: …"). Athena's {@code MetadataException} wins wherever it is seen: it says that
     * Athena made the call on the caller's behalf.
     */
    private static @Nullable String errorCode(String s, int from, int start, int end, int to) {
        String before = s.substring(from, start);
        String after = s.substring(end, to);
        if (before.contains("MetadataException") || after.contains("Error Code: MetadataException")) {
            return "MetadataException";
        }
        int calling = before.lastIndexOf("when calling the ");
        if (calling >= 0) {
            int paren = skipSpaceBack(before, calling);
            int open = paren > 1 && before.charAt(paren - 1) == ')'
                    ? indexBack(before, '(', paren - 2, OPERATION_LIMIT)
                    : -1;
            if (open >= 0 && token(before.substring(open + 1, paren - 1))) {
                return before.substring(open + 1, paren - 1);
            }
        }
        int code = after.indexOf("Error Code: ");
        if (code >= 0) {
            int c = code + "Error Code: ".length();
            int e = c;
            while (e < after.length() && Character.isLetterOrDigit(after.charAt(e))) {
                e++;
            }
            if (e > c) {
                return after.substring(c, e);
            }
        }
        int wordEnd = skipSpaceBack(before, before.length());
        if (wordEnd > 0 && before.charAt(wordEnd - 1) == ':') {
            int wordStart = wordEnd - 1;
            while (wordStart > 0 && !Character.isWhitespace(before.charAt(wordStart - 1))) {
                wordStart--;
            }
            String word = before.substring(wordStart, wordEnd - 1);
            String simple = word.substring(word.lastIndexOf('.') + 1);
            if (simple.endsWith("Exception")
                    || simple.equals("AccessDenied")
                    || simple.equals("UnauthorizedOperation")) {
                return simple;
            }
        }
        return null;
    }

    private static boolean token(String code) {
        if (code.isEmpty() || code.length() > OPERATION_LIMIT) {
            return false;
        }
        for (int i = 0; i < code.length(); i++) {
            if (!Character.isLetterOrDigit(code.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** {@return the operation of botocore's "when calling the X operation" just before the message, or null} */
    private static @Nullable String operation(String s, int from, int start) {
        String before = s.substring(from, start);
        int calling = before.lastIndexOf("when calling the ");
        if (calling < 0) {
            return null;
        }
        int name = calling + "when calling the ".length();
        int e = name;
        while (e < before.length() && e - name < OPERATION_LIMIT && operationChar(before.charAt(e))) {
            e++;
        }
        return e > name && matchForward(before, e, " operation") >= 0 ? before.substring(name, e) : null;
    }

    /** {@return the action in {@code word}, or null if it is not "service:Name"} */
    private static @Nullable Action action(String word) {
        int colon = word.indexOf(':');
        if (colon <= 0 || colon == word.length() - 1 || word.indexOf(':', colon + 1) >= 0) {
            return null;
        }
        try {
            Action action = Action.of(word.substring(0, colon), word.substring(colon + 1));
            return action.isWildcard() ? null : action;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean actionChar(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == ':'
                || c == '-'
                || c == '_';
    }

    private static boolean operationChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /**
     * {@return [start, end, next] of the word at {@code at}}: a quoted word ends at its closing quote (S3 quotes its
     * ARNs: {@code on resource: "arn:aws:s3:::bucket/key"}), a bare one at white space, without the sentence's
     * trailing {@code .,;)}; {@code next} is where reading goes on
     */
    private static int[] word(String s, int at) {
        if (at < s.length() && (s.charAt(at) == '"' || s.charAt(at) == '\'')) {
            char quote = s.charAt(at);
            int e = at + 1;
            while (e < s.length()
                    && e - at <= AccessDenied.ARN_LIMIT
                    && s.charAt(e) != quote
                    && !Character.isWhitespace(s.charAt(e))) {
                e++;
            }
            boolean closed = e < s.length() && s.charAt(e) == quote;
            return new int[] {at + 1, e, closed ? e + 1 : e};
        }
        int e = at;
        while (e < s.length() && e - at < AccessDenied.ARN_LIMIT && !Character.isWhitespace(s.charAt(e))) {
            e++;
        }
        int w = e;
        while (w > at && ".,;)".indexOf(s.charAt(w - 1)) >= 0) {
            w--;
        }
        return new int[] {at, w, w};
    }

    private static String unquote(String word) {
        String w = word;
        while (!w.isEmpty() && "\"'".indexOf(w.charAt(0)) >= 0) {
            w = w.substring(1);
        }
        while (!w.isEmpty() && "\"',".indexOf(w.charAt(w.length() - 1)) >= 0) {
            w = w.substring(0, w.length() - 1);
        }
        return w;
    }

    /**
     * {@return the index after {@code phrase} matched at {@code at}, or -1}: letters compare without case, and each
     * space of the phrase matches a run of 1 to {@value #SPACE_LIMIT} white-space characters (a message wrapped
     * over lines still matches)
     */
    static int matchForward(String s, int at, String phrase) {
        int i = at;
        for (int k = 0; k < phrase.length(); k++) {
            char c = phrase.charAt(k);
            if (c == ' ') {
                int run = 0;
                while (i < s.length() && run < SPACE_LIMIT && Character.isWhitespace(s.charAt(i))) {
                    i++;
                    run++;
                }
                if (run == 0) {
                    return -1;
                }
            } else {
                if (i >= s.length() || !same(s.charAt(i), c)) {
                    return -1;
                }
                i++;
            }
        }
        return i;
    }

    /** {@return the index where {@code phrase} starts when it ends at {@code end}, or -1; as {@link #matchForward}} */
    static int matchBack(String s, int end, String phrase) {
        int i = end;
        for (int k = phrase.length() - 1; k >= 0; k--) {
            char c = phrase.charAt(k);
            if (c == ' ') {
                int run = 0;
                while (i > 0 && run < SPACE_LIMIT && Character.isWhitespace(s.charAt(i - 1))) {
                    i--;
                    run++;
                }
                if (run == 0) {
                    return -1;
                }
            } else {
                if (i <= 0 || !same(s.charAt(i - 1), c)) {
                    return -1;
                }
                i--;
            }
        }
        return i;
    }

    private static boolean same(char a, char b) {
        return a == b || Character.toLowerCase(a) == Character.toLowerCase(b);
    }

    private static int skipSpace(String s, int at) {
        int i = at;
        while (i < s.length() && i - at < SPACE_LIMIT && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int skipSpaceBack(String s, int end) {
        int i = end;
        while (i > 0 && end - i < SPACE_LIMIT && Character.isWhitespace(s.charAt(i - 1))) {
            i--;
        }
        return i;
    }

    private static int indexOf(String s, char c, int from, int to) {
        for (int i = from; i < Math.min(to, s.length()); i++) {
            if (s.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    private static int indexBack(String s, char c, int from, int limit) {
        for (int i = from; i >= 0 && from - i <= limit; i--) {
            if (s.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    private static boolean hasLineBreak(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == '\n' || s.charAt(i) == '\r') {
                return true;
            }
        }
        return false;
    }

    private static int lineStart(String s, int at, int limit) {
        int i = at;
        while (i > 0 && at - i < limit && s.charAt(i - 1) != '\n' && s.charAt(i - 1) != '\r') {
            i--;
        }
        return i;
    }

    private static int lineEnd(String s, int from, int to) {
        for (int i = from; i < Math.min(to, s.length()); i++) {
            if (s.charAt(i) == '\n' || s.charAt(i) == '\r' || s.charAt(i) == ')') {
                return i;
            }
        }
        return Math.min(to, s.length());
    }

    /** {@return the message's text with each run of white space (a wrapped line) as one space, at most the limit} */
    private static String text(String s, int start, int end) {
        StringBuilder out = new StringBuilder(Math.min(end - start, AccessDenied.TEXT_LIMIT));
        boolean space = false;
        for (int i = start; i < end && out.length() < AccessDenied.TEXT_LIMIT; i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                space = true;
                continue;
            }
            if (space && out.length() > 0 && out.length() < AccessDenied.TEXT_LIMIT) {
                out.append(' ');
            }
            space = false;
            if (out.length() < AccessDenied.TEXT_LIMIT) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
