package org.clinicfinder.testing;

import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/**
 * Text that services get wrong, for property tests: SQL and LIKE metacharacters, Unicode edge cases (combining
 * marks, right-to-left text and overrides, emoji, NUL and other control characters, half surrogate pairs),
 * numbers that do not fit, empty and very long strings, and arbitrary strings and mixtures of all of these.
 */
public final class HostileText {

    /** Whole values meant to break out of a SQL string or query, each inert when used as plain text. */
    public static final List<String> SQL_INJECTIONS = List.of(
            "' OR '1'='1",
            "' OR 1=1 --",
            "\" OR \"\"=\"",
            "'; DROP TABLE provider; --",
            "x'); DELETE FROM provider WHERE ('1'='1",
            "' UNION SELECT email, password_hash FROM admin_account --",
            "1; UPDATE provider SET published = false",
            "'; SELECT pg_sleep(10); --",
            "$$; TRUNCATE provider; $$",
            "\\'; DROP TABLE provider; --",
            "%' OR name LIKE '%",
            "') OR ('a' = 'a",
            "admin'/*",
            "1 AND (SELECT 1 FROM pg_user) = 1");

    /** Fragments that are each an edge case of their own, and that combine into more. */
    public static final List<String> FRAGMENTS = List.of(
            "'", "\"", ";", "--", "/*", "*/", "%", "_", "\\", "$$", "$1", "?", ":name", "\\x00", "E'\\n'",
            "e\u0301", "\u0301", "Z\u0351\u0352\u0353\u0354\u0355", "\u202Eevil\u202C", "\u200F", "\u200B", "\uFEFF",
            "مرحبا", "שלום", "Zürich", "İstanbul", "straße", "ﬁ", "Ｑ", "\u00A0", "\u2028", "\t", "\n", "\r\n",
            "\uD83D\uDC69\u200D\u2695\uFE0F", "\uD83C\uDDEC\uD83C\uDDE7", "\uD83D\uDE00", "\u0000", "\u0007",
            "\u001B[31m", "\u007F", "\uD800", "\uDC00", "\uFFFD", "\uFFFF",
            "NaN", "Infinity", "-0", "1e400", "-1e400", "99999999999999999999999999", "0x1F", "1_000", "٣",
            "=1+1", "@SUM(A1)", "+44", "-", "<script>alert(1)</script>", "../../etc/passwd", "%00", "%27", "&", "#",
            " ", "");

    private HostileText() {
    }

    /** Hostile strings of every kind: whole injections, mixtures of fragments, arbitrary and very long text. */
    public static Arbitrary<String> strings() {
        Arbitrary<String> mixtures = Arbitraries.of(FRAGMENTS).list().ofMinSize(1).ofMaxSize(6)
                .map(parts -> String.join("", parts));
        Arbitrary<String> anyChars = Arbitraries.strings().all().ofMaxLength(30);
        Arbitrary<String> longText = Arbitraries.integers().between(90, 260)
                .flatMap(length -> Arbitraries.of("a", "é", "\uD83D\uDE00", "e\u0301", "'", " ").map(unit -> {
                    StringBuilder text = new StringBuilder();
                    while (text.codePointCount(0, text.length()) < length) {
                        text.append(unit);
                    }
                    return text.toString();
                }));
        Arbitrary<String> huge = Arbitraries.just("x".repeat(20_000));
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(SQL_INJECTIONS)),
                Tuple.of(4, mixtures),
                Tuple.of(3, anyChars),
                Tuple.of(2, longText),
                Tuple.of(1, huge));
    }

    /** Hostile strings that can be sent in a URL: no half surrogate pairs, which UTF-8 cannot encode. */
    public static Arbitrary<String> encodable() {
        return strings().map(HostileText::withoutHalfPairs);
    }

    private static String withoutHalfPairs(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (!Character.isSurrogate(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
