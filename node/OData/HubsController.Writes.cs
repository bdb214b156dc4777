using DihNode.Node.Registry;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Deltas;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace DihNode.Node.OData;

/// <summary>
/// Writes on <c>Hubs</c> (OData v4.01 Part 1, §11.4): POST creates, PUT replaces, PATCH changes the given
/// properties, DELETE removes. Each needs the API key (401), is checked by <see cref="HubWriteMapper"/>
/// (400 naming the property), honours <c>If-Match</c> (412 when stale; <c>*</c> for any version) and
/// goes through <see cref="HubRegistry"/> as one write, so the change feed and the RDF projection follow.
/// A hub another node published (Origin not empty) is read-only here (409). A credential whose role registry
/// is scoped to countries (<c>registry=FR</c>) writes only hubs of those countries, before and after the write (403).
/// </summary>
public sealed partial class HubsController
{
    /// <summary>Properties the node sets: a client may send them back unchanged (PUT), never change them (PATCH).</summary>
    private static readonly HashSet<string> s_computed =
    [
        nameof(Hub.Id), nameof(Hub.Identifier), nameof(Hub.Iri), nameof(Hub.Source), nameof(Hub.SourceRecord),
        nameof(Hub.Origin), nameof(Hub.Modified), nameof(Hub.Version),
    ];

    public async Task<IActionResult> Post([FromBody] Hub? hub, CancellationToken cancellationToken)
    {
        if (access.Refusal(HttpContext, Hosting.WriteRole.Registry) is { } denied) return ODataErrors.Answer(denied.Status, denied.Code, denied.Message);
        if (!ModelState.IsValid || hub is null) return ODataErrors.BadBody(ModelState);
        var problems = new List<HubFieldProblem>();
        var record = HubWriteMapper.ToRecord(hub, null, context, problems);
        if (record is null) return ODataErrors.Invalid(problems);
        string country = hub.CountryCode.Trim().ToUpperInvariant();
        if (OutOfScope(country, $"this POST creates a hub in {country}") is { } outOfScope) return outOfScope;
        string iri = store.Iris.Hub(record.Source, record.Key).Value;
        var existing = context.Hubs.AsNoTracking().Where(h => h.Iri == iri).Select(h => new { h.Id }).FirstOrDefault();
        if (existing is not null)
            return ODataErrors.Answer(StatusCodes.Status409Conflict, "Conflict",
                $"a hub with this name in this country exists: Hubs({existing.Id}); change it with PUT or PATCH", nameof(Hub.Name));
        int id;
        long version;
        try
        {
            (_, version, id) = await store.Registry.UpsertAsync(record, ifVersion: 0, cancellationToken: cancellationToken);
        }
        catch (HubVersionConflictException)
        {
            return ODataErrors.Answer(StatusCodes.Status409Conflict, "Conflict",
                "a hub with this name in this country was created meanwhile; change it with PUT or PATCH", nameof(Hub.Name));
        }
        Response.Headers.ETag = HubETagHandler.For(version).ToString();
        return Created(Reload(id));
    }

    public async Task<IActionResult> Put(int key, [FromBody] Hub? hub, CancellationToken cancellationToken)
    {
        if (access.Refusal(HttpContext, Hosting.WriteRole.Registry) is { } denied) return ODataErrors.Answer(denied.Status, denied.Code, denied.Message);
        if (!ModelState.IsValid || hub is null) return ODataErrors.BadBody(ModelState);
        return await ReplaceAsync(key, _ => hub, cancellationToken);
    }

    public async Task<IActionResult> Patch(int key, Delta<Hub>? delta, CancellationToken cancellationToken)
    {
        if (access.Refusal(HttpContext, Hosting.WriteRole.Registry) is { } denied) return ODataErrors.Answer(denied.Status, denied.Code, denied.Message);
        if (!ModelState.IsValid || delta is null) return ODataErrors.BadBody(ModelState);
        var computed = delta.GetChangedPropertyNames().Where(s_computed.Contains).ToList();
        if (computed.Count > 0)
            return ODataErrors.Invalid(computed.Select(p => new HubFieldProblem(p, "set by the node; it cannot be written")).ToList());
        // A hub's country and type are chosen by CountryCode and TypeId; the referenced entities are not written through a hub.
        var navigation = delta.GetDeltaNestedNavigationProperties().Keys.Concat(delta.GetChangedPropertyNames())
            .Where(p => p is nameof(Hub.Country) or nameof(Hub.Type)).Distinct().ToList();
        if (navigation.Count > 0)
            return ODataErrors.Invalid(navigation.Select(p => new HubFieldProblem(p, $"a navigation property cannot be written; set {(p == nameof(Hub.Country) ? nameof(Hub.CountryCode) : nameof(Hub.TypeId))} instead")).ToList());
        return await ReplaceAsync(key, current =>
        {
            var proposed = Copy(current);
            delta.Patch(proposed);
            // Involvements given in the body replace the hub's (a nested collection is not in the changed structural properties).
            if (delta.GetChangedPropertyNames().Contains(nameof(Hub.Involvements)) || delta.GetDeltaNestedNavigationProperties().ContainsKey(nameof(Hub.Involvements)))
                proposed.Involvements = delta.GetInstance().Involvements;
            return proposed;
        }, cancellationToken);
    }

    public async Task<IActionResult> Delete(int key, CancellationToken cancellationToken)
    {
        if (access.Refusal(HttpContext, Hosting.WriteRole.Registry) is { } denied) return ODataErrors.Answer(denied.Status, denied.Code, denied.Message);
        var current = context.Hubs.AsNoTracking().FirstOrDefault(h => h.Id == key);
        if (current is null) return ODataErrors.NotFound(key);
        if (OutOfScope(current.CountryCode, $"hub {key} is in {current.CountryCode}") is { } outOfScope) return outOfScope;
        if (Refusal(current, out long? ifVersion) is ObjectResult refused) return refused;
        try
        {
            await store.Registry.DeleteAsync(current.Iri, ifVersion, cancellationToken: cancellationToken);
        }
        catch (HubVersionConflictException e)
        {
            return ODataErrors.Stale(ifVersion ?? 0, e.Actual);
        }
        return NoContent();
    }

    /// <summary>PUT and PATCH: <paramref name="propose"/> gives the hub as it should be, from the current row.</summary>
    private async Task<IActionResult> ReplaceAsync(int key, Func<Hub, Hub> propose, CancellationToken cancellationToken)
    {
        var current = HubRegistry.LoadHubs(context).AsNoTracking().FirstOrDefault(h => h.Id == key);
        if (current is null) return ODataErrors.NotFound(key);
        if (OutOfScope(current.CountryCode, $"hub {key} is in {current.CountryCode}") is { } outOfScope) return outOfScope;
        if (Refusal(current, out long? ifVersion) is ObjectResult refused) return refused;
        var problems = new List<HubFieldProblem>();
        var proposed = propose(current);
        var record = HubWriteMapper.ToRecord(proposed, current, context, problems);
        if (record is null) return ODataErrors.Invalid(problems);
        // A scoped registry role may not move a hub out of its countries either.
        string country = proposed.CountryCode.Trim().ToUpperInvariant();
        if (OutOfScope(country, $"this {Request.Method} would move hub {key} from {current.CountryCode} to {country}") is { } moved) return moved;
        long version;
        try
        {
            (_, version, _) = await store.Registry.UpsertAsync(record, ifVersion, cancellationToken: cancellationToken);
        }
        catch (HubVersionConflictException e)
        {
            return ODataErrors.Stale(ifVersion ?? 0, e.Actual);
        }
        Response.Headers.ETag = HubETagHandler.For(version).ToString();
        return Updated(Reload(key));
    }

    /// <summary>
    /// Why the write on <paramref name="current"/> may not happen (a peer's hub, a stale or malformed
    /// <c>If-Match</c>), or null; <paramref name="ifVersion"/> is the version <c>If-Match</c> names (null: none or <c>*</c>).
    /// </summary>
    private ObjectResult? Refusal(Hub current, out long? ifVersion)
    {
        ifVersion = null;
        if (current.Origin.Length > 0)
            return ODataErrors.Answer(StatusCodes.Status409Conflict, "Conflict", $"hub {current.Id} is published by node '{current.Origin}'; change it there");
        var ifMatch = Request.GetTypedHeaders().IfMatch;
        if (ifMatch is null || ifMatch.Count == 0 || ifMatch.Any(t => t.Equals(EntityTagHeaderValue.Any))) return null;
        foreach (var tag in ifMatch)
        {
            if (!HubETagHandler.TryParse(tag, out long version))
                return ODataErrors.Answer(StatusCodes.Status400BadRequest, "InvalidETag", $"If-Match {tag} is not an ETag of this node (W/\"version\")", "If-Match");
            if (version == current.Version)
            {
                ifVersion = version;
                return null;
            }
        }
        HubETagHandler.TryParse(ifMatch[0], out long stale);
        return ODataErrors.Stale(stale, current.Version);
    }

    /// <summary>The 403 when the credential's role registry is scoped to countries that do not include <paramref name="country"/>; else null.</summary>
    private ObjectResult? OutOfScope(string country, string what) =>
        Hosting.WriteAccess.CountryRefusal(HttpContext, country, what) is { } denied ? ODataErrors.Answer(denied.Status, denied.Code, denied.Message) : null;

    private Hub Reload(int id) => context.Hubs.AsNoTracking().First(h => h.Id == id);

    /// <summary>A detached copy of a hub's writable values and its involvements (ConceptId, Level), for PATCH to change.</summary>
    private static Hub Copy(Hub hub) => new()
    {
        Id = hub.Id,
        Name = hub.Name,
        Title = hub.Title,
        Description = hub.Description,
        TypeId = hub.TypeId,
        CountryCode = hub.CountryCode,
        NutsCode = hub.NutsCode,
        Website = hub.Website,
        FullAddress = hub.FullAddress,
        Street = hub.Street,
        PostCode = hub.PostCode,
        City = hub.City,
        Involvements = hub.Involvements.Select(i => new Involvement { ConceptId = i.ConceptId, Level = i.Level }).ToList(),
    };
}
