using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace DihNode.Web.Tests;

/// <summary>
/// The SPARQL editor's syntax colours in chromium: a coloured copy of the text lies exactly under the
/// (transparent) text area, follows typing and scrolling, and marks the spot of a syntax error.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class EditorTests(WebFixture node) : IAsyncLifetime
{
    private IBrowserContext _context = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        var browser = await node.BrowserAsync();
        _context = await browser.Instance.NewContextAsync(new BrowserNewContextOptions { BaseURL = node.BaseAddress.ToString() });
        _context.SetDefaultTimeout(15_000);
        _page = await _context.NewPageAsync();
    }

    public async Task DisposeAsync() => await _context.DisposeAsync();

    /// <summary>The coloured copy's text, with each token class's texts.</summary>
    private Task<string> CopyAsync() => _page.Locator(".editor .highlight").EvaluateAsync<string>("e => e.textContent");

    private async Task<string[]> TokensAsync(string kind) => [.. await _page.Locator($".editor .highlight .tk-{kind}").AllTextContentsAsync()];

    [Fact]
    public async Task Tokens_are_coloured_by_kind_and_the_copy_holds_the_same_text()
    {
        await _page.GotoAsync("/query");
        await Assertions.Expect(_page.Locator(".editor.highlighted")).ToHaveCountAsync(1);
        const string Query = "PREFIX foaf: <http://xmlns.com/foaf/0.1/>\n" +
            "SELECT ?s (COUNT(*) AS ?n) # a comment with <iri> and \"quotes\"\n" +
            "WHERE { ?s a foaf:Person ; foaf:name \"Ann # not a comment\"@en-GB . FILTER(?n > 3.5 && <http://a.example/x#y> != _:b1) }";
        await _page.Locator("#query-text").FillAsync(Query);

        Assert.Equal(Query, await CopyAsync());
        Assert.Equal(["PREFIX", "SELECT", "COUNT", "AS", "WHERE", "a", "FILTER"], await TokensAsync("k"));
        Assert.Equal(["?s", "?n", "?s", "?n"], await TokensAsync("v"));
        Assert.Equal(["foaf:", "<http://xmlns.com/foaf/0.1/>", "foaf:Person", "foaf:name", "<http://a.example/x#y>", "_:b1"], await TokensAsync("i"));
        Assert.Equal(["\"Ann # not a comment\""], await TokensAsync("s"));
        Assert.Equal(["@en-GB"], await TokensAsync("l"));
        Assert.Equal(["3.5"], await TokensAsync("n"));
        Assert.Equal(["# a comment with <iri> and \"quotes\""], await TokensAsync("c"));

        // The text area's own glyphs are transparent (the caret is not), and both boxes coincide.
        string colour = await _page.Locator("#query-text").EvaluateAsync<string>("e => getComputedStyle(e).color");
        Assert.Equal("rgba(0, 0, 0, 0)", colour);
        double[] offsets = await _page.EvaluateAsync<double[]>(@"() => {
            const t = document.getElementById('query-text').getBoundingClientRect();
            const h = document.querySelector('.editor .highlight').getBoundingClientRect();
            return [t.left - h.left, t.top - h.top, t.width - h.width, t.height - h.height];
        }");
        Assert.All(offsets, d => Assert.InRange(d, -0.5, 0.5));

        // Markup typed into the editor is shown as text, never as markup.
        await _page.Locator("#query-text").FillAsync("ASK { <x> <y> \"<img src=x onerror=alert(1)>\" }");
        Assert.Equal(0, await _page.Locator(".editor .highlight img").CountAsync());
        Assert.Equal(["\"<img src=x onerror=alert(1)>\""], await TokensAsync("s"));
    }

    [Fact]
    public async Task The_copy_scrolls_with_the_text_and_the_error_spot_is_underlined()
    {
        await _page.SetViewportSizeAsync(900, 700);
        await _page.GotoAsync("/query");
        string longQuery = "SELECT * WHERE {\n" + string.Concat(Enumerable.Range(1, 80).Select(i => $"  ?s <http://example.org/p{i}> ?o{i} .\n")) + "}";
        await _page.Locator("#query-text").FillAsync(longQuery);
        await _page.Locator("#query-text").EvaluateAsync("e => { e.scrollTop = 400; e.dispatchEvent(new Event('scroll')); }");
        int[] tops = await _page.EvaluateAsync<int[]>("() => [document.getElementById('query-text').scrollTop, document.querySelector('.editor .highlight').scrollTop, document.querySelector('.editor .gutter').scrollTop]");
        Assert.True(tops[0] > 0, "the text area did not scroll");
        Assert.Equal(tops[0], tops[1]);
        Assert.Equal(tops[0], tops[2]);
        Assert.Equal(longQuery, await CopyAsync());

        // A syntax error: line 2, column 8 ("?p" lacks its object); that character is underlined.
        await _page.Locator("#query-text").FillAsync("SELECT * WHERE {\n  ?s ?p\n}");
        await _page.Locator("#query-text").PressAsync("Control+Enter");
        await _page.Locator("#query-error").WaitForAsync();
        var match = Regex.Match(await _page.Locator("#query-error").InnerTextAsync(), "Line (\\d+), column (\\d+)");
        Assert.True(match.Success);
        string[] lines = (await _page.Locator("#query-text").InputValueAsync()).Split('\n');
        int line = int.Parse(match.Groups[1].Value), column = int.Parse(match.Groups[2].Value);
        string expected = column <= lines[line - 1].Length ? lines[line - 1][column - 1].ToString() : " ";
        Assert.Equal(expected, await _page.Locator(".editor .highlight mark.tk-e").TextContentAsync());
        // Typing clears the mark.
        await _page.Locator("#query-text").PressAsync("End");
        await _page.Keyboard.TypeAsync(" ");
        Assert.Equal(0, await _page.Locator(".editor .highlight mark.tk-e").CountAsync());
    }
}
