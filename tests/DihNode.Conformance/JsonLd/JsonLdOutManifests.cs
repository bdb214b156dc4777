using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using DihNode.Conformance.Manifests;
using DihNode.Rdf.Model;

namespace DihNode.Conformance.JsonLd;

/// <summary>
/// Reads the JSON-LD test manifests (https://w3c.github.io/json-ld-api/tests/, a JSON document with a
/// <c>sequence</c> of entries) into <see cref="TestEntry"/> rows: <c>@id</c> resolved against the
/// manifest ("…/fromRdf-manifest#t0001"), <c>@type</c> expanded from the <c>jld:</c> prefix,
/// <c>input</c> as the action, <c>expect</c> (an IRI) or <c>expectErrorCode</c> (a literal) as the result.
/// The whole JSON entry (options, context) stays available through <see cref="Entry"/>.
/// </summary>
internal static class JsonLdOutManifests
{
    public const string Vocab = "https://w3c.github.io/json-ld-api/tests/vocab#";

    private static readonly ConcurrentDictionary<string, JsonObject> s_entries = new(StringComparer.Ordinal);

    /// <summary>The manifest's JSON for a test loaded by this reader.</summary>
    public static JsonObject Entry(TestEntry test) =>
        s_entries.TryGetValue(test.Id, out var entry) ? entry : throw new KeyNotFoundException($"<{test.Id}> is not a JSON-LD manifest entry");

    /// <summary>The <c>option</c> member of a test's entry (empty when it has none).</summary>
    public static JsonObject Options(TestEntry test) => Entry(test)["option"] as JsonObject ?? [];

    public static List<TestEntry> Load(Suite suite, string conformanceRoot)
    {
        string folder = Path.Combine(conformanceRoot, suite.Folder);
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"Suite folder {folder} not found.");
        var locator = new DocumentLocator(suite.PublicBase ?? throw new ArgumentException("JSON-LD suites need a public base"), folder);
        var entries = new List<TestEntry>();
        foreach (string name in suite.Manifests)
        {
            string path = Path.Combine(folder, name);
            string manifestIri = locator.IriOf(path);
            string testBase = manifestIri[..^".jsonld".Length];
            var json = JsonNode.Parse(File.ReadAllText(path)) as JsonObject
                ?? throw new InvalidDataException($"{path}: the manifest is not a JSON object");
            var manifest = new LoadedManifest(Iri.FromTrusted(manifestIri), path, new ManifestGraph(), null, locator);
            int position = 0;
            foreach (var item in json["sequence"] as JsonArray ?? throw new InvalidDataException($"{path}: no sequence"))
            {
                position++;
                if (item is not JsonObject entry) throw new InvalidDataException($"{path}: entry {position} is not an object");
                string id = testBase + (entry["@id"]?.GetValue<string>() ?? "#entry" + position);
                var types = (entry["@type"] as JsonArray ?? [entry["@type"]?.DeepClone()])
                    .Select(t => Iri.FromTrusted(Vocab + t!.GetValue<string>().Replace("jld:", "", StringComparison.Ordinal)))
                    .ToList();
                Term? result = entry["expect"]?.GetValue<string>() is { } expect ? Iri.FromTrusted(locator.BaseIri + expect)
                    : entry["expectErrorCode"]?.GetValue<string>() is { } code ? Literal.Simple(code) : null;
                s_entries[id] = entry;
                entries.Add(new TestEntry(
                    id,
                    Iri.FromTrusted(id),
                    entry["name"]?.GetValue<string>() ?? id,
                    types,
                    entry["input"]?.GetValue<string>() is { } input ? Iri.FromTrusted(locator.BaseIri + input) : null,
                    result,
                    null,
                    entry["purpose"]?.GetValue<string>(),
                    manifest));
            }
        }
        return entries;
    }
}
