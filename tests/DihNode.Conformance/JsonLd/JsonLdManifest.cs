using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using DihNode.Conformance.Manifests;
using DihNode.Rdf.Model;

namespace DihNode.Conformance.JsonLd;

/// <summary>One entry of a JSON-LD test manifest, with the IRIs of its files resolved.</summary>
internal sealed record JsonLdTestCase(string Id, JsonObject Entry, string InputUrl, string? ExpectUrl, string? ExpectErrorCode, JsonObject Options)
{
    public string? Option(string name) => Options[name] is JsonValue v ? v.ToString() : null;

    public bool Flag(string name) => Options[name] is JsonValue v && v.TryGetValue(out bool b) && b;
}

/// <summary>
/// Reads the JSON-LD test manifests (*-manifest.jsonld, https://w3c.github.io/json-ld-api/tests/) as
/// plain JSON: "baseIri", and "sequence" entries with @id, @type, input, expect, expectErrorCode and
/// option. Entries become <see cref="TestEntry"/> values for the common runner; their JSON stays
/// available by test IRI through <see cref="Case"/>.
/// </summary>
internal static class JsonLdManifest
{
    /// <summary>The JSON-LD test vocabulary; "jld:" in the manifests.</summary>
    public const string Vocab = "https://w3c.github.io/json-ld-api/tests/vocab#";

    /// <summary>Where the suite is published; file names in the manifests are relative to it.</summary>
    public const string PublicBase = "https://w3c.github.io/json-ld-api/tests/";

    private static readonly ConcurrentDictionary<string, JsonLdTestCase> s_cases = new(StringComparer.Ordinal);

    /// <summary>The JSON of a loaded test.</summary>
    public static JsonLdTestCase Case(string testId) =>
        s_cases.TryGetValue(testId, out var c) ? c : throw new KeyNotFoundException($"<{testId}> is not a loaded JSON-LD test");

    /// <summary>True for manifests this loader reads (by file extension).</summary>
    public static bool Handles(string manifestFile) => manifestFile.EndsWith(".jsonld", StringComparison.Ordinal);

    /// <summary>Loads the entries of one manifest file of the suite folder.</summary>
    public static void Load(string folder, string manifestFile, List<TestEntry> entries)
    {
        string path = Path.Combine(folder, manifestFile);
        var root = JsonNode.Parse(File.ReadAllText(path)) as JsonObject
            ?? throw new InvalidDataException($"{path}: a manifest must be a JSON object");
        string baseIri = root["baseIri"]?.GetValue<string>() ?? PublicBase;
        string manifestIri = baseIri + Path.GetFileNameWithoutExtension(manifestFile);
        var locator = new DocumentLocator(baseIri, folder);
        var manifest = new LoadedManifest(Iri.FromTrusted(manifestIri), path, new ManifestGraph(), null, locator);
        foreach (var node in root["sequence"] as JsonArray ?? [])
        {
            if (node is not JsonObject entry) continue;
            string id = manifestIri + entry["@id"]!.GetValue<string>();
            var types = Strings(entry["@type"]).Select(t => Iri.FromTrusted(t.StartsWith("jld:", StringComparison.Ordinal) ? Vocab + t[4..] : t)).ToList();
            string input = baseIri + entry["input"]!.GetValue<string>();
            string? expect = entry["expect"] is JsonValue e ? baseIri + e.GetValue<string>() : null;
            var testCase = new JsonLdTestCase(id, entry, input, expect, entry["expectErrorCode"]?.GetValue<string>(),
                entry["option"] as JsonObject ?? []);
            s_cases[id] = testCase;
            entries.Add(new TestEntry(
                id,
                Iri.FromTrusted(id),
                entry["name"]?.GetValue<string>() ?? id,
                types,
                Iri.FromTrusted(input),
                expect is null ? null : Iri.FromTrusted(expect),
                null,
                entry["purpose"]?.GetValue<string>(),
                manifest));
        }
    }

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonArray a => a.Select(x => x!.GetValue<string>()),
        JsonValue v => [v.GetValue<string>()],
        _ => [],
    };
}
