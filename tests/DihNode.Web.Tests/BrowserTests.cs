using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace DihNode.Web.Tests;

/// <summary>
/// End-to-end: chromium against the real node on loopback, the way a visitor uses the UI (typing, ticking,
/// clicking, going back, downloading). Each test saves a screenshot into the test output folder
/// (<c>screenshots/</c> beside the test assembly).
/// </summary>
[Collection(WebCollection.Name)]
public sealed partial class BrowserTests(WebFixture node) : IAsyncLifetime
{
    private IBrowserContext _context = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        var browser = await node.BrowserAsync();
        _context = await browser.Instance.NewContextAsync(new BrowserNewContextOptions { BaseURL = node.BaseAddress.ToString(), AcceptDownloads = true });
        _context.SetDefaultTimeout(15_000);
        _page = await _context.NewPageAsync();
    }

    public async Task DisposeAsync() => await _context.DisposeAsync();

    private Task ScreenshotAsync(string name)
    {
        string folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        return _page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    /// <summary>
    /// Waits until the page's URL matches, polling the URL only; the assertions after it wait for their own
    /// elements. Waiting for a load state as well (WaitForURL) timed out on fresh CI machines although the
    /// page had loaded (Playwright logged "NetworkIdle" fired).
    /// </summary>
    private Task WaitForUrlAsync(Regex url) => Assertions.Expect(_page).ToHaveURLAsync(url, new() { Timeout = 15_000 });

    [Fact]
    public async Task Search_for_a_known_hub_and_open_its_page()
    {
        await _page.GotoAsync("/");
        await _page.GetByLabel("Find a hub").FillAsync("DIHSE");
        await _page.GetByLabel("Find a hub").PressAsync("Enter");
        await WaitForUrlAsync(new Regex("/search\\?q=DIHSE$"));
        Assert.Equal("1", await _page.Locator("#result-count").GetAttributeAsync("data-count"));
        await _page.GetByRole(AriaRole.Link, new() { Name = "DIHSE", Exact = true }).ClickAsync();
        await WaitForUrlAsync(new Regex("/hub/edih2025/es-soe-dihse$"));
        Assert.Equal("DIHSE", await _page.Locator("h1").InnerTextAsync());
        Assert.Contains("DIGITAL INNOVATION HUB SILVER ECONOMY", await _page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await ScreenshotAsync("hub-page");
    }

    [Fact]
    public async Task Filter_by_country_and_technology_matches_SPARQL_and_back_works()
    {
        await _page.GotoAsync("/search");
        await _page.GetByRole(AriaRole.Checkbox, new() { NameRegex = new Regex("^Spain \\(\\d+\\)$") }).CheckAsync();
        await WaitForUrlAsync(new Regex("country=ES"));
        string spainOnly = (await _page.Locator("#result-count").GetAttributeAsync("data-count"))!;

        var technology = _page.Locator("fieldset", new() { Has = _page.Locator("legend", new() { HasText = "Technology" }) });
        var box = technology.GetByRole(AriaRole.Checkbox, new() { NameRegex = new Regex("^Cybersecurity \\(\\d+\\)$") });
        if (!await box.IsVisibleAsync()) await technology.Locator("summary").ClickAsync();
        await box.CheckAsync();
        await WaitForUrlAsync(new Regex("technology=cybersecurity"));
        Assert.Contains("country=ES", _page.Url, StringComparison.Ordinal);
        int shown = int.Parse((await _page.Locator("#result-count").GetAttributeAsync("data-count"))!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(node.SparqlHubCount("ESP", "cybersecurity"), shown);
        Assert.Equal(Math.Min(shown, 20), await _page.Locator("ol.hits > li").CountAsync());
        await ScreenshotAsync("search-filtered");

        // The URL holds the state: back shows the country-only search again.
        await _page.GoBackAsync();
        await WaitForUrlAsync(new Regex("/search\\?country=ES$")); // the script leaves empty and default fields out of the URL
        Assert.Equal(spainOnly, await _page.Locator("#result-count").GetAttributeAsync("data-count"));
        Assert.True(await _page.GetByRole(AriaRole.Checkbox, new() { NameRegex = new Regex("^Spain \\(\\d+\\)$") }).IsCheckedAsync());
    }

    [Fact]
    public async Task Run_an_example_query_and_read_the_table()
    {
        await _page.GotoAsync("/query");
        await _page.GetByRole(AriaRole.Link, new() { Name = "How many hubs are there in each country?" }).ClickAsync();
        await WaitForUrlAsync(new Regex("example=hubs-per-country"));
        var rows = _page.Locator("table.results tbody tr");
        using var db = node.Store.NewContext();
        var byCountry = await db.Hubs.GroupBy(h => h.Country!.Name).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.N);
        Assert.Equal(byCountry.Count, await rows.CountAsync());
        for (int i = 0; i < 3; i++)
        {
            var cells = await rows.Nth(i).Locator("td").AllInnerTextsAsync();
            string name = cells[1].Replace("@en", "", StringComparison.Ordinal).Trim();
            Assert.Equal(byCountry[name].ToString(System.Globalization.CultureInfo.InvariantCulture), cells[2]);
        }
        Assert.Matches("\\d+(\\.\\d)? ms", await _page.Locator("#elapsed").InnerTextAsync());
        await ScreenshotAsync("sparql-example");

        // A broken query: the error names line and column, the gutter marks the line.
        await _page.Locator("#query-text").FillAsync("SELECT * WHERE {\n  ?s ?p\n}");
        await _page.Locator("#query-text").PressAsync("Control+Enter");
        await _page.Locator("#query-error").WaitForAsync();
        Assert.Matches("Line 3, column 1:", await _page.Locator("#query-error").InnerTextAsync());
        Assert.Equal("3", await _page.Locator(".gutter mark").InnerTextAsync());
        await ScreenshotAsync("sparql-error");
    }

    [Fact]
    public async Task Download_the_selection_as_CSV()
    {
        await _page.GotoAsync("/search?country=MT");
        var download = await _page.RunAndWaitForDownloadAsync(() => _page.GetByRole(AriaRole.Link, new() { Name = "CSV", Exact = true }).ClickAsync());
        Assert.Equal("hubs-selection.csv", download.SuggestedFilename);
        string file = Path.Combine(AppContext.BaseDirectory, "screenshots", "hubs-selection.csv");
        await download.SaveAsAsync(file);
        var records = Csv.Records(await File.ReadAllTextAsync(file));
        using var db = node.Store.NewContext();
        Assert.Equal(await db.Hubs.CountAsync(h => h.CountryCode == "MT") + 1, records.Count);
        Assert.Contains(records, r => r[1] == WebFixture.HostileName);
        await ScreenshotAsync("csv-download");
    }

    [Fact]
    public async Task Phone_width_has_no_horizontal_scrolling_and_keyboard_reaches_the_search()
    {
        await _page.SetViewportSizeAsync(375, 740);
        foreach (string url in new[] { "/", "/search?country=IT", "/query?example=technologies-by-type" })
        {
            await _page.GotoAsync(url);
            int width = await _page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            string wide = width <= 375 ? "" : await _page.EvaluateAsync<string>(
                "() => [...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > innerWidth).slice(0, 5).map(e => e.tagName + '.' + e.className).join(', ')");
            Assert.True(width <= 375, $"{url} is {width} px wide at phone width: {wide}");
        }
        await _page.GotoAsync("/search");
        await _page.Locator("#q").FocusAsync();
        await _page.Keyboard.TypeAsync("robotics");
        await _page.Keyboard.PressAsync("Enter");
        await WaitForUrlAsync(new Regex("q=robotics"));
        Assert.True(int.Parse((await _page.Locator("#result-count").GetAttributeAsync("data-count"))!, System.Globalization.CultureInfo.InvariantCulture) > 0);
        await ScreenshotAsync("phone-search");
    }
}
