package org.clinicfinder.provider;

import java.util.List;

/**
 * Weekly opening hours in the provider's local time.
 *
 * @param timeZone IANA zone, such as Europe/Dublin
 * @param periods opening periods; a day may have several
 */
public record WeeklyHours(String timeZone, List<Period> periods) {

    /** @param day monday to sunday; opens and closes as HH:mm */
    public record Period(String day, String opens, String closes) {
    }
}
