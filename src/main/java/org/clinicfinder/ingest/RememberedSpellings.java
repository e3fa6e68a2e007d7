package org.clinicfinder.ingest;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What a spelling in a file was found to mean, worked out once: lists repeat a handful of spellings of each
 * country, language and vocabulary term. Bounded, so that a file of random text cannot fill the heap.
 */
final class RememberedSpellings<V> {

    static final int LIMIT = 4096;

    private final Map<String, V> answers = new ConcurrentHashMap<>();
    private final Function<String, V> lookUp;

    RememberedSpellings(Function<String, V> lookUp) {
        this.lookUp = lookUp;
    }

    V get(String spelling) {
        V answer = answers.get(spelling);
        if (answer == null) {
            answer = lookUp.apply(spelling);
            if (answers.size() < LIMIT) {
                answers.put(spelling, answer);
            }
        }
        return answer;
    }
}
