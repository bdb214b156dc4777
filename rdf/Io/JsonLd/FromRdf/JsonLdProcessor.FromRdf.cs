using System.Text.Json.Nodes;
using DihNode.Rdf.Io.JsonLd.FromRdf;
using DihNode.Rdf.Model;

namespace DihNode.Rdf.Io.JsonLd;

public static partial class JsonLdProcessor
{
    /// <summary>
    /// Serializes a dataset as JSON-LD in expanded form (§9.1 fromRdf(),
    /// https://www.w3.org/TR/json-ld11-api/#dom-jsonldprocessor-fromrdf), honouring
    /// <see cref="JsonLdOptions.Ordered"/>, <see cref="JsonLdOptions.UseNativeTypes"/>,
    /// <see cref="JsonLdOptions.UseRdfType"/>, <see cref="JsonLdOptions.RdfDirection"/> and the processing mode.
    /// </summary>
    public static JsonArray FromRdf(IEnumerable<Quad> dataset, JsonLdOptions? options = null)
    {
        options ??= new JsonLdOptions();
        return RdfToJsonLd.Convert(dataset, new FromRdfOptions
        {
            Ordered = options.Ordered,
            UseNativeTypes = options.UseNativeTypes,
            UseRdfType = options.UseRdfType,
            ProcessingMode = options.ProcessingMode,
            RdfDirection = options.RdfDirection switch
            {
                null => RdfDirectionMode.None,
                "i18n-datatype" => RdfDirectionMode.I18nDatatype,
                "compound-literal" => RdfDirectionMode.CompoundLiteral,
                var other => throw new JsonLdException(JsonLdErrorCode.InvalidBaseDirection, $"rdfDirection \"{other}\" is neither i18n-datatype nor compound-literal"),
            },
        });
    }
}
