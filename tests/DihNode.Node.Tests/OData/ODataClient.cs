using System.Net;
using System.Text;
using System.Text.Json;

namespace DihNode.Node.Tests.OData;

/// <summary>Small helpers for the OData tests: GET a JSON answer, send a JSON body, read an OData error.</summary>
internal static class ODataClient
{
    public static async Task<JsonElement> GetJson(this HttpClient client, string relative, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.GetAsync(relative);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"GET {relative}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task<HttpResponseMessage> Send(this HttpClient client, HttpMethod method, string relative, string? json, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, relative);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await client.SendAsync(request);
    }

    /// <summary>The <c>error</c> object of an OData error answer; fails when the body shows a stack trace.</summary>
    public static async Task<JsonElement> Error(HttpResponseMessage response)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("   at ", body);
        Assert.DoesNotContain("stacktrace", body, StringComparison.OrdinalIgnoreCase);
        return JsonDocument.Parse(body).RootElement.GetProperty("error").Clone();
    }

    /// <summary>The entities of a collection answer.</summary>
    public static List<JsonElement> Values(this JsonElement page) => [.. page.GetProperty("value").EnumerateArray()];

    public static string Str(this JsonElement e, string name) => e.GetProperty(name).GetString()!;
}
