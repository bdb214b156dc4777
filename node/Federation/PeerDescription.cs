using System.Text.Json;
using DihNode.Node.Registry;

namespace DihNode.Node.Federation;

/// <summary>
/// What a peer said of itself in its last Hello, as far as the aggregator's catalogue needs it: its catalogue
/// title, publisher, country and public URL. Kept in the registry setting <c>peer/{name}/hello</c> (JSON).
/// </summary>
internal sealed record PeerDescription(string Title, string Publisher, string Country, string PublicUrl)
{
    public static string Key(string peer) => $"peer/{peer}/hello";

    public static PeerDescription From(DihNode.Federation.Protocol.HelloResponse hello)
    {
        string catalog = hello.Endpoints?.Catalog ?? "";
        string root = catalog.EndsWith("/catalog", StringComparison.Ordinal) ? catalog[..^"/catalog".Length] : "";
        return new PeerDescription(hello.CatalogTitle, hello.PublisherName, hello.Country, root);
    }

    public static void Save(NodeStore store, string peer, PeerDescription description)
    {
        string json = JsonSerializer.Serialize(description);
        using var context = store.NewContext();
        var row = context.Settings.Find(Key(peer));
        if (row?.Value == json) return;
        if (row is null) context.Settings.Add(new RegistrySetting { Key = Key(peer), Value = json });
        else row.Value = json;
        context.SaveChanges();
    }

    /// <summary>Every recorded description, by peer name.</summary>
    public static Dictionary<string, PeerDescription> LoadAll(RegistryDbContext context)
    {
        var result = new Dictionary<string, PeerDescription>(StringComparer.Ordinal);
        foreach (var row in context.Settings.Where(s => s.Key.StartsWith("peer/") && s.Key.EndsWith("/hello")).ToList())
        {
            string peer = row.Key["peer/".Length..^"/hello".Length];
            try
            {
                if (JsonSerializer.Deserialize<PeerDescription>(row.Value) is { } d) result[peer] = d;
            }
            catch (JsonException)
            {
                // A damaged row: the catalogue falls back to the peer's name.
            }
        }
        return result;
    }
}
