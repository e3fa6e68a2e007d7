package org.clinicfinder.it;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Provider lists in the import's CSV format, as large as a test needs, every row valid. */
final class GeneratedList {

    private static final List<String> CITIES = List.of("London,England,GB,51.5074,-0.1278",
            "Leeds,England,GB,53.8008,-1.5491", "Bristol,England,GB,51.4545,-2.5879",
            "Glasgow,Scotland,GB,55.8642,-4.2518");

    private GeneratedList() {
    }

    /** Rows {@code from} to {@code to} (exclusive): external ids PREFIX+n, named "NAME n", all with the phone. */
    static Path write(Path file, String prefix, String name, int from, int to, String phone) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("external_id,name,city,region,country,latitude,longitude,phone,treatments,languages,"
                    + "credential_title,credential_issuer,credential_year\n");
            for (int i = from; i < to; i++) {
                out.write(prefix + i + "," + name + " " + i + "," + CITIES.get(i % CITIES.size()) + "," + phone
                        + ",acne-scars;wrinkles,en,Diploma in Skin Needling,Collagen Induction Therapy Academy,2021\n");
            }
        }
        return file;
    }
}
