using DihNode.Vocab.Profile;

namespace DihNode.Node.LinkedData;

/// <summary>
/// Between the node's IRIs and its request paths: an IRI under the base IRI is served at the path that
/// follows the base (<c>{base}/hub/x</c> at <c>/hub/x</c>), so pages link to the node they are served
/// from whatever host name the client used; other IRIs stay absolute.
/// </summary>
internal static class NodePaths
{
    public static string Local(ProfileIris iris, string iri) =>
        iri.Length > iris.Base.Length && iri.StartsWith(iris.Base, StringComparison.Ordinal) && iri[iris.Base.Length] == '/'
            ? iri[iris.Base.Length..] : iri;
}
