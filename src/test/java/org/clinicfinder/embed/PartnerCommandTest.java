package org.clinicfinder.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.clinicfinder.testing.TestDatabase;
import org.junit.jupiter.api.Test;

@QuarkusMainTest
class PartnerCommandTest {

    @Test
    void shouldPrintANewKeyOnceAndStoreOnlyItsDigest(QuarkusMainLauncher launcher) {
        String name = "Skin Journal " + UUID.randomUUID();
        LaunchResult added = launcher.launch("partner", "add", name, "--origin", "https://www.skin-journal.example/",
                "--origin", "HTTPS://Shop.Skin-Journal.example:443", "--rate", "1200/min");
        assertThat(added.exitCode()).as(added.getErrorOutput()).isZero();
        // The packaged job logs nothing on standard output (PartnerJobIT); here the test's own start-up logs may.
        String key = added.getOutput().strip().lines().reduce((first, second) -> second).orElseThrow();
        assertThat(key).matches("pk_[A-Za-z0-9_-]{32}");
        assertThat(added.getErrorOutput())
                .contains("Added partner \"" + name + "\"")
                .contains("https://www.skin-journal.example, https://shop.skin-journal.example")
                .contains("1200/min")
                .contains("shown only this once");

        Map<String, Object> stored = TestDatabase.one("SELECT * FROM partner WHERE name = '" + name + "'");
        assertThat(stored.get("key_hash")).isEqualTo(PartnerKeys.hash(key));
        assertThat(stored.values()).noneMatch(value -> String.valueOf(value).contains(key.substring(3)));
        assertThat(stored.get("origins").toString())
                .contains("https://www.skin-journal.example").contains("https://shop.skin-journal.example");

        LaunchResult listed = launcher.launch("partner", "list");
        assertThat(listed.exitCode()).as(listed.getErrorOutput()).isZero();
        String line = listed.getOutput().lines().filter(l -> l.contains(name)).findFirst().orElseThrow();
        assertThat(line).contains(key.substring(0, 9) + "…").contains("active").doesNotContain(key);
        assertThat(listed.getOutput()).doesNotContain(key);

        String id = line.substring(0, 36);
        LaunchResult revoked = launcher.launch("partner", "revoke", id);
        assertThat(revoked.exitCode()).as(revoked.getErrorOutput()).isZero();
        assertThat(revoked.getOutput()).contains("Revoked the key of \"" + name + "\"");
        LaunchResult again = launcher.launch("partner", "revoke", id);
        assertThat(again.exitCode()).isZero();
        assertThat(again.getOutput()).contains("was revoked already");
        assertThat(launcher.launch("partner", "list").getOutput().lines()
                .filter(l -> l.contains(name)).findFirst().orElseThrow()).contains("revoked");
    }

    @Test
    void shouldUseTheDefaultRateWhenNoneIsGiven(QuarkusMainLauncher launcher) {
        LaunchResult added = launcher.launch("partner", "add", "Default rate partner", "--origin", "https://d.example");
        assertThat(added.exitCode()).isZero();
        assertThat(added.getErrorOutput()).contains("600/min");
    }

    @Test
    void shouldRefuseWhatIsNotAnOrigin(QuarkusMainLauncher launcher) {
        for (String origin : new String[] {"www.example.com", "ftp://example.com", "https://example.com/clinics",
                "https://example.com?x=1", "https://user@example.com", "javascript:alert(1)"}) {
            LaunchResult result = launcher.launch("partner", "add", "Bad origin", "--origin", origin);
            assertThat(result.exitCode()).as(origin).isEqualTo(2);
            assertThat(result.getErrorOutput()).as(origin).contains("partner add: ").contains(origin)
                    .doesNotContain("Exception");
            assertThat(result.getOutput()).as(origin).doesNotContain("pk_");
        }
    }

    @Test
    void shouldRefuseARateItCannotRead(QuarkusMainLauncher launcher) {
        for (String rate : new String[] {"fast", "0/min", "10/day", "-5/min", "99999999999/min"}) {
            LaunchResult result = launcher.launch("partner", "add", "Bad rate", "--origin", "https://r.example",
                    "--rate", rate);
            assertThat(result.exitCode()).as(rate).isEqualTo(2);
            assertThat(result.getErrorOutput()).as(rate).contains("such as 600/min");
        }
    }

    @Test
    void shouldRequireAnOriginAndAName(QuarkusMainLauncher launcher) {
        assertThat(launcher.launch("partner", "add", "No origin").exitCode()).isEqualTo(2);
        assertThat(launcher.launch("partner", "add", " ", "--origin", "https://n.example").exitCode()).isEqualTo(2);
    }

    @Test
    void shouldSayWhenNoPartnerHasTheId(QuarkusMainLauncher launcher) {
        LaunchResult unknown = launcher.launch("partner", "revoke", UUID.randomUUID().toString());
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.getErrorOutput()).contains("no partner has the id");
        LaunchResult malformed = launcher.launch("partner", "revoke", "not-an-id");
        assertThat(malformed.exitCode()).isEqualTo(2);
        assertThat(malformed.getErrorOutput()).contains("is not a partner id");
    }
}
