package org.clinicfinder.embed;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import com.microsoft.playwright.Browser.NewContextOptions;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Geolocation;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.clinicfinder.testing.Browser;
import org.clinicfinder.testing.DirectoryTest;
import org.clinicfinder.testing.PartnerSite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The widget in real headless Chromium, embedded in a partner's page served from another origin than the
 * service's, as partners embed it. Screenshots of each flow are saved under target/screenshots/.
 */
@QuarkusTest
class WidgetBrowserTest extends DirectoryTest {

    private static Browser browser;
    private static PartnerSite partnerSite;
    private static PartnerSite otherSite;

    @Inject
    PartnerService partners;

    @TestHTTPResource("/")
    URL service;

    private String key;
    private BrowserContext context;

    @BeforeAll
    static void startBrowserAndSites() {
        browser = new Browser();
        partnerSite = new PartnerSite();
        otherSite = new PartnerSite();
    }

    @AfterAll
    static void stopBrowserAndSites() {
        browser.close();
        partnerSite.close();
        otherSite.close();
    }

    @BeforeEach
    void directoryAndPartner() {
        providers.provider("Harbourside Skin Clinic").email("hello@harbourside.example")
                .website("https://harbourside.example")
                .credential("Advanced Collagen Induction Therapy", "Academy of Aesthetic Practice", 2022, "verified",
                        "2024-03-18")
                .insert();
        providers.provider("Northern Quarter Skin").in("Manchester", "England", "GB", 53.4808, -2.2426)
                .treatments("acne-scars", "stretch-marks").insert();
        providers.provider("Leeds Needling Studio").in("Leeds", "England", "GB", 53.8008, -1.5491)
                .treatments("wrinkles").kind("practitioner").profession("nurse").insert();
        providers.provider("Bristol Collagen Clinic").in("Bristol", "England", "GB", 51.4545, -2.5879)
                .treatments("stretch-marks").insert();
        providers.provider("Hautklinik am See").in("Berlin", "Berlin", "DE", 52.52, 13.405).insert();
        key = partners.add("Skin journal", List.of(partnerSite.origin()), RatePolicy.valueOf("1000/min"), "test").key();
    }

    @AfterEach
    void closeVisitor() {
        if (context != null) {
            context.close();
        }
    }

    private Page visit(String url, NewContextOptions options) {
        context = browser.visitor(options);
        Page page = context.newPage();
        page.navigate(url);
        return page;
    }

    private Page visit(String url) {
        return visit(url, new NewContextOptions());
    }

    private String widgetPage(PartnerSite site, String path, String attributes) {
        String script = service.toString().replaceAll("/$", "") + "/embed/v1/clinic-finder.js";
        return site.page(path, "Skin Journal: find a clinic",
                "<p>Our guide to microneedling clinics near you.</p>"
                        + "<script src=\"" + script + "\" async></script>"
                        + "<clinic-finder api-key=\"" + key + "\" " + attributes + "></clinic-finder>");
    }

    private static Locator results(Page page) {
        return page.locator("clinic-finder [data-cf=result]");
    }

    @Test
    void shouldFindProvidersByText() {
        Page page = visit(widgetPage(partnerSite, "/text.html", "country=\"GB\" lang=\"en\""));
        assertThat(results(page)).hasCount(4);
        page.locator("clinic-finder [data-cf=query]").fill("Manchester");
        page.locator("clinic-finder [data-cf=submit]").click();
        assertThat(results(page)).hasCount(1);
        assertThat(results(page).first()).containsText("Northern Quarter Skin");
        assertThat(page.locator("clinic-finder [data-cf=status]")).containsText("1 provider shown");

        page.locator("clinic-finder [data-cf=query]").fill("Harbourside");
        page.locator("clinic-finder [data-cf=query]").press("Enter");
        assertThat(results(page)).hasCount(1);
        Locator harbourside = results(page).first();
        assertThat(harbourside.locator("[data-cf=phone]")).hasAttribute("href", "tel:+442079460000");
        assertThat(harbourside.locator("[data-cf=email]")).hasAttribute("href", "mailto:hello@harbourside.example");
        assertThat(harbourside.locator("[data-cf=website]")).hasAttribute("href", "https://harbourside.example/");
        assertThat(harbourside).containsText("Advanced Collagen Induction Therapy");
        assertThat(harbourside.locator("[data-cf=verified-badge]").first()).isVisible();
        Browser.screenshot(page, "widget-text-search");

        page.locator("clinic-finder [data-cf=query]").fill("Aberystwyth");
        page.locator("clinic-finder [data-cf=submit]").click();
        assertThat(results(page)).hasCount(0);
        assertThat(page.locator("clinic-finder [data-cf=status]"))
                .hasText("No providers match your search. Try other words or fewer filters.");
    }

    @Test
    void shouldFindProvidersNearTheVisitorsLocation() {
        Page page = visit(widgetPage(partnerSite, "/near.html", "country=\"GB\""), new NewContextOptions()
                .setPermissions(List.of("geolocation")).setGeolocation(new Geolocation(53.7960, -1.5400)));
        assertThat(results(page)).hasCount(4);
        page.locator("clinic-finder [data-cf=locate]").click();
        assertThat(results(page)).hasCount(1);
        assertThat(results(page).first()).containsText("Leeds Needling Studio");
        assertThat(results(page).first().locator("[data-cf=distance]")).hasText(Pattern.compile("0[.,]\\d+ km"));

        page.locator("clinic-finder [data-cf=radius]").selectOption("100");
        page.locator("clinic-finder [data-cf=submit]").click();
        assertThat(results(page)).hasCount(2);
        assertThat(results(page).nth(1)).containsText("Northern Quarter Skin");
        Browser.screenshot(page, "widget-location-search");
    }

    @Test
    void shouldFilterByTreatment() {
        Page page = visit(widgetPage(partnerSite, "/treatment.html", "country=\"GB\" treatment=\"stretch-marks\""));
        assertThat(results(page)).hasCount(2);
        assertThat(page.locator("clinic-finder [data-cf=treatment]")).hasValue("stretch-marks");
        assertThat(results(page)).containsText(new String[] {"Bristol Collagen Clinic", "Northern Quarter Skin"});

        page.locator("clinic-finder [data-cf=treatment]").selectOption("wrinkles");
        page.locator("clinic-finder [data-cf=submit]").click();
        assertThat(results(page)).hasCount(1);
        assertThat(results(page).first()).containsText("Leeds Needling Studio");
        assertThat(results(page).first()).containsText("Wrinkles");
        Browser.screenshot(page, "widget-treatment-filter");
    }

    @Test
    void shouldShowNoDataOnASiteTheKeyDoesNotAllowAndSayWhy() {
        Page page = visit(widgetPage(otherSite, "/copy.html", "country=\"GB\""));
        assertThat(page.locator("clinic-finder [data-cf=error]")).containsText("not allowed to show this search");
        assertThat(results(page)).hasCount(0);
        assertThat(page.locator("clinic-finder [data-cf=form]")).isHidden();
        assertThat(page.locator("clinic-finder")).not().containsText("Harbourside");
        Browser.screenshot(page, "widget-origin-refused");
    }

    @Test
    void shouldWorkWithTheKeyboardAlone() {
        Page page = visit(widgetPage(partnerSite, "/keyboard.html", "country=\"GB\" page-size=\"2\""));
        assertThat(results(page)).hasCount(2);
        tabTo(page, "query");
        page.keyboard().type("Bristol");
        page.keyboard().press("Enter");
        assertThat(results(page)).hasCount(1);
        assertThat(results(page).first()).containsText("Bristol Collagen Clinic");

        tabBackTo(page, "query");
        page.keyboard().press("Control+A");
        page.keyboard().press("Backspace");
        tabTo(page, "submit");
        assertThat(focusOutlineWidth(page)).isGreaterThanOrEqualTo(2.0);
        page.keyboard().press("Enter");
        assertThat(results(page)).hasCount(2);
        tabTo(page, "load-more");
        page.keyboard().press("Enter");
        assertThat(results(page)).hasCount(4);
        // Focus continues at the first result that was added.
        String focusedText = (String) page.evaluate(
                "() => document.querySelector('clinic-finder').shadowRoot.activeElement?.textContent ?? ''");
        assertThat(focusedText).contains(results(page).nth(2).locator("h3").textContent().strip());
        Browser.screenshot(page, "widget-keyboard");
    }

    private static String focused(Page page) {
        return (String) page.evaluate("() => { const root = document.querySelector('clinic-finder').shadowRoot;"
                + " const el = root && root.activeElement; return el ? (el.dataset.cf || el.tagName) : ''; }");
    }

    private static void tabTo(Page page, String hook) {
        for (int i = 0; i < 40 && !hook.equals(focused(page)); i++) {
            page.keyboard().press("Tab");
        }
        assertThat(focused(page)).as("Tab reaches " + hook).isEqualTo(hook);
    }

    private static void tabBackTo(Page page, String hook) {
        for (int i = 0; i < 40 && !hook.equals(focused(page)); i++) {
            page.keyboard().press("Shift+Tab");
        }
        assertThat(focused(page)).as("Shift+Tab reaches " + hook).isEqualTo(hook);
    }

    private static double focusOutlineWidth(Page page) {
        Object width = page.evaluate("() => { const el = document.querySelector('clinic-finder').shadowRoot"
                + ".activeElement; return parseFloat(getComputedStyle(el).outlineWidth) || 0; }");
        return ((Number) width).doubleValue();
    }

    @Test
    void shouldResizeTheIframeVariantToItsContent() {
        String serviceOrigin = service.toString().replaceAll("/$", "");
        String frame = serviceOrigin + "/embed/v1/frame?key=" + key + "&country=GB&lang=de";
        Page page = visit(partnerSite.page("/frame.html", "Skin Journal: clinics (iframe)",
                "<iframe id=\"clinic-finder\" src=\"" + frame + "\" title=\"Find a microneedling provider\""
                        + " style=\"width:100%;border:0\"></iframe>"
                        + "<script>addEventListener(\"message\", e => { if (e.origin === \"" + serviceOrigin
                        + "\" && e.data && e.data.type === \"clinic-finder:resize\") document.getElementById("
                        + "\"clinic-finder\").style.height = e.data.height + \"px\"; });</script>"));
        Locator framed = page.frameLocator("#clinic-finder").locator("clinic-finder [data-cf=result]");
        assertThat(framed).hasCount(4);
        page.waitForFunction("() => parseInt(document.getElementById('clinic-finder').style.height || '0') > 600");
        int frameHeight = ((Number) page.evaluate(
                "() => document.getElementById('clinic-finder').getBoundingClientRect().height")).intValue();
        int contentHeight = ((Number) page.frameLocator("#clinic-finder").locator("clinic-finder")
                .evaluate("el => Math.ceil(el.getBoundingClientRect().bottom)")).intValue();
        assertThat(frameHeight).isBetween(contentHeight - 2, contentHeight + 40);
        assertThat(page.frameLocator("#clinic-finder").locator("clinic-finder [data-cf=submit]")).hasText("Suchen");
        // A cross-origin frame is painted only inside the viewport, so make the viewport hold the whole page.
        page.setViewportSize(900, frameHeight + 200);
        Browser.screenshot(page, "widget-iframe");
    }

    @Test
    void shouldShowTheDemoPageWithAKey() {
        Page page = visit(service.toString().replaceAll("/$", "") + "/embed/v1/demo.html?key=" + key + "&country=GB");
        assertThat(results(page)).hasCount(4);
        Browser.screenshot(page, "widget-demo-page");
        Page withoutKey = context.newPage();
        withoutKey.navigate(service.toString().replaceAll("/$", "") + "/embed/v1/demo.html");
        assertThat(withoutKey.getByLabel("API key")).isVisible();
    }

    @Test
    void shouldRefuseTheIframeVariantOnASiteTheKeyDoesNotAllow() {
        String frame = service.toString().replaceAll("/$", "") + "/embed/v1/frame?key=" + key;
        Page page = visit(otherSite.page("/frame.html", "Copycat (iframe)",
                "<iframe id=\"clinic-finder\" src=\"" + frame + "\" style=\"width:100%;height:200px\"></iframe>"));
        assertThat(page.frameLocator("#clinic-finder").locator("[role=alert]"))
                .containsText("not allowed to show this search");
        Browser.screenshot(page, "widget-iframe-refused");
    }
}
