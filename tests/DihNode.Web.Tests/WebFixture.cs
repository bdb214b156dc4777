using System.Text;
using DihNode.Node.Tests.Cli;
using DihNode.Node.Tests.Server;
using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Evaluation;
using DihNode.Rdf.Sparql.Syntax;
using DihNode.Vocab.Import;
using DihNode.Vocab.Reference;

namespace DihNode.Web.Tests;

/// <summary>
/// A real node on loopback with the EDIH 2025 catalogue (<see cref="NodeFixture"/>), plus one hostile hub
/// whose fields hold markup, script and a spreadsheet formula, so every page can be checked for escaping.
/// </summary>
public sealed class WebFixture : NodeFixture
{
    public const string HostileName = "<script>alert('name')</script>";
    public const string HostileTitle = "\"Quoted\" & <b>bold</b> hub";
    public const string HostileDescription = "=HYPERLINK(\"http://evil.example\",\"click\") <img src=x onerror=alert(1)>";

    public WebFixture()
    {
        string header = "id,name,title,type,country,street,postcode,city,website,description,sectors,services,technologies";
        string row = $"hostile-1,\"{HostileName}\",\"{HostileTitle.Replace("\"", "\"\"", StringComparison.Ordinal)}\",DIH,MT,Main Street 1,VLT 1000,Valletta,https://hostile.example," +
            $"\"{HostileDescription.Replace("\"", "\"\"", StringComparison.Ordinal)}\",,,Cybersecurity=4";
        var reference = ReferenceData.Load(Path.Combine(CliTestHost.SharedRoot(), "data"), Store.Iris);
        var batch = HubImporter.Read(new MemoryStream(Encoding.UTF8.GetBytes(header + "\n" + row + "\n")), HubInputFormat.Csv, reference, "hostile.csv");
        if (batch.Hubs.Count != 1) throw new InvalidOperationException("the hostile hub was not read: " + string.Join("; ", batch.Rejected.SelectMany(p => p)));
        Store.Registry.ImportAsync(batch, null, strict: true).GetAwaiter().GetResult();
    }

    private readonly Lazy<Task<Browser>> _browser = new(Browser.LaunchAsync);

    /// <summary>The one chromium of the test run, launched on first use.</summary>
    public Task<Browser> BrowserAsync() => _browser.Value;

    public override void Dispose()
    {
        if (_browser.IsValueCreated) _browser.Value.GetAwaiter().GetResult().DisposeAsync().AsTask().GetAwaiter().GetResult();
        base.Dispose();
    }

    /// <summary>Runs a SELECT in process on the node's RDF store and returns the first column of the first row as an integer.</summary>
    public long SparqlCount(string query)
    {
        var parsed = SparqlParser.ParseQuery(query);
        var result = (SelectResult)QueryEvaluator.Execute(parsed, Store.Rdf.Snapshot());
        var row = result.Rows.Single();
        return long.Parse(((Literal)row[0]!).LexicalForm, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Hubs in a country (EU authority code, e.g. ESP) with a technology (concept slug), counted by SPARQL over the hubs graph.</summary>
    public long SparqlHubCount(string countryAuthorityCode, string technologySlug) => SparqlCount(
        $"SELECT (COUNT(DISTINCT ?hub) AS ?n) WHERE {{ GRAPH <{Store.Iris.HubsGraph.Value}> {{ " +
        $"?hub a <https://w3id.org/dihnode/ns#Hub> ; <http://purl.org/dc/terms/spatial> <http://publications.europa.eu/resource/authority/country/{countryAuthorityCode}> ; " +
        $"<https://w3id.org/dihnode/ns#involvement>/<https://w3id.org/dihnode/ns#topic> <{Store.Iris.Base}/concept/technology/{technologySlug}> }} }}");
}

[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<WebFixture>
{
    public const string Name = "web";
}
