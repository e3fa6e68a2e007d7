package org.clinicfinder.ingest;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Text folded for matching: lower case, accents removed, punctuation and spaces folded to one space. */
final class TextKey {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");

    private TextKey() {
    }

    static String of(String text) {
        if (isAscii(text)) {
            return ofAscii(text);
        }
        String folded = text.replace("ß", "ss").replace("æ", "ae").replace("Æ", "ae").replace("ø", "o")
                .replace("Ø", "o").replace("œ", "oe").replace("Œ", "oe").replace("ł", "l").replace("Ł", "l");
        folded = MARKS.matcher(Normalizer.normalize(folded, Normalizer.Form.NFD)).replaceAll("");
        return SEPARATORS.matcher(folded.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    }

    /** The same key for plain ASCII text (nearly every value), without normalising or regular expressions. */
    private static String ofAscii(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean separated = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
                if (separated && out.length() > 0) {
                    out.append(' ');
                }
                separated = false;
                out.append(c);
            } else if (c >= 'A' && c <= 'Z') {
                if (separated && out.length() > 0) {
                    out.append(' ');
                }
                separated = false;
                out.append((char) (c + ('a' - 'A')));
            } else {
                separated = true;
            }
        }
        return out.toString();
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** Whitespace tidied: control characters dropped, runs of spaces folded, ends trimmed. */
    static String tidy(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                space = out.length() > 0;
            } else if (!Character.isISOControl(c)) {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }
}
