package org.clinicfinder.admin;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.clinicfinder.testing.Api.api;
import static org.hamcrest.Matchers.contains;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import com.microsoft.playwright.Browser.NewContextOptions;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.FilePayload;
import com.microsoft.playwright.options.SameSiteAttribute;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.clinicfinder.testing.Browser;
import org.clinicfinder.testing.DirectoryTest;
import org.clinicfinder.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The admin page's main flows in real headless Chromium, signed in through its form as a person would.
 * Screenshots of each screen are saved under target/screenshots/ (admin-*.png). A page that logs an error
 * (a script failure, a Content-Security-Policy violation) fails its test.
 */
@QuarkusTest
class AdminPageBrowserTest extends DirectoryTest {

    /** Chromium logs every refusal an API call meets; those the flows provoke (a stale edit's 412) are expected. */
    private static final Pattern DELIBERATE_REFUSAL = Pattern.compile(
            "Failed to load resource: the server responded with a status of 4(0[0-39]|[1-9]\\d)");

    private static Browser browser;

    @Inject
    AccountService accounts;

    @Inject
    LoginThrottle throttle;

    @TestHTTPResource("/")
    URL service;

    private String editor;
    private String admin;
    private BrowserContext context;
    private final List<String> pageErrors = new ArrayList<>();

    @BeforeAll
    static void startBrowser() {
        browser = new Browser();
    }

    @AfterAll
    static void stopBrowser() {
        browser.close();
    }

    @BeforeEach
    void accounts() {
        editor = TestAccounts.create(accounts, AdminRole.EDITOR);
        admin = TestAccounts.create(accounts, AdminRole.ADMIN);
    }

    @AfterEach
    void closeBrowserProfile() {
        if (context != null) {
            context.close();
        }
        assertThat(pageErrors).as("errors logged by the page").isEmpty();
    }

    private String at(String path) {
        return service.toString().replaceAll("/$", "") + path;
    }

    private Page open(String path) {
        context = browser.visitor(new NewContextOptions());
        context.grantPermissions(List.of("clipboard-read", "clipboard-write"));
        Page page = context.newPage();
        page.onConsoleMessage(message -> {
            if (message.type().equals("error") && !DELIBERATE_REFUSAL.matcher(message.text()).find()) {
                pageErrors.add(message.text());
            }
        });
        page.onPageError(pageErrors::add);
        page.navigate(at(path));
        return page;
    }

    private static void fillSignIn(Page page, String email, String password) {
        page.getByLabel("Email").fill(email);
        page.getByLabel("Password").fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
    }

    /** Signed in through the form, on the page asked for. */
    private Page signedIn(String email, String path) {
        Page page = open(path);
        assertThat(page).hasURL(at("/admin/login"));
        fillSignIn(page, email, TestAccounts.PASSWORD);
        assertThat(page).hasURL(at(path));
        assertThat(page.locator("#who")).containsText("Signed in as " + email);
        return page;
    }

    private static Locator button(Page page, String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    @Test
    void shouldRefuseAWrongPasswordThenSignInAndReturnToThePageAskedFor() {
        Page page = open("/admin/providers.html");
        assertThat(page).hasURL(at("/admin/login"));
        fillSignIn(page, admin, "not the password");
        assertThat(page).hasURL(at("/admin/login?failed"));
        assertThat(page.getByRole(AriaRole.ALERT)).hasText(
                "The email or password is not right, or the account is disabled. Please try again.");
        Browser.screenshot(page, "admin-sign-in-refused");

        fillSignIn(page, admin, TestAccounts.PASSWORD);
        assertThat(page).hasURL(at("/admin/providers.html"));
        assertThat(page.locator("#who")).hasText("Signed in as " + admin + " (admin)");

        // Chromium keeps the session cookie with every attribute, on http://localhost too.
        Cookie session = context.cookies().stream().filter(cookie -> cookie.name.equals("cf_admin")).findFirst()
                .orElseThrow();
        assertThat(session.secure).isTrue();
        assertThat(session.httpOnly).isTrue();
        assertThat(session.sameSite).isEqualTo(SameSiteAttribute.STRICT);
        assertThat(session.path).isEqualTo("/");
    }

    @Test
    void shouldSignInAndOutWithTheKeyboardAlone() {
        Page page = open("/admin/login");
        // The email field has the focus when the page opens; Chromium applies autofocus at its next rendering,
        // which can come after the load event, so wait for it rather than type into the page body.
        assertThat(page.getByLabel("Email")).isFocused();
        page.keyboard().type(editor);
        page.keyboard().press("Tab");
        page.keyboard().type(TestAccounts.PASSWORD);
        page.keyboard().press("Tab");
        assertThat(page.locator(":focus")).hasText("Sign in");
        page.keyboard().press("Enter");
        assertThat(page).hasURL(at("/admin/"));
        assertThat(page.locator("#who")).hasText("Signed in as " + editor + " (editor)");

        // From the top of the page: the skip link, then the sections, then sign-out.
        page.keyboard().press("Tab");
        assertThat(page.locator(":focus")).hasText("Skip to content");
        Browser.screenshot(page, "admin-keyboard-skip-link");
        page.keyboard().press("Tab");
        assertThat(page.locator(":focus")).hasText("Imports");
        page.keyboard().press("Tab");
        assertThat(page.locator(":focus")).hasText("Providers");
        page.keyboard().press("Tab");
        assertThat(page.locator(":focus")).hasText("Sign out");
        page.keyboard().press("Enter");

        assertThat(page).hasURL(at("/admin/login?signed-out"));
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("You have signed out.");
        assertThat(context.cookies().stream().map(cookie -> cookie.name)).doesNotContain("cf_admin");
        page.navigate(at("/admin/"));
        assertThat(page).hasURL(at("/admin/login"));
    }

    @Test
    void shouldCheckAListShowItsRejectedRowsThenPublishIt() {
        String source = "Needling Academy " + UUID.randomUUID();
        String csv = """
                external_id,name,city,country,phone,credential_title,credential_issuer
                A1,Harbourside Skin Clinic,Dublin,IE,,Certificate in Skin Needling,Needling Academy
                A2,Atlantis Aesthetics,Poseidonia,Atlantis,,Certificate in Skin Needling,Needling Academy
                A3,Liffey Needling Studio,Dublin,IE,,Certificate in Skin Needling,Needling Academy
                """;
        Page page = signedIn(editor, "/admin/");
        assertThat(page.getByLabel("Dry run: check and report, publish nothing")).isChecked();
        page.getByLabel("File (CSV, JSON or NDJSON)").setInputFiles(
                new FilePayload("trainees.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)));
        page.getByLabel("Source", new Page.GetByLabelOptions().setExact(true)).fill(source);
        button(page, "Upload and check").click();

        assertThat(page.locator("#run-heading")).hasText("Dry run of trainees.csv");
        assertThat(page.locator("#run-status")).hasText("Checked (dry run): nothing was published");
        assertThat(page.locator("#run-heading")).isFocused();
        Locator rejected = page.locator("#rejected tbody tr");
        assertThat(rejected).hasCount(1);
        assertThat(rejected.first().locator("td")).containsText(new String[] {"3", "country", "Atlantis"});
        assertThat(page.locator("#run-counts")).containsText("Would be added");
        Browser.screenshot(page, "admin-import-dry-run-report");
        api().get("/api/v1/providers?q=Harbourside").then().body("items", org.hamcrest.Matchers.hasSize(0));

        button(page, "Publish this list").click();
        assertThat(page.locator("#run-heading")).hasText("Import of trainees.csv");
        assertThat(page.locator("#run-status")).hasText("Published");
        assertThat(page.locator("#run-counts dd").nth(3)).hasText("2");
        Browser.screenshot(page, "admin-import-published");
        api().get("/api/v1/providers?q=Harbourside").then().body("items.name", contains("Harbourside Skin Clinic"));

        Locator history = page.locator("#history tbody tr").filter(new Locator.FilterOptions().setHasText(source));
        assertThat(history).hasCount(2);
        assertThat(history.first()).containsText("Published");
        assertThat(history.nth(1)).containsText("Checked (dry run)");
        history.nth(1).getByRole(AriaRole.BUTTON).click();
        assertThat(page.locator("#run-heading")).hasText("Dry run of trainees.csv");
        assertThat(page.locator("#run-actions")).containsText("This dry run has been published.");
        assertThat(page.locator("#rejected tbody tr")).hasCount(1);
        Browser.screenshot(page, "admin-import-past-imports");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Providers")).click();
        page.locator("#search").getByLabel("Name").fill("Liffey");
        button(page, "Search").click();
        assertThat(page.locator("#results tbody tr")).hasCount(1);
        assertThat(page.locator("#results tbody tr").first()).containsText("Liffey Needling Studio");
    }

    @Test
    void shouldEditAProviderAndRefuseAStaleEditWithAMessage() {
        UUID id = providers.provider("Harbourside Skin Clinic").in("Dublin", "Leinster", "IE", 53.35, -6.26)
                .phone("+35315550123").insert();
        providers.provider("Northern Quarter Skin").in("Manchester", "England", "GB", 53.48, -2.24).insert();
        Page page = signedIn(editor, "/admin/providers.html");
        page.locator("#search").getByLabel("Name").fill("harbour");
        button(page, "Search").click();
        assertThat(page.locator("#results tbody tr")).hasCount(1);
        assertThat(page.locator("#results-heading")).isFocused();
        button(page, "Harbourside Skin Clinic").click();
        assertThat(page.locator("#provider-heading")).hasText("Harbourside Skin Clinic");
        assertThat(page.locator("#provider-heading")).isFocused();

        Locator details = page.locator("#details");
        details.getByLabel("Phone").fill("01 555 0199");
        details.getByLabel("Region").fill("");
        page.locator("#f-treatments").getByLabel("Wrinkles and fine lines").check();
        button(page, "Save changes").click();
        assertThat(page.locator("#provider-status")).hasText("Saved.");
        assertThat(details.getByLabel("Phone")).hasValue("+35315550199");
        Browser.screenshot(page, "admin-provider-edited");
        assertThat(TestDatabase.one("SELECT phone, region, array_to_string(treatments, ',') AS treatments "
                + "FROM provider WHERE id = '" + id + "'")).containsEntry("phone", "+35315550199")
                .containsEntry("region", null).containsEntry("treatments", "acne-scars,wrinkles");

        // Someone else saves the provider in between.
        TestDatabase.execute("UPDATE provider SET website = 'https://elsewhere.example', version = version + 1 "
                + "WHERE id = '" + id + "'");
        details.getByLabel("Name", new Locator.GetByLabelOptions().setExact(true)).fill("Harbourside Skin & Laser");
        button(page, "Save changes").click();
        Locator alert = page.locator("#provider-message");
        assertThat(alert).containsText("Someone else changed this provider since you opened it");
        assertThat(alert).isFocused();
        Browser.screenshot(page, "admin-provider-stale-edit");
        assertThat(TestDatabase.one("SELECT name FROM provider WHERE id = '" + id + "'"))
                .containsEntry("name", "Harbourside Skin Clinic");

        button(page, "Reload provider").click();
        assertThat(page.locator("#provider-status")).hasText("Reloaded: this is the provider as it is now.");
        assertThat(details.getByLabel("Website")).hasValue("https://elsewhere.example");
    }

    @Test
    void shouldVerifyACredentialAndPublishTheProvider() {
        UUID id = providers.provider("Bristol Collagen Clinic").in("Bristol", "England", "GB", 51.45, -2.58)
                .unpublished().insert();
        Page page = signedIn(editor, "/admin/providers.html");
        page.locator("#search").getByLabel("Published").selectOption("false");
        button(page, "Search").click();
        button(page, "Bristol Collagen Clinic").click();
        assertThat(page.locator("#provider-facts")).containsText("Not verified");

        Locator credential = page.locator("#credentials tbody tr").first();
        credential.getByLabel("Date checked for Diploma in Skin Needling").fill("2026-01-15");
        button(page, "Mark Diploma in Skin Needling verified").click();
        assertThat(page.locator("#provider-status")).hasText("Diploma in Skin Needling marked verified on 15 Jan 2026.");
        assertThat(credential).containsText("verified");
        assertThat(credential).containsText("15 Jan 2026");
        assertThat(page.locator("#provider-facts")).containsText("Verified");

        page.locator("#add-credential").getByLabel("Title").fill("Advanced Microneedling");
        page.locator("#add-credential").getByLabel("Issuer").fill("British Aesthetics Board");
        page.locator("#add-credential").getByLabel("Year").fill("2024");
        button(page, "Add credential").click();
        assertThat(page.locator("#credentials tbody tr")).hasCount(2);

        button(page, "Publish").click();
        assertThat(page.locator("#provider-status")).hasText("Published: it is in the public directory.");
        Browser.screenshot(page, "admin-provider-credential-verified");
        assertThat(TestDatabase.one("SELECT published, credentials->0->>'status' AS status FROM provider WHERE id = '"
                + id + "'")).containsEntry("published", true).containsEntry("status", "verified");
    }

    @Test
    void shouldCreateAPartnerShowItsKeyOnceAndRevokeIt() {
        String name = "Skin Journal " + UUID.randomUUID().toString().substring(0, 8);
        Page page = signedIn(admin, "/admin/partners.html");
        Locator create = page.locator("#create");
        create.getByLabel("Name").fill(name);
        create.getByLabel("Sites (origins)").fill("https://www.skin-journal.example\nhttps://shop.skin-journal.example");
        create.getByLabel("Rate").fill("1200/min");
        button(page, "Add partner").click();

        assertThat(page.locator("#new-key-heading")).hasText("Key for " + name);
        assertThat(page.locator("#new-key-heading")).isFocused();
        String key = page.locator("#new-key-value").textContent();
        assertThat(key).matches("pk_[A-Za-z0-9_-]{32}");
        button(page, "Copy key").click();
        assertThat(page.locator("#copy-status")).hasText("Copied.");
        assertThat(page.evaluate("navigator.clipboard.readText()")).isEqualTo(key);
        Locator row = page.locator("#partners tbody tr").filter(new Locator.FilterOptions().setHasText(name));
        assertThat(row).containsText("https://shop.skin-journal.example");
        assertThat(row).containsText("Active");
        assertThat(row).not().containsText(key);
        Browser.screenshot(page, "admin-partner-created");

        button(page, "Change " + name).click();
        row.getByLabel("Rate").fill("600/min");
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save")).click();
        assertThat(page.locator("#list-status")).hasText(name + " changed.");
        assertThat(row).containsText("600/min");

        button(page, "Revoke " + name).click();
        assertThat(row).containsText("Revoke the key of " + name + " for good?");
        button(page, "Revoke for good").click();
        assertThat(row).containsText("Revoked");
        assertThat(page.locator("#list-status")).hasText("The key of " + name + " is revoked: its sites can no longer use it.");
        Browser.screenshot(page, "admin-partner-revoked");
        assertThat(TestDatabase.count("SELECT count(*) FROM partner WHERE name = '" + name + "' AND revoked_at IS NOT NULL"))
                .isOne();
        page.reload();
        assertThat(page.locator("body")).not().containsText(key);
    }

    @Test
    void shouldShowAnEditorNoPartners() {
        Page page = signedIn(editor, "/admin/");
        assertThat(page.getByRole(AriaRole.NAVIGATION).getByRole(AriaRole.LINK)).hasText(new String[] {"Imports", "Providers"});
        page.navigate(at("/admin/partners.html"));
        assertThat(page.locator("#not-admin")).isVisible();
        assertThat(page.locator("#partner-sections")).isHidden();
        Browser.screenshot(page, "admin-editor-no-partners");
    }

    @Test
    void shouldSayWhenSignInIsLocked() {
        Page page = open("/admin/login");
        for (int attempt = 1; attempt <= 2; attempt++) {
            String guess = "guess " + attempt;
            // From the second attempt on, the page is already at ?failed: wait for this attempt's own answer
            // and page, or the next attempt is typed into a page about to be replaced, and never sent.
            page.waitForResponse(response -> response.url().equals(at("/admin/login?failed")),
                    () -> fillSignIn(page, editor, guess));
            page.waitForLoadState();
            assertThat(page).hasURL(at("/admin/login?failed"));
        }
        TestAccounts.failSignIns(throttle, editor, 8);
        fillSignIn(page, editor, TestAccounts.PASSWORD);
        assertThat(page).hasURL(Pattern.compile(".*/admin/login\\?locked=\\d+"));
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("Sign-in is locked after repeated failed attempts");
        Browser.screenshot(page, "admin-sign-in-locked");
    }
}
