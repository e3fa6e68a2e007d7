package org.clinicfinder.embed;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A request quota per fixed window, written as {@code 600/min} (also {@code /s} and {@code /h}). */
public record RatePolicy(int limit, Duration window) {

    private static final Pattern TEXT = Pattern.compile("\\s*(\\d{1,9})\\s*/\\s*(s|sec|second|min|minute|h|hour)\\s*");

    public RatePolicy {
        if (limit < 1) {
            throw new IllegalArgumentException("a rate allows at least 1 request");
        }
    }

    /** Parses {@code N/s}, {@code N/min} or {@code N/h}; also the converter of the typed configuration. */
    public static RatePolicy valueOf(String text) {
        Matcher matcher = TEXT.matcher(text == null ? "" : text.toLowerCase(Locale.ROOT));
        if (!matcher.matches() || Long.parseLong(matcher.group(1)) < 1) {
            throw new IllegalArgumentException("a rate is a number of requests per second, minute or hour, "
                    + "such as 600/min; \"" + text + "\" is not one");
        }
        Duration window = switch (matcher.group(2)) {
            case "s", "sec", "second" -> Duration.ofSeconds(1);
            case "min", "minute" -> Duration.ofMinutes(1);
            default -> Duration.ofHours(1);
        };
        return new RatePolicy(Integer.parseInt(matcher.group(1)), window);
    }

    public long windowSeconds() {
        return window.toSeconds();
    }

    @Override
    public String toString() {
        String unit = switch ((int) windowSeconds()) {
            case 1 -> "s";
            case 60 -> "min";
            default -> "h";
        };
        return limit + "/" + unit;
    }
}
