using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace DihNode.Web.Tests;

/// <summary>Small readers for the server-rendered pages (the pages mark their figures with ids and data attributes).</summary>
internal static partial class Html
{
    public static async Task<(HttpStatusCode Status, string Body)> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The <c>data-count</c> of the element with <paramref name="id"/>.</summary>
    public static int DataCount(string html, string id)
    {
        var m = Regex.Match(html, "id=\"" + Regex.Escape(id) + "\"[^>]*data-count=\"(\\d+)\"");
        Assert.True(m.Success, $"no #{id} with data-count in the page");
        return int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>Rows of a home-page count table: the search link's value, label and count.</summary>
    public static List<(string Key, string Label, int Count)> CountRows(string html, string tableId)
    {
        int start = html.IndexOf("id=\"" + tableId + "\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no table #{tableId}");
        int end = html.IndexOf("</table>", start, StringComparison.Ordinal);
        return CountRow().Matches(html[start..end])
            .Select(m => (WebUtility.UrlDecode(m.Groups[1].Value), WebUtility.HtmlDecode(m.Groups[2].Value), int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture)))
            .ToList();
    }

    /// <summary>A facet's counts on the search page: value and count.</summary>
    public static Dictionary<string, int> FacetCounts(string html, string facet) =>
        FacetRow().Matches(html).Where(m => m.Groups[1].Value == facet)
            .ToDictionary(m => WebUtility.HtmlDecode(m.Groups[2].Value), m => int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex("<th scope=\"row\"><a href=\"/search\\?[a-z]+=([^\"]*)\">([^<]*)</a></th><td class=\"num\">(\\d+)</td>")]
    private static partial Regex CountRow();

    [GeneratedRegex("name=\"([a-z]+)\" value=\"([^\"]*)\"[^>]*> <label[^>]*>[^<]*<span class=\"count\">\\((\\d+)\\)</span>")]
    private static partial Regex FacetRow();
}
