package org.clinicfinder.ingest;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.clinicfinder.provider.WeeklyHours;

/**
 * Weekly opening hours as people write them: "Mo-Fr 09:00-17:30; Sa 10:00-14:00", "Mon, Wed 9:00-12:00,
 * 13:00-18:00", "Sun closed". Days in English, two or three letters or whole; times in 24-hour form.
 */
final class OpeningHoursText {

    static final List<String> DAYS = List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
            "sunday");
    private static final Map<String, Integer> DAY_NAMES = Map.ofEntries(
            Map.entry("mo", 0), Map.entry("mon", 0), Map.entry("monday", 0),
            Map.entry("tu", 1), Map.entry("tue", 1), Map.entry("tues", 1), Map.entry("tuesday", 1),
            Map.entry("we", 2), Map.entry("wed", 2), Map.entry("wednesday", 2),
            Map.entry("th", 3), Map.entry("thu", 3), Map.entry("thur", 3), Map.entry("thurs", 3),
            Map.entry("thursday", 3),
            Map.entry("fr", 4), Map.entry("fri", 4), Map.entry("friday", 4),
            Map.entry("sa", 5), Map.entry("sat", 5), Map.entry("saturday", 5),
            Map.entry("su", 6), Map.entry("sun", 6), Map.entry("sunday", 6));
    private static final Pattern SEGMENT = Pattern.compile(
            "^([A-Za-z]+(?:\\s*[-–,]\\s*[A-Za-z]+)*)\\s*:?\\s+(.+)$");
    private static final Pattern RANGE = Pattern.compile("^(\\d{1,2})(?:[:.](\\d{2}))?\\s*[-–]\\s*(\\d{1,2})(?:[:.](\\d{2}))?$");

    private OpeningHoursText() {
    }

    /** The periods the text describes; IllegalArgumentException with a reason when it cannot be read. */
    static List<WeeklyHours.Period> parse(String text) {
        List<WeeklyHours.Period> periods = new ArrayList<>();
        for (String segment : text.split("[;\\n]")) {
            String trimmed = segment.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            Matcher matcher = SEGMENT.matcher(trimmed);
            if (!matcher.matches()) {
                throw new IllegalArgumentException("cannot read \"" + trimmed + "\"; write days and times such as "
                        + "\"Mo-Fr 09:00-17:30; Sa 10:00-14:00\"");
            }
            List<Integer> days = days(matcher.group(1));
            String times = matcher.group(2).strip().toLowerCase(Locale.ROOT);
            if (times.equals("closed") || times.equals("off")) {
                continue;
            }
            for (String range : times.split(",")) {
                String[] openClose = range(range.strip(), trimmed);
                for (int day : days) {
                    periods.add(new WeeklyHours.Period(DAYS.get(day), openClose[0], openClose[1]));
                }
            }
        }
        periods.sort((a, b) -> a.day().equals(b.day()) ? a.opens().compareTo(b.opens())
                : Integer.compare(DAYS.indexOf(a.day()), DAYS.indexOf(b.day())));
        return periods;
    }

    private static List<Integer> days(String text) {
        List<Integer> days = new ArrayList<>();
        for (String part : text.split(",")) {
            String[] bounds = part.strip().split("\\s*[-–]\\s*");
            int first = day(bounds[0]);
            int last = bounds.length > 1 ? day(bounds[1]) : first;
            for (int day = first; ; day = (day + 1) % 7) {
                if (!days.contains(day)) {
                    days.add(day);
                }
                if (day == last) {
                    break;
                }
            }
        }
        return days;
    }

    private static int day(String name) {
        Integer day = DAY_NAMES.get(name.strip().toLowerCase(Locale.ROOT));
        if (day == null) {
            throw new IllegalArgumentException("\"" + name.strip() + "\" is not a day; use Mo, Tu, We, Th, Fr, Sa, Su");
        }
        return day;
    }

    private static String[] range(String text, String segment) {
        Matcher matcher = RANGE.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("cannot read the times \"" + text + "\" in \"" + segment
                    + "\"; write them as 09:00-17:30");
        }
        String opens = time(matcher.group(1), matcher.group(2), false);
        String closes = time(matcher.group(3), matcher.group(4), true);
        if (opens.compareTo(closes) >= 0) {
            throw new IllegalArgumentException("in \"" + segment + "\" the opening time " + opens
                    + " is not before the closing time " + closes);
        }
        return new String[] {opens, closes};
    }

    private static String time(String hours, String minutes, boolean closing) {
        int h = Integer.parseInt(hours);
        int m = minutes == null ? 0 : Integer.parseInt(minutes);
        if (closing && h == 24 && m == 0) {
            return "24:00";
        }
        if (h > 23 || m > 59) {
            throw new IllegalArgumentException(hours + ":" + (minutes == null ? "00" : minutes) + " is not a time of day");
        }
        return LocalTime.of(h, m).toString();
    }
}
