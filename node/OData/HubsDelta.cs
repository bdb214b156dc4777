using System.Globalization;
using System.Text.Json;
using DihNode.Node.Registry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OData.Extensions;
using Microsoft.EntityFrameworkCore;
using Microsoft.OData.Edm;

namespace DihNode.Node.OData;

/// <summary>
/// Change tracking on the <c>Hubs</c> set for HTTP harvesters (OData 4.01 Part 1 §11.3 "Requesting Changes";
/// JSON Format 4.0 §15 and 4.01 §15 "Delta Payload"), over the registry's change feed: the delta token is a
/// feed sequence number.
/// <list type="number">
/// <item>A client reads <c>GET /odata/Hubs</c> with <c>Prefer: odata.track-changes</c>. The node answers the
/// hubs as usual, with <c>Preference-Applied: odata.track-changes</c>, and the last page (the one without
/// <c>@odata.nextLink</c>) ends with <c>@odata.deltaLink</c> = <c>/odata/Hubs?$deltatoken=SEQ</c>, SEQ being
/// the feed's last sequence when the first page was read (carried through the next links as
/// <c>dihnode-since</c>), so a change made while the client pages is delivered again, never lost.</item>
/// <item>Following the delta link gives every hub changed after SEQ as it is now, and every hub deleted
/// since as a deleted entity, then a new <c>@odata.deltaLink</c> (or an <c>@odata.nextLink</c> when more than
/// <see cref="MaxChanges"/> changes wait).</item>
/// </list>
/// Deleted entities are written in the 4.0 form (<c>"@odata.context":"…#Hubs/$deletedEntity"</c>, <c>id</c>,
/// <c>reason</c>) unless the request says <c>OData-MaxVersion: 4.01</c>, which gets the 4.01 form
/// (<c>"@removed":{"reason":"deleted"}</c>, <c>"@id"</c>). The preference is honoured on the plain set only
/// (no <c>$filter</c>, <c>$search</c>, <c>$apply</c>, <c>$expand</c>, <c>$orderby</c>, <c>$top</c>,
/// <c>$skip</c>, <c>$select</c>): a delta over a filtered set would have to report hubs leaving the filter,
/// which the feed does not record. A token before the compacted start of the feed is 410 Gone (read the set again).
/// </summary>
internal static class HubsDelta
{
    public const string Preference = "odata.track-changes";
    public const string SinceParameter = "dihnode-since";
    public const int MaxChanges = 1000;

    private static readonly string[] s_refusing = ["$filter", "$search", "$apply", "$expand", "$orderby", "$top", "$skip", "$select", "$compute"];

    /// <summary>Answers delta-link requests (<c>GET /odata/Hubs?$deltatoken=N</c>) before the OData controllers see them.</summary>
    public static void Map(WebApplication app) => app.Use(async (http, next) =>
    {
        if (HttpMethods.IsGet(http.Request.Method) && http.Request.Query.ContainsKey("$deltatoken")
            && string.Equals(http.Request.Path.Value?.TrimEnd('/'), "/" + ODataEndpoints.Prefix + "/Hubs", StringComparison.OrdinalIgnoreCase))
        {
            await AnswerAsync(http);
            return;
        }
        await next(http);
    });

    /// <summary>
    /// Called by the Hubs query action: when the client asked to track changes on the plain set, says so and
    /// sets the delta link the serializer writes on the last page.
    /// </summary>
    public static void OnQuery(HttpContext http, NodeStore store)
    {
        var request = http.Request;
        if (!request.Headers["Prefer"].Any(p => p is not null && p.Split(',').Any(v => v.Trim().Equals(Preference, StringComparison.OrdinalIgnoreCase)))) return;
        if (s_refusing.Any(o => request.Query.ContainsKey(o))) return;
        long since;
        if (request.Query[SinceParameter] is { Count: 1 } carried)
        {
            if (!long.TryParse(carried[0], NumberStyles.None, CultureInfo.InvariantCulture, out since)) return;
        }
        else
        {
            since = store.Registry.LastSequence;
            // The next links the library writes copy the request's query: the first page's sequence goes with them.
            request.QueryString = request.QueryString.Add(SinceParameter, since.ToString(CultureInfo.InvariantCulture));
        }
        http.Response.Headers["Preference-Applied"] = Preference;
        http.ODataFeature().DeltaLink = DeltaLink(http, since);
    }

    private static Uri DeltaLink(HttpContext http, long since) =>
        new($"{Root(http)}/Hubs?$deltatoken={since.ToString(CultureInfo.InvariantCulture)}");

    private static string Root(HttpContext http) =>
        $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/{ODataEndpoints.Prefix}";

    private static async Task AnswerAsync(HttpContext http)
    {
        var store = http.RequestServices.GetService(typeof(NodeStore)) as NodeStore ?? throw new InvalidOperationException("no node store");
        string token = http.Request.Query["$deltatoken"].ToString();
        if (!long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out long since))
        {
            await ODataErrors.WriteAsync(http, StatusCodes.Status400BadRequest, "BadDeltaToken", $"$deltatoken: '{token}' is not a delta token this service issued (a sequence number)");
            return;
        }
        if (http.Request.Query.Keys.FirstOrDefault(k => k.StartsWith('$') && k is not "$deltatoken" and not "$format") is { } other)
        {
            await ODataErrors.WriteAsync(http, StatusCodes.Status400BadRequest, "BadDeltaQuery", $"{other}: a delta link takes no query options besides $deltatoken (OData 4.01 Part 1, §11.3)");
            return;
        }
        long first = store.Registry.FirstRetainedSequence;
        if (since < first - 1)
        {
            await ODataErrors.WriteAsync(http, StatusCodes.Status410Gone, "DeltaTokenExpired", $"$deltatoken: the change feed was compacted through {first - 1}; read /odata/Hubs again with Prefer: {Preference}");
            return;
        }
        bool v401 = IsV401(http.Request.Headers["OData-MaxVersion"].ToString());

        List<HubChange> rows;
        List<Hub> current;
        using (var context = store.NewContext())
        using (ReadTransaction.Begin(context)) // one read snapshot: the changes and the hubs agree
        {
            rows = await context.Changes.AsNoTracking().Where(c => c.Sequence > since).OrderBy(c => c.Sequence).Take(MaxChanges + 1).ToListAsync(http.RequestAborted);
            var iris = rows.Where(r => r.Kind == HubChangeKind.Upsert).Select(r => r.HubIri).ToHashSet(StringComparer.Ordinal);
            current = iris.Count == 0 ? [] : await context.Hubs.AsNoTracking().Where(h => iris.Contains(h.Iri)).OrderBy(h => h.Id).ToListAsync(http.RequestAborted);
        }
        bool more = rows.Count > MaxChanges;
        if (more) rows.RemoveAt(rows.Count - 1);
        long through = rows.Count > 0 ? rows[^1].Sequence : since;
        var alive = current.Select(h => h.Id).ToHashSet();
        var removed = rows.Where(r => r.Kind == HubChangeKind.Delete && r.HubId is int id && !alive.Contains(id)).Select(r => r.HubId!.Value).Distinct().Order().ToList();

        string root = Root(http);
        var hubType = (IEdmEntityType)RegistryEdmModel.Model.FindDeclaredType(RegistryEdmModel.Namespace + "." + nameof(Hub))!;
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json; odata.metadata=minimal; odata.streaming=true; charset=utf-8";
        http.Response.Headers["OData-Version"] = v401 ? "4.01" : "4.0";
        await using var json = new Utf8JsonWriter(http.Response.Body);
        json.WriteStartObject();
        json.WriteString("@odata.context", root + "/$metadata#Hubs/$delta");
        json.WriteStartArray("value");
        foreach (var hub in current) WriteHub(json, hubType, hub);
        foreach (int id in removed)
        {
            json.WriteStartObject();
            string entityId = $"{root}/Hubs({id.ToString(CultureInfo.InvariantCulture)})";
            if (v401)
            {
                json.WriteStartObject("@removed");
                json.WriteString("reason", "deleted");
                json.WriteEndObject();
                json.WriteString("@id", entityId);
            }
            else
            {
                json.WriteString("@odata.context", root + "/$metadata#Hubs/$deletedEntity");
                json.WriteString("id", entityId);
                json.WriteString("reason", "deleted");
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteString(more ? "@odata.nextLink" : "@odata.deltaLink", DeltaLink(http, through).AbsoluteUri);
        json.WriteEndObject();
        await json.FlushAsync(http.RequestAborted);
    }

    /// <summary>A hub as the set's entity: the structural properties the model declares, and its ETag.</summary>
    private static void WriteHub(Utf8JsonWriter json, IEdmEntityType type, Hub hub)
    {
        json.WriteStartObject();
        json.WriteString("@odata.etag", HubETagHandler.For(hub.Version).ToString());
        foreach (var property in type.StructuralProperties())
        {
            object? value = typeof(Hub).GetProperty(property.Name)?.GetValue(hub);
            switch (value)
            {
                case null: json.WriteNull(property.Name); break;
                case string s: json.WriteString(property.Name, s); break;
                case int i: json.WriteNumber(property.Name, i); break;
                case long l: json.WriteNumber(property.Name, l); break;
                case DateTime t: json.WriteString(property.Name, DateTime.SpecifyKind(t, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture)); break;
                default: json.WriteString(property.Name, Convert.ToString(value, CultureInfo.InvariantCulture)); break;
            }
        }
        json.WriteEndObject();
    }

    private static bool IsV401(string maxVersion) =>
        decimal.TryParse(maxVersion.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal v) && v >= 4.01m;
}
